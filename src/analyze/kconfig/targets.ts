import { KreviewError } from '../../domain/errors.ts';
import { readConfig } from './config-read.ts';
import { writeConfig, writeDefconfig } from './config-write.ts';
import { type DefconfigPlan, MakeRuleRefused, runPlan } from './defconfig-merge.ts';
import type { ConfResult, ConfTarget } from './engine.ts';
import type { Evaluator } from './evaluate.ts';
import { isChoice, type Menu, MOD, NO, type Tri, YES } from './model.ts';
import { parseProbability, setAllRandom } from './random-config.ts';

/** What a run needs besides the evaluator: the menu tree and how to find defconfig files. */
export interface TargetContext {
  readonly ev: Evaluator;
  readonly root: Menu;
  readonly srcarch: string;
  readonly defaultDefconfig: string;
  readonly parseWarnings: readonly string[];
  /** Whether the tree's conf knows KCONFIG_WARN_CHANGED_INPUT. */
  readonly warnChangedInput?: boolean;
  defconfigText(name: string): string | undefined;
  /** What `make NAME` does when that is more than conf --defconfig on one file. */
  defconfigPlan?(name: string): DefconfigPlan | KreviewError | undefined;
}

// A plan that is just `conf --defconfig=arch/$SRCARCH/configs/NAME` runs as before.
function generatedPlan(cx: TargetContext, name: string): DefconfigPlan | undefined {
  const plan = cx.defconfigPlan?.(name);
  if (plan === undefined) return undefined;
  // make's reason when it cannot make the target and there is no such file either
  if (plan instanceof KreviewError) {
    if (plan instanceof MakeRuleRefused || cx.defconfigText(name) === undefined) throw plan;
    return undefined;
  }
  const [only, ...more] = plan.steps;
  const plain = `arch/${cx.srcarch}/configs/${name}`;
  if (more.length === 0 && only?.kind === 'defconfig' && only.file === plain) return undefined;
  return plan;
}

// conf_read: reads user values, computes every symbol in hash order, and reports whether the
// result differs from what was read (conf then skips its recomputation before writing).
export function confRead(cx: TargetContext, text: string, name: string): boolean {
  const { ev } = cx;
  const r = readConfig(ev, text, name);
  ev.calc(ev.modules);
  let changed = r.unknownSeen;
  for (const s of ev.table.ordered()) {
    ev.calc(s);
    if (isChoice(s)) continue;
    if (s.hasUser && s.write) {
      if (s.type === 'bool' || s.type === 'tristate') {
        if (s.userTri === s.currTri) continue;
      } else if (s.currVal === s.userVal) continue;
    } else if (!s.hasUser && !s.write) continue;
    changed = true;
  }
  return changed || r.warnings > 0;
}

// conf_set_all_new_symbols for allno/allyes/allmod/alldef (and defconfig's def_default).
function setAllNew(cx: TargetContext, mode: Tri | null): void {
  const { ev } = cx;
  const walk = (m: Menu) => {
    for (const menu of m.children) {
      const sym = menu.sym;
      if (
        sym !== null &&
        menu.prompt !== null &&
        !sym.hasUser &&
        (sym.type === 'bool' || sym.type === 'tristate') &&
        sym.choice === null &&
        !isChoice(sym) &&
        mode !== null
      ) {
        sym.userTri = mode;
        sym.hasUser = true;
      }
      walk(menu);
    }
  };
  walk(cx.root);
  ev.clearAllValid();
}

/** What a run starts from; see Kconfig.run. */
export interface RunInput {
  readonly config?: string;
  readonly defconfig?: string;
  /** randconfig: KCONFIG_SEED as conf took it (an unsigned int), and KCONFIG_PROBABILITY. */
  readonly seed?: number;
  readonly probability?: string;
  /** KCONFIG_WARN_CHANGED_INPUT was set (heeded where the tree's conf knows it). */
  readonly warnChangedInput?: boolean;
}

/** Runs one conf target on a loaded tree; see Kconfig.run. */
export function runTarget(
  cx: TargetContext,
  target: ConfTarget | 'randconfig',
  input: RunInput,
): ConfResult {
  const { ev } = cx;
  ev.reset();
  ev.order.clear();
  for (const text of cx.parseWarnings)
    ev.warn({ kind: 'parse', symbol: undefined, text }, `${text}\n`);
  let changed = true;
  if (target === 'defconfig' && input.config === undefined) {
    const name = input.defconfig ?? cx.defaultDefconfig;
    const plan = generatedPlan(cx, name);
    if (plan !== undefined) {
      // make's own steps: merge_config.sh of fragments, olddefconfig, … (defconfig-merge.ts)
      // each conf run make does prints the parse warnings again, as it re-parses
      return runPlan(plan, cx.srcarch, {
        defconfig: (text, path) =>
          runTarget(cx, 'defconfig', {
            config: text,
            defconfig: path.slice(path.lastIndexOf('/') + 1),
          }),
        olddefconfig: (config) => runTarget(cx, 'olddefconfig', { config }),
      });
    }
  }
  if (target === 'defconfig') {
    const name = input.defconfig ?? cx.defaultDefconfig;
    const path = `arch/${cx.srcarch}/configs/${name}`;
    const text = input.config ?? cx.defconfigText(name);
    if (text === undefined)
      throw new KreviewError(
        `Cannot run defconfig: can't find default configuration "${path}"`,
        'INPUT_NOT_FOUND',
      );
    changed = confRead(cx, text, path);
  } else if (target === 'olddefconfig' || target === 'savedefconfig') {
    changed = confRead(cx, input.config ?? '', '.config');
  }
  const modes: Partial<Record<ConfTarget, Tri | null>> = {
    allnoconfig: NO,
    allyesconfig: YES,
    allmodconfig: MOD,
    alldefconfig: null,
    defconfig: null,
  };
  const mode = target === 'randconfig' ? undefined : modes[target];
  if (mode !== undefined) {
    setAllNew(cx, mode);
    changed = true;
  }
  let seedLine = '';
  if (target === 'randconfig') {
    const seed = input.seed ?? 0;
    setAllRandom(ev, cx.root, seed, parseProbability(input.probability));
    // conf prints the seed before it parses; kreview-conf puts the parse's output after it
    seedLine = `KCONFIG_SEED=0x${seed.toString(16).toUpperCase()}\n`;
    changed = true;
  }
  const warnChanged = input.warnChangedInput === true && cx.warnChangedInput === true;
  if (target === 'savedefconfig')
    return {
      config: writeDefconfig(ev, cx.root, warnChanged),
      stderr: ev.stderr,
      stdout: '',
      warnings: ev.warnings,
    };
  const config = writeConfig(ev, cx.root, changed, warnChanged);
  const same = target === 'olddefconfig' && input.config === config;
  const stdout = `${seedLine}${
    same ? '#\n# No change to .config\n#\n' : '#\n# configuration written to .config\n#\n'
  }`;
  return { config, stderr: ev.stderr, stdout, warnings: ev.warnings };
}
