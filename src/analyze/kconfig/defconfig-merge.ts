// `make <name>_defconfig` and `make defconfig` as make does them, without running anything: the
// target's rule, read from arch/$SRCARCH/Makefile (arch-makefile.ts), becomes a plan of steps —
// conf --defconfig on a file, merge_config.sh -m of fragments, olddefconfig, cp, mips'
// generic-board-config.sh — which targets.ts runs with the engine.
import { KreviewError } from '../../domain/errors.ts';
import {
  type ArchMake,
  type MakeHost,
  readArchMakefile,
  shellWords,
  srcarchFromMakefile,
  subarchFromInclude,
  X86_64_HOST,
} from './arch-makefile.ts';
import type { ConfResult, ConfWarning, KconfigEnv } from './engine.ts';
import type { KconfigFiles } from './files.ts';

/** How the tree's scripts/kconfig/merge_config.sh merges (6.12: grep/sed per symbol; 7.x: awk). */
export type MergeFlavour = 'sed' | 'awk';

const CFG_SET = /^(CONFIG_[a-zA-Z0-9_]*)=.*/;
const CFG_UNSET = /^# (CONFIG_[a-zA-Z0-9_]*) is not set$/;

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function joinLines(l: readonly string[]): string {
  return l.length === 0 ? '' : `${l.join('\n')}\n`;
}

// grep -w: the word with no word character either side
function hasWord(line: string, word: string): boolean {
  let i = line.indexOf(word);
  while (i >= 0) {
    const before = line[i - 1];
    const after = line[i + word.length];
    const w = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
    if (!w(before) && !w(after)) return true;
    i = line.indexOf(word, i + 1);
  }
  return false;
}

// One fragment into the merged text, as 6.12's loop of grep -w / sed -i "/$CFG[ =]/d" does.
function mergeSed(base: string, fragment: string): string {
  let tmp = lines(base);
  const frag = lines(fragment);
  for (const line of frag) {
    const cfg = CFG_SET.exec(line)?.[1] ?? CFG_UNSET.exec(line)?.[1];
    if (cfg === undefined) continue;
    if (!tmp.some((l) => hasWord(l, cfg))) continue;
    const rx = new RegExp(`${cfg}[ =]`);
    tmp = tmp.filter((l) => !rx.test(l));
  }
  return `${joinLines(tmp)}\n${joinLines(frag)}`;
}

// One fragment, as 7.x's awk program does: base lines whose symbol the fragment sets are dropped
// (kept when `=n` meets "is not set"), then the fragment is appended.
function mergeAwk(base: string, fragment: string): string {
  const frag = lines(fragment);
  const cfgOf = (line: string) =>
    /^CONFIG_[a-zA-Z0-9_]+/.exec(line)?.[0] ??
    /^# (CONFIG_[a-zA-Z0-9_]+) is not set$/.exec(line)?.[1];
  const merge = new Map<string, string>();
  for (const line of frag) {
    const cfg = cfgOf(line);
    if (cfg !== undefined) merge.set(cfg, line);
  }
  const out: string[] = [];
  for (const line of lines(base)) {
    const cfg = cfgOf(line);
    const next = cfg === undefined ? undefined : merge.get(cfg);
    if (next === undefined) out.push(line);
    else if (line !== next && /=n$/.test(line) && / is not set$/.test(next)) out.push(line);
  }
  return `${joinLines(out)}\n${joinLines(frag)}`;
}

/** merge_config.sh -m: the base, then each fragment in order (a later one wins). */
export function mergeFragments(
  flavour: MergeFlavour,
  base: string,
  fragments: readonly string[],
): string {
  let text = base;
  for (const f of fragments) text = flavour === 'awk' ? mergeAwk(text, f) : mergeSed(text, f);
  return text;
}

/** Which merge the tree's merge_config.sh does. */
export function mergeFlavourOf(mergeConfigSh: string | undefined): MergeFlavour {
  return mergeConfigSh?.includes('"$AWK"') ? 'awk' : 'sed';
}

/**
 * mips' generic-board-config.sh: whether a board fragment's `# require CONFIG_X=y|n` lines hold
 * in the reference .config.
 */
export function boardRequirementsMet(board: string, refConfig: string): boolean {
  const ref = new Set(lines(refConfig));
  for (const line of lines(board)) {
    if (!line.startsWith('# require ')) continue;
    const req = line.split(' ').slice(2).join(' ');
    if (req.endsWith('=y')) {
      if (!ref.has(req)) return false;
    } else if (req.endsWith('=n')) {
      if (ref.has(`${req.slice(0, -2)}=y`)) return false;
    } else return false;
  }
  return true;
}

/** One step of a defconfig plan. Paths starting `@O/` are in the build directory. */
// `quiet`: the make that runs this conf has its stdout sent to /dev/null (mips' first
// olddefconfig), so conf's messages of that run are not printed.
export type PlanStep =
  | { readonly kind: 'defconfig'; readonly file: string; readonly quiet?: boolean }
  | {
      readonly kind: 'merge';
      readonly out: string;
      readonly base: string;
      readonly fragments: readonly string[];
    }
  | { readonly kind: 'olddefconfig'; readonly config: string; readonly quiet?: boolean }
  | { readonly kind: 'copy'; readonly from: string; readonly to: string }
  | {
      readonly kind: 'boards';
      readonly ref: string;
      readonly config: string;
      readonly boards: readonly string[];
    };

/** What `make NAME` does for Kconfig, and the tree files it reads. */
export interface DefconfigPlan {
  readonly target: string;
  readonly steps: readonly PlanStep[];
  readonly flavour: MergeFlavour;
  /** Tree files the steps read (undefined: absent). */
  readonly files: ReadonlyMap<string, string | undefined>;
}

const BUILD = '@O';
const KCONFIG_CONFIG = `${BUILD}/.config`;

// "./arch/x" → "arch/x"; the build dir as @O/…; a bare relative name is in the build dir.
function normalisePath(p: string): string {
  let s = p.replace(/\/+/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  if (s.startsWith(`${BUILD}/`)) return s;
  if (s === '.config' || s.startsWith('.config.')) return `${BUILD}/${s}`;
  return s;
}

/** The file list `$(wildcard)` matches against (tree paths, no leading ./). */
function globMatcher(list: readonly string[]): (pattern: string) => string[] {
  return (pattern) => {
    const p = normalisePath(pattern);
    const rx = new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')}$`,
    );
    return list
      .filter((f) => rx.test(f))
      .sort()
      .map((f) => `./${f}`);
  };
}

/** The Makefile inputs of a plan, read once. */
export interface ArchMakeInputs {
  readonly arch: string;
  readonly srcarch: string;
  readonly subarch: string;
  readonly archMakefile: string;
  /** Every file under arch/$SRCARCH/configs, for $(wildcard). */
  readonly configFiles: readonly string[];
  readonly mergeConfigSh: string | undefined;
}

/** Reads what the plan needs from the tree: Makefiles, subarch.include, the configs listing. */
export async function readArchMakeInputs(
  files: KconfigFiles,
  arch: string,
  srcarchGiven?: string,
): Promise<ArchMakeInputs> {
  const top = (await files.read('Makefile')) ?? '';
  const srcarch = srcarchGiven ?? srcarchFromMakefile(top, arch);
  const subarch = subarchFromInclude((await files.read('scripts/subarch.include')) ?? '');
  const archMakefile = (await files.read(`arch/${srcarch}/Makefile`)) ?? '';
  const configFiles = (await files.list?.(`arch/${srcarch}/configs`)) ?? [];
  const mergeConfigSh = await files.read('scripts/kconfig/merge_config.sh');
  return { arch, srcarch, subarch, archMakefile, configFiles, mergeConfigSh };
}

/** Reads the arch Makefile for ARCH (and make command-line variables). */
export function archMake(
  inputs: ArchMakeInputs,
  commandLine: Readonly<Record<string, string>> = {},
  host: MakeHost = X86_64_HOST,
): ArchMake {
  return readArchMakefile(
    inputs.archMakefile,
    inputs,
    { ...host, wildcard: globMatcher(inputs.configFiles) },
    commandLine,
  );
}

/** A rule that fails on purpose (mips' generic_defconfig): make refuses even where a file exists. */
export class MakeRuleRefused extends KreviewError {
  constructor(message: string) {
    super(message, 'INPUT_NOT_FOUND');
  }
}

function fail(target: string, why: string): never {
  throw new KreviewError(`Cannot run "make ${target}": ${why}`, 'INPUT_NOT_FOUND');
}

/**
 * The steps of `make NAME` (a *_defconfig, `defconfig` itself, or a fragment NAME.config), as the
 * arch Makefile's rules give them; `exists` says whether a tree file is there (for the
 * `%_defconfig` pattern rule and the defconfig rule's $(wildcard)).
 */
export function planSteps(
  inputs: ArchMakeInputs,
  target: string,
  exists: (path: string) => boolean,
  commandLine: Readonly<Record<string, string>> = {},
  depth = 0,
): PlanStep[] {
  if (depth > 8) fail(target, 'recursive make goes too deep');
  const am = archMake(inputs, commandLine);
  const configs = `arch/${inputs.srcarch}/configs`;
  if (target === 'defconfig') {
    const name = am.kbuildDefconfig;
    if (exists(`${configs}/${name}`)) return [{ kind: 'defconfig', file: `${configs}/${name}` }];
    // No KBUILD_DEFCONFIG (or one named "defconfig") and no such file: conf cannot find it.
    if (name === '' || name === 'defconfig')
      fail(target, `can't find default configuration "${configs}/defconfig"`);
    return planSteps(inputs, name, exists, commandLine, depth + 1);
  }
  if (target === 'olddefconfig') return [{ kind: 'olddefconfig', config: KCONFIG_CONFIG }];
  const rule = am.reader.rules.get(target);
  if (rule !== undefined && (rule.recipe.length > 0 || rule.prereqs.length > 0)) {
    const steps: PlanStep[] = [];
    for (const p of rule.prereqs) {
      const pr = am.reader.rules.get(p);
      if ((pr !== undefined && pr.recipe.length > 0) || /^[^/]*_defconfig$/.test(p))
        steps.push(...planSteps(inputs, p, exists, commandLine, depth + 1));
    }
    const locals = { '@': target, '^': rule.prereqs.join(' '), '<': rule.prereqs[0] ?? '' };
    for (const raw of rule.recipe) {
      const expanded = am.reader.expand(raw, locals);
      for (const cmd of expanded.split('\n')) {
        steps.push(...commandSteps(inputs, target, cmd, exists, commandLine, depth));
      }
    }
    return steps;
  }
  if (target.endsWith('.config')) {
    const frags = [`kernel/configs/${target}`, `${configs}/${target}`].filter(exists);
    if (frags.length === 0) fail(target, `${target} fragment does not exists on this architecture`);
    return [
      { kind: 'merge', out: KCONFIG_CONFIG, base: KCONFIG_CONFIG, fragments: frags },
      { kind: 'olddefconfig', config: KCONFIG_CONFIG },
    ];
  }
  if (target.endsWith('_defconfig') && exists(`${configs}/${target}`))
    return [{ kind: 'defconfig', file: `${configs}/${target}` }];
  fail(target, `can't find default configuration "${configs}/${target}"`);
}

// One recipe command line as plan steps.
function commandSteps(
  inputs: ArchMakeInputs,
  target: string,
  line: string,
  exists: (path: string) => boolean,
  commandLine: Readonly<Record<string, string>>,
  depth: number,
): PlanStep[] {
  const cmd = line.trim().replace(/^[@+-]+/, '');
  if (cmd === '') return [];
  const stage = (cmd.split(/\s\|\s/)[0] ?? '').trim();
  // words, without shell redirections (`>/dev/null`, `2>&1`, `> file`)
  const argv: string[] = [];
  const all = shellWords(stage);
  for (let i = 0; i < all.length; i++) {
    const a = all[i] as string;
    if (/^\d*(>>?|<)(&\d+)?$/.test(a)) i++;
    else if (!/^\d*(>>?|<)/.test(a)) argv.push(a);
  }
  let prog = argv[0] ?? '';
  if ((prog === 'sh' || prog === 'bash' || prog === '/bin/sh') && argv.length > 1) {
    argv.shift();
    prog = argv[0] ?? '';
  }
  const args = argv.slice(1);
  if (prog.endsWith('scripts/kconfig/merge_config.sh')) {
    const files: string[] = [];
    let mOnly = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '-m') mOnly = true;
      else if (a === '-O') i++;
      else if (/^-[nrysQ]$/.test(a)) continue;
      else files.push(normalisePath(a));
    }
    const [base, ...fragments] = files;
    if (!mOnly || base === undefined)
      fail(target, `merge_config.sh without -m is not modelled: ${cmd}`);
    const out = commandLine.KCONFIG_CONFIG
      ? normalisePath(commandLine.KCONFIG_CONFIG)
      : KCONFIG_CONFIG;
    return [{ kind: 'merge', out, base, fragments }];
  }
  if (prog.endsWith('generic-board-config.sh')) {
    // srctree objtree ref_cfg cfg boards_origin boards…
    const [, , ref, config, , ...boards] = args;
    if (ref === undefined || config === undefined) fail(target, `cannot read: ${cmd}`);
    return [{ kind: 'boards', ref: normalisePath(ref), config: normalisePath(config), boards }];
  }
  if (prog === 'cp') {
    const paths = args.filter((a) => !a.startsWith('-'));
    if (paths.length !== 2) fail(target, `cannot read: ${cmd}`);
    return [
      {
        kind: 'copy',
        from: normalisePath(paths[0] as string),
        to: normalisePath(paths[1] as string),
      },
    ];
  }
  if (prog === 'make') {
    const vars: Record<string, string> = { ...commandLine };
    const goals: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '-f' || a === '-C') i++;
      else if (a.startsWith('-')) continue;
      else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
        const eq = a.indexOf('=');
        vars[a.slice(0, eq)] = a.slice(eq + 1);
      } else goals.push(a);
    }
    const steps: PlanStep[] = [];
    for (const goal of goals) {
      if (goal === 'olddefconfig') {
        const config = vars.KCONFIG_CONFIG ? normalisePath(vars.KCONFIG_CONFIG) : KCONFIG_CONFIG;
        steps.push({ kind: 'olddefconfig', config });
      } else steps.push(...planSteps(inputs, goal, exists, vars, depth + 1));
    }
    const quiet = /(^|\s)1?>\s*\/dev\/null(\s|$)/.test(stage);
    if (!quiet) return steps;
    return steps.map((st) =>
      st.kind === 'defconfig' || st.kind === 'olddefconfig' ? { ...st, quiet: true } : st,
    );
  }
  if (prog === 'echo' || prog === 'true' || prog === ':') return [];
  // a loop that only prints (mips' list of generic targets)
  if (/^for\s.*;\s*do\s+echo\b[^;]*;\s*done$/.test(stage)) return [];
  if (prog === 'false' || prog === 'exit')
    throw new MakeRuleRefused(`Cannot run "make ${target}": its rule refuses to run it directly`);
  fail(target, `its recipe runs a command kreview does not model: ${cmd}`);
}

/** Tree files a plan's steps read (build-dir files excluded). */
export function planReads(steps: readonly PlanStep[], srcarch: string): string[] {
  const out = new Set<string>();
  const tree = (p: string) => {
    if (!p.startsWith(`${BUILD}/`)) out.add(p);
  };
  for (const s of steps) {
    if (s.kind === 'defconfig') tree(s.file);
    else if (s.kind === 'merge') {
      tree(s.base);
      for (const f of s.fragments) tree(f);
    } else if (s.kind === 'copy') tree(s.from);
    else if (s.kind === 'boards')
      for (const b of s.boards) tree(`arch/${srcarch}/configs/generic/board-${b}.config`);
  }
  return [...out];
}

/**
 * The plan of `make NAME` on this tree. Tree files are looked up through `files` (for existence
 * as well as text); the few candidates a rule may test are read first.
 */
export async function planDefconfig(
  files: KconfigFiles,
  inputs: ArchMakeInputs,
  target: string,
): Promise<DefconfigPlan> {
  const texts = new Map<string, string | undefined>();
  const listed = new Set(inputs.configFiles);
  // Existence answered from the configs listing when there is one, else by reading.
  const pending = new Set<string>();
  const exists = (p: string) => {
    if (texts.has(p)) return texts.get(p) !== undefined;
    if (listed.has(p)) return true;
    pending.add(p);
    return false;
  };
  let steps: PlanStep[] = [];
  // Re-plan while existence checks asked about files not read yet (at most a few rounds).
  for (let round = 0; round < 4; round++) {
    pending.clear();
    let error: unknown;
    try {
      steps = planSteps(inputs, target, exists);
    } catch (err) {
      error = err;
    }
    if (pending.size === 0) {
      if (error !== undefined) throw error;
      break;
    }
    for (const p of pending) texts.set(p, await files.read(p));
  }
  for (const p of planReads(steps, inputs.srcarch))
    if (!texts.has(p)) texts.set(p, await files.read(p));
  return { target, steps, flavour: mergeFlavourOf(inputs.mergeConfigSh), files: texts };
}

/** One conf run of a plan (its warnings as data when the runner keeps them). */
type StepResult = Omit<ConfResult, 'warnings'> & { readonly warnings?: readonly ConfWarning[] };

/** What running a plan needs from the engine: conf's defconfig and olddefconfig. */
export interface PlanRunner {
  defconfig(text: string, path: string): StepResult;
  olddefconfig(config: string): StepResult;
}

/** Runs a plan; the result is the last conf run's, with the .config make leaves. */
export function runPlan(plan: DefconfigPlan, srcarch: string, run: PlanRunner): ConfResult {
  const build = new Map<string, string>();
  const read = (p: string): string => {
    const t = p.startsWith(`${BUILD}/`) ? build.get(p) : plan.files.get(p);
    if (t === undefined)
      throw new KreviewError(
        `Cannot run "make ${plan.target}": "${p.replace(`${BUILD}/`, '')}" does not exist`,
        'INPUT_NOT_FOUND',
      );
    return t;
  };
  let last: StepResult | undefined;
  let stderr = '';
  const warnings: ConfWarning[] = [];
  // every conf run make does prints its messages, unless that make's stdout goes to /dev/null
  let stdout = '';
  for (const s of plan.steps) {
    if (s.kind === 'defconfig') {
      last = run.defconfig(read(s.file), s.file);
      build.set(KCONFIG_CONFIG, last.config);
    } else if (s.kind === 'olddefconfig') {
      last = run.olddefconfig(build.get(s.config) ?? '');
      build.set(s.config, last.config);
    } else if (s.kind === 'merge') {
      const base = s.base === KCONFIG_CONFIG && !build.has(s.base) ? '' : read(s.base);
      build.set(s.out, mergeFragments(plan.flavour, base, s.fragments.map(read)));
    } else if (s.kind === 'copy') build.set(s.to, read(s.from));
    else {
      for (const b of s.boards) {
        const path = `arch/${srcarch}/configs/generic/board-${b}.config`;
        const text = plan.files.get(path);
        if (text === undefined) continue;
        if (!boardRequirementsMet(text, read(s.ref))) continue;
        build.set(KCONFIG_CONFIG, mergeFragments(plan.flavour, read(s.config), [text]));
      }
    }
    if (last !== undefined && (s.kind === 'defconfig' || s.kind === 'olddefconfig')) {
      stderr += last.stderr;
      warnings.push(...(last.warnings ?? []));
      if (s.quiet !== true) stdout += last.stdout;
    }
  }
  if (last === undefined) fail(plan.target, 'its rule runs no configuration');
  return { config: build.get(KCONFIG_CONFIG) ?? last.config, stdout, stderr, warnings };
}

/**
 * The environment with what arch/$SRCARCH/Makefile exports to Kconfig added (um's SUBARCH and
 * HEADER_ARCH); values the caller gave win.
 */
export async function withArchExports(files: KconfigFiles, env: KconfigEnv): Promise<KconfigEnv> {
  let exports: Readonly<Record<string, string>>;
  try {
    exports = archMake(await readArchMakeInputs(files, env.arch, env.srcarch)).kconfigExports;
  } catch {
    return env;
  }
  if (Object.keys(exports).length === 0) return env;
  return { ...env, extra: { ...exports, ...env.extra } };
}

/**
 * The *_defconfig targets the arch Makefile's rules make (ppc64le_defconfig, 32r2el_defconfig,
 * ocelot_defconfig, …), not files under configs, sorted; a rule that refuses to run (mips'
 * generic_defconfig) is left out. For the differential's lists of named defconfigs, beside
 * arch/$SRCARCH/configs/*_defconfig.
 */
export function generatedDefconfigTargets(inputs: ArchMakeInputs): string[] {
  const rules = archMake(inputs).reader.rules;
  const listed = new Set(inputs.configFiles);
  const runs = (name: string) => {
    try {
      planSteps(inputs, name, (p) => listed.has(p) || p.startsWith('kernel/configs/'));
      return true;
    } catch {
      return false;
    }
  };
  return [...rules.entries()]
    .filter(
      ([name, r]) =>
        /^[^/%]+_defconfig$/.test(name) && (r.recipe.length > 0 || r.prereqs.length > 0),
    )
    .map(([name]) => name)
    .filter(runs)
    .sort();
}
