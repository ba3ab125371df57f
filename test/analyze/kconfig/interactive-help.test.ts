// conf's help text for a question answered '?' (print_help): the interactive modes of
// bin/kreview-conf against the kernel's own conf of both trees, stdout, stderr and .config byte for
// byte, on a tree whose entries print every part of it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const KREVIEW_CONF = path.resolve(import.meta.dirname, '../../../bin/kreview-conf');
const confOf = (tree: string) =>
  path.join(homedir(), `.cache/kreview/${tree}-build/scripts/kconfig/conf`);

// help with paragraphs and deeper indentation, none at all, a choice's and a member's; prompts
// visible under other conditions than their dependencies ("visible if", "if"); int and hex ranges;
// a second definition without prompt; select and imply at y and m; an automatic submenu.
const TREE = `mainmenu "Help test"

config MODULES
\tbool "modules"
\tmodules
\thelp
\t  Modules help.

\t  Second paragraph, indented
\t    further here.

menu "Drivers"
\tvisible if MODULES

config A
\ttristate "a"
\tselect B
\timply C
\thelp
\t  A help.

if A

config B
\tbool "b" if MODULES
\tdepends on A

config C
\ttristate "c"

endif

config M
\ttristate "m"
\tselect SEL

config T
\ttristate "t, at most M"
\tdepends on M

config SEL
\ttristate "sel"
\thelp
\t  Selected.

config N
\tint "n"
\trange 1 5 if A
\trange 2 N2
\tdefault 3

config H
\thex "h"
\trange 0x10 0xff
\tdefault 0x20

config S
\tstring "s" if M = m
\tdefault "x"

config N2
\tint
\tdefault 7

config A
\tdepends on MODULES

choice
\tprompt "pick"
\thelp
\t  choice help

config P1
\tbool "p1"
\thelp
\t  p1 help

config P2
\tbool "p2"

endchoice

endmenu

menuconfig SUB
\tbool "sub"
\tdepends on !A || M

config SUB_X
\tbool "sub x"
\tdepends on SUB
`;

// Each question is first answered '?', then a value; 'y' for a tristate limited to m is refused
// and conf prints the help again; '1?' asks for the help of the first member of the choice.
const ANSWERS = [
  ...['?', 'y', '?', 'm', '?', 'n', 'm', '?', 'y', '?', '', '?', '', '?', '', '?', ''],
  ...['?', '?', '', '?', '1?', '2', '?', 'y', '?', ''],
]
  .map((a) => `${a}\n`)
  .join('');

function run(cmd: string, args: string[], cwd: string) {
  return new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
    const child = execFile(
      cmd,
      args,
      { cwd, env: { PATH: process.env.PATH, srctree: cwd } },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error === null ? 0 : Number(error.code ?? 1) }),
    );
    child.stdin?.end(ANSWERS);
  });
}

async function oldaskconfig(cmd: string, args: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kreview-conf-help-'));
  try {
    await writeFile(path.join(dir, 'Kconfig'), TREE);
    const result = await run(cmd, [...args, '--oldaskconfig', 'Kconfig'], dir);
    return { ...result, config: await readFile(path.join(dir, '.config'), 'utf8').catch(() => '') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

for (const tree of ['linux-6.12', 'linux-7.3']) {
  describe.skipIf(!existsSync(confOf(tree)))(`'?' in kreview-conf --oldaskconfig (${tree})`, () => {
    it("prints conf's help text for every kind of entry, byte for byte", async () => {
      const want = await oldaskconfig(confOf(tree), []);
      expect(want.stdout).toContain('Selected by [m]:\n  - M [=m]\n');
      const got = await oldaskconfig(process.execPath, [KREVIEW_CONF]);
      expect(got).toEqual(want);
    });
  });
}
