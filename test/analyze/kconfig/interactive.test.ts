// conf's interactive modes on a small tree: the questions, what is echoed and the .config, as
// 6.12's conf printed them for the same answers (7.3's prints the same).
import { describe, expect, it } from 'vitest';
import { loadTree } from './helpers.ts';

const TREE = `mainmenu "Test"
config MODULES
\tbool "modules"
\tmodules
menu "Drivers"
config A
\ttristate "a"
if A
config B
\tbool "b"
endif
comment "strings"
config S
\tstring "s"
\tdefault "x"
config N
\tint "n"
\trange 1 5
\tdefault 3
choice
\tprompt "pick"
config P1
\tbool "p1"
config P2
\tbool "p2"
endchoice
endmenu
`;

// Answers fed one line at a time; after the last, end of input as conf sees it.
function terminal(lines: readonly string[]) {
  const queue = [...lines];
  let out = '';
  return {
    term: {
      readLine: async () => queue.shift() ?? null,
      write: (s: string) => {
        out += s;
      },
      tty: false,
    },
    out: () => out,
  };
}

describe('ask()', () => {
  it('oldaskconfig asks every question and takes the answers, re-asking an out-of-range one', async () => {
    const k = await loadTree({ Kconfig: TREE });
    const t = terminal(['y\n', 'y\n', 'n\n', 'hello\n', '9\n', '4\n', '2\n']);
    const r = await k.ask('oldaskconfig', '', t.term);
    expect(t.out() + r.stdout).toBe(`*
* Test
*
modules (MODULES) [N/y/?] (NEW) y
*
* Drivers
*
a (A) [N/m/y/?] (NEW) y
  b (B) [N/y/?] (NEW) n
*
* strings
*
s (S) [x] (NEW) hello
n (N) [3] (NEW) 9
n (N) [3] (NEW) 4
pick
> 1. p1 (P1) (NEW)
  2. p2 (P2) (NEW)
choice[1-2?]: 2
#
# configuration written to .config
#
`);
    expect(r.config).toBe(`#
# Automatically generated file; DO NOT EDIT.
# Test
#
CONFIG_MODULES=y

#
# Drivers
#
CONFIG_A=y
# CONFIG_B is not set

#
# strings
#
CONFIG_S="hello"
CONFIG_N=4
# CONFIG_P1 is not set
CONFIG_P2=y
# end of Drivers
`);
    expect(r.stderr).toBe('');
  });

  it('oldconfig asks only the new symbols, in the menus that hold them, Enter keeping each default', async () => {
    const k = await loadTree({ Kconfig: TREE });
    const t = terminal(Array.from({ length: 20 }, () => '\n'));
    const r = await k.ask('oldconfig', 'CONFIG_MODULES=y\nCONFIG_A=m\n', t.term);
    expect(t.out() + r.stdout).toBe(`*
* Restart config...
*
*
* Drivers
*
a (A) [M/n/y/?] m
  b (B) [N/y/?] (NEW) 
*
* strings
*
s (S) [x] (NEW) 
n (N) [3] (NEW) 
pick
> 1. p1 (P1) (NEW)
  2. p2 (P2) (NEW)
choice[1-2?]: 
#
# configuration written to .config
#
`);
    expect(r.config).toBe(`#
# Automatically generated file; DO NOT EDIT.
# Test
#
CONFIG_MODULES=y

#
# Drivers
#
CONFIG_A=m
# CONFIG_B is not set

#
# strings
#
CONFIG_S="x"
CONFIG_N=3
CONFIG_P1=y
# CONFIG_P2 is not set
# end of Drivers
`);
  });
});
