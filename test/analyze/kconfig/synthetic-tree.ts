// Random small Kconfig trees for the synthetic differential: bool/tristate/int/hex/string symbols,
// prompts with conditions, depends on, defaults, select, imply, ranges, menus with `visible if`,
// `if` blocks, comments, choices and the MODULES symbol. Dependencies point one way through the
// file (selects the other way), so the trees have no dependency cycles: forward by default, or
// backward (`reverse`), where entries depend on the ones before them and conf builds automatic
// submenus. `badProps` adds properties conf warns about (ranges on bools, redefined prompts, …).

/** A deterministic generator (an LCG), so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

interface GenSym {
  readonly name: string;
  type: string;
}

/** How a synthetic tree is shaped. */
export interface SyntheticShape {
  readonly reverse?: boolean;
  readonly badProps?: boolean;
}

/** One random tree (the file "Kconfig") and a random .config for it. */
export function syntheticCase(
  seed: number,
  shape: SyntheticShape = {},
): { kconfig: string; config: string } {
  const rev = shape.reverse === true;
  const rnd = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const n = 6 + Math.floor(rnd() * 14);
  // block conditions use symbols outside every block: the last four, or the first four (reverse)
  const tail = rev ? 4 : n - 4;
  const types = ['bool', 'bool', 'tristate', 'tristate', 'int', 'hex', 'string'];
  const syms: GenSym[] = Array.from({ length: n }, (_, i) => ({
    name: `S${i}`,
    type: pick(types),
  }));
  const tristates = (i: number) =>
    (rev ? syms.slice(0, i) : syms.slice(i + 1)).filter(
      (s) => s.type === 'bool' || s.type === 'tristate' || s.type === 'member',
    );
  const atom = (i: number): string => {
    const c = tristates(i);
    if (c.length === 0) return pick(['y', 'n', 'm']);
    const s = pick(c);
    const r = rnd();
    if (r < 0.15) return `${s.name}=${pick(['y', 'm', 'n'])}`;
    // conf 6.12 mis-transforms "BOOL!=y" (it builds a negation of a symbol pointer): not generated
    if (r < 0.25) return `${s.name}!=${pick(s.type !== 'tristate' ? ['m', 'n'] : ['y', 'm', 'n'])}`;
    if (r < 0.3) return 'MODULES';
    if (r < 0.35) return 'm';
    return s.name;
  };
  const expr = (i: number, d = 0): string => {
    const r = rnd();
    if (d > 2 || r < 0.4) return atom(i);
    if (r < 0.55) return `!${rnd() < 0.5 ? atom(i) : `(${expr(i, d + 1)})`}`;
    if (r < 0.8) return `${expr(i, d + 1)} && ${expr(i, d + 1)}`;
    return `(${expr(i, d + 1)} || ${expr(i, d + 1)})`;
  };
  const cond = (i: number, p: number) => (rnd() < p ? ` if ${expr(i)}` : '');
  const out = ['mainmenu "Synthetic"', '', 'config MODULES', '\tbool "modules"', '\tmodules'];
  if (rnd() < 0.5) out.push('\tdefault y');
  out.push('');
  const open: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = syms[i] as GenSym;
    if (s.type === 'member') continue;
    const r = rnd();
    const outside = rev ? i < tail : i >= tail;
    if (outside) {
      if (!rev) while (open.length > 0) out.push(open.pop() as string);
    } else if (r < 0.1) {
      out.push(`menu "M${i}"`);
      if (rnd() < 0.4) out.push(`\tdepends on ${expr(tail)}`);
      if (rnd() < 0.3) out.push(`\tvisible if ${expr(tail)}`);
      open.push('endmenu');
    } else if (r < 0.2) {
      out.push(`if ${expr(tail)}`);
      open.push('endif');
    } else if (r < 0.25)
      out.push(`comment "C${i}"`, rnd() < 0.5 ? `\tdepends on ${expr(tail)}` : '');
    else if (r < 0.32 && open.length > 0) out.push(open.pop() as string);
    const end = rev ? n : tail;
    // what a choice's conditions may name: symbols before it (reverse) or after all of it
    const around = rev ? i : tail - 1;
    if (r > 0.9 && s.type === 'bool' && i + 2 < end) {
      const members = [s];
      for (let j = i + 1; j < end && members.length < 3; j++)
        if (syms[j]?.type === 'bool') members.push(syms[j] as GenSym);
      if (members.length >= 2) {
        out.push('choice', `\tprompt "ch${i}"`);
        if (rnd() < 0.5) out.push(`\tdepends on ${atom(around)}`);
        if (rnd() < 0.6)
          out.push(`\tdefault ${pick(members).name}${rnd() < 0.3 ? ` if ${atom(around)}` : ''}`);
        for (const m of members) {
          out.push(`config ${m.name}`, `\tbool "${m.name}"`);
          if (rnd() < 0.3) out.push(`\tdepends on ${atom(around)}`);
          out.push('');
          m.type = 'member';
        }
        out.push('endchoice', '');
        continue;
      }
    }
    out.push(`${rnd() < 0.15 ? 'menuconfig' : 'config'} ${s.name}`);
    out.push(`\t${s.type}${rnd() < 0.7 ? ` "p${i}"${cond(i, 0.2)}` : ''}`);
    if (rnd() < 0.5) out.push(`\tdepends on ${expr(i)}`);
    if (shape.badProps === true && rnd() < 0.15)
      out.push(
        pick([
          '\trange 1 5',
          `\tdefault ${expr(i)} && y`,
          '\tdefault zz',
          `\t${pick(['bool', 'int', 'string'])}`,
          '\tprompt "again"',
          '\tprompt " lead"',
        ]),
      );
    if (s.type === 'bool' || s.type === 'tristate') {
      const defaults = Math.floor(rnd() * 3);
      for (let k = 0; k < defaults; k++)
        out.push(`\tdefault ${pick(['y', 'm', 'n', expr(i)])}${cond(i, 0.5)}`);
      const lower = (rev ? syms.slice(i + 1) : syms.slice(0, i)).filter(
        (x) => x.type === 'bool' || x.type === 'tristate',
      );
      if (lower.length > 0 && rnd() < 0.5) out.push(`\tselect ${pick(lower).name}${cond(i, 0.4)}`);
      if (lower.length > 0 && rnd() < 0.3) out.push(`\timply ${pick(lower).name}${cond(i, 0.4)}`);
    } else if (s.type === 'int') {
      if (rnd() < 0.6)
        out.push(`\trange ${Math.floor(rnd() * 5)} ${5 + Math.floor(rnd() * 10)}${cond(i, 0.3)}`);
      if (rnd() < 0.7) out.push(`\tdefault ${Math.floor(rnd() * 20)}${cond(i, 0.4)}`);
    } else if (s.type === 'hex') {
      if (rnd() < 0.5) out.push(`\trange 0x10 0x${(32 + Math.floor(rnd() * 200)).toString(16)}`);
      if (rnd() < 0.7) out.push(`\tdefault 0x${Math.floor(rnd() * 300).toString(16)}`);
    } else if (rnd() < 0.7) out.push(`\tdefault "${pick(['a', 'b\\"q', 'c d', ''])}"`);
    out.push('');
  }
  while (open.length > 0) out.push(open.pop() as string);
  const kconfig = `${out.filter((l, k, a) => !(l === '' && a[k - 1] === '')).join('\n')}\n`;
  return { kconfig, config: randomConfig(syms, rnd, pick) };
}

function randomConfig(
  syms: readonly GenSym[],
  rnd: () => number,
  pick: <T>(a: readonly T[]) => T,
): string {
  const lines: string[] = [];
  for (const s of [{ name: 'MODULES', type: 'bool' }, ...syms]) {
    if (rnd() < 0.4) continue;
    if (s.type === 'int') lines.push(`CONFIG_${s.name}=${pick(['3', '100', '0', 'x'])}`);
    else if (s.type === 'hex')
      lines.push(`CONFIG_${s.name}=${pick(['0x20', '0x5', '0xfff', '77'])}`);
    else if (s.type === 'string')
      lines.push(`CONFIG_${s.name}=${pick(['"z"', '"a\\\\b"', 'bad'])}`);
    else {
      const v = pick(['y', 'm', 'n', 'n']);
      lines.push(
        v === 'n' && rnd() < 0.5 ? `# CONFIG_${s.name} is not set` : `CONFIG_${s.name}=${v}`,
      );
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  return lines.map((l) => `${l}\n`).join('');
}
