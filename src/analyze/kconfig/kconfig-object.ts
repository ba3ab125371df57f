import { KreviewError } from '../../domain/errors.ts';
import { checkDependencies } from './check-deps.ts';
import { choiceSanityErrors, transitionalErrors } from './choice-sanity.ts';
import {
  archMake,
  type DefconfigPlan,
  planDefconfig,
  readArchMakeInputs,
} from './defconfig-merge.ts';
import type { ConfTarget, Kconfig, SymbolInfo } from './engine.ts';
import { defaultDefconfig } from './environment.ts';
import { Evaluator } from './evaluate.ts';
import { plainWriter, printExpr } from './expr.ts';
import { Simplifier } from './expr-simplify.ts';
import type { KconfigFiles } from './files.ts';
import { finalizeMenus } from './finalize.ts';
import { askConfig } from './interactive.ts';
import { type KconfigLanguage, NEWEST_LANGUAGE } from './language.ts';
import { type Menu, NO } from './model.ts';
import {
  KconfigError,
  type KconfigErrorSite,
  KconfigParseError,
  siteText,
  stderrText,
} from './parse-error.ts';
import type { parseKconfig } from './parser.ts';
import { runTarget } from './targets.ts';

// Stack exhaustion on hostile input (dependency chains thousands deep) is a limit, not a crash.
export function bounded<T>(action: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof RangeError)
      throw new KconfigError(
        action,
        { detail: 'dependencies nested too deeply' },
        { code: 'KCONFIG_LIMIT', cause: err },
      );
    throw err;
  }
}

/** Finalizes a parsed tree and wraps it as the Kconfig the engine's users see. */
export async function prepare(
  parsed: ReturnType<typeof parseKconfig>,
  files: KconfigFiles,
  srcarch: string,
  arch: string,
  unansweredCommands: string[],
  info: readonly string[],
  language: KconfigLanguage = NEWEST_LANGUAGE,
): Promise<Kconfig> {
  const { table, pool, root } = parsed;
  const modules = parsed.modules ?? table.no;
  if (root.prompt === null) {
    root.prompt = {
      type: 'menu',
      file: '',
      line: 0,
      menu: root,
      text: 'Main menu',
      expr: null,
      visibleExpr: null,
      visibleTri: 0,
    };
  }
  const simp = new Simplifier(pool);
  bounded('load Kconfig', () => finalizeMenus(parsed, simp, modules, language.negatedEndsSubmenu));
  let firstEntryError: KconfigErrorSite | undefined;
  const depErrors = bounded('load Kconfig', () =>
    checkDependencies(parsed.root, (m) => {
      const errors = [...transitionalErrors(m, table), ...choiceSanityErrors(m, language)];
      firstEntryError ??= errors[0];
      return stderrText(errors.map(siteText));
    }),
  );
  // The report is conf's own text, printed after the parse's warnings, as conf does.
  if (depErrors !== '') {
    // A dependency cycle is reported whole; an entry's error by its first line, as parse errors.
    const cycle = depErrors.startsWith('error: recursive dependency detected!');
    const stderr = `${stderrText(parsed.warnings)}${depErrors}`;
    if (cycle) throw new KconfigParseError('load Kconfig', { detail: depErrors }, stderr);
    const first = depErrors.slice(0, depErrors.indexOf('\n'));
    const site =
      firstEntryError !== undefined && siteText(firstEntryError) === first
        ? firstEntryError
        : { detail: first };
    throw new KconfigParseError('parse Kconfig', site, stderr);
  }
  const ev = new Evaluator(table, modules);
  // KBUILD_DEFCONFIG and the generated defconfig targets, read from the arch Makefile as make
  // would (defconfig-merge.ts); the old reader is the fallback should that one fail.
  const inputs = await readArchMakeInputs(files, arch, srcarch);
  let defName: string;
  try {
    defName = archMake(inputs).kbuildDefconfig;
  } catch {
    defName = defaultDefconfig(inputs.archMakefile, arch, srcarch);
  }
  const defconfigs = new Map<string, string | undefined>();
  const plans = new Map<string, DefconfigPlan | KreviewError>();
  const loadPlan = planLoader(files, inputs, plans);
  defconfigs.set(defName, await files.read(`arch/${srcarch}/configs/${defName}`));
  await loadPlan(defName);
  return kconfigObject({
    ev,
    root,
    srcarch,
    defName,
    defconfigs,
    plans,
    loadPlan,
    files,
    warnings: parsed.warnings,
    unansweredCommands,
    info: [...info, ...simp.notes],
    language,
  });
}

// Apart from prepare(), whose closures would otherwise keep its whole scope (the parse, the
// simplifier and its interning tables) alive for as long as the Kconfig is.
function planLoader(
  files: KconfigFiles,
  inputs: Awaited<ReturnType<typeof readArchMakeInputs>>,
  plans: Map<string, DefconfigPlan | KreviewError>,
): (name: string) => Promise<void> {
  return async (name: string) => {
    if (plans.has(name)) return;
    // a target make cannot make is an error when run, with make's reason, not at load
    plans.set(
      name,
      await planDefconfig(files, inputs, name).catch((err: unknown) =>
        err instanceof KreviewError
          ? err
          : new KreviewError(
              `Cannot run "make ${name}": its rule cannot be read`,
              'INPUT_NOT_FOUND',
              {
                cause: err,
              },
            ),
      ),
    );
  };
}

// Built apart from prepare() so the returned closures keep only what runs need, not the parse
// (its scans and interning tables).
function kconfigObject(o: {
  ev: Evaluator;
  root: Menu;
  srcarch: string;
  defName: string;
  defconfigs: Map<string, string | undefined>;
  plans: Map<string, DefconfigPlan | KreviewError>;
  loadPlan: (name: string) => Promise<void>;
  files: KconfigFiles;
  warnings: readonly string[];
  unansweredCommands: readonly string[];
  info: readonly string[];
  language: KconfigLanguage;
}): Kconfig {
  const { ev, root, srcarch, defconfigs, files } = o;
  const table = ev.table;
  const cx = {
    ev,
    root,
    srcarch,
    defaultDefconfig: o.defName,
    parseWarnings: o.warnings,
    warnChangedInput: o.language.warnChangedInput,
    defconfigText: (name: string) => defconfigs.get(name),
    defconfigPlan: (name: string) => o.plans.get(name),
  };
  return {
    run: (target: ConfTarget | 'randconfig', input = {}) =>
      bounded(`run ${target}`, () => runTarget(cx, target, input)),
    ask: (mode, config, terminal) => askConfig(cx, mode, config, terminal),
    symbol: (name: string): SymbolInfo | undefined => {
      const s = table.find(name);
      if (s === undefined || s.menus.length === 0) return undefined;
      return {
        name,
        type: s.type === 'unknown' ? 'unknown' : s.type,
        prompts: s.props.filter((p) => p.text !== null).map((p) => p.text as string),
        definedAt: s.menus.map((m) => `${m.file}:${m.line}`),
        dependsOn: printExpr(s.dirDep, plainWriter),
        selectedBy: s.revDep === null ? '' : printExpr(s.revDep, plainWriter),
        impliedBy: s.implied === null ? '' : printExpr(s.implied, plainWriter),
        inChoice: s.choice !== null,
      };
    },
    promptVisible: (config: string, symbols: readonly string[]) =>
      bounded('prompt visibility', () => {
        runTarget(cx, 'olddefconfig', { config });
        return new Map(
          symbols.map((name): [string, boolean] => {
            const s = table.find(name);
            if (s === undefined || s.menus.length === 0) return [name, false];
            ev.calc(s);
            // A choice member is set through its choice: an invisible choice hides it too.
            const choice = s.choice?.sym ?? null;
            if (choice !== null) ev.calc(choice);
            return [name, s.visible !== NO && (choice === null || choice.visible !== NO)];
          }),
        );
      }),
    unansweredCommands: o.unansweredCommands,
    warnings: o.warnings,
    info: o.info,
    loadDefconfig: async (name: string) => {
      if (!defconfigs.has(name))
        defconfigs.set(name, await files.read(`arch/${srcarch}/configs/${name}`));
      await o.loadPlan(name);
    },
  };
}
