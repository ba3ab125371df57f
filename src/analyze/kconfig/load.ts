import { KreviewError } from '../../domain/errors.ts';
import { checkDependencies } from './check-deps.ts';
import type { ConfTarget, Kconfig, KconfigEnv, SymbolInfo } from './engine.ts';
import { defaultDefconfig, kconfigEnvironment } from './environment.ts';
import { Evaluator } from './evaluate.ts';
import { plainWriter, printExpr } from './expr.ts';
import { Simplifier } from './expr-simplify.ts';
import type { KconfigFiles } from './files.ts';
import { finalizeMenus } from './finalize.ts';
import type { LexEvent } from './lex-cache.ts';
import { MacroEngine, shellOutput } from './macro.ts';
import { ParseCache } from './parse-cache.ts';
import { NeedFile, parseKconfig } from './parser.ts';
import { runTarget } from './targets.ts';
import type { ToolchainProfile } from './toolchain.ts';

/** The largest Kconfig file the engine reads. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_FILES = 20_000;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
const SOURCE_LINE = /^[ \t]*source[ \t]+"([^"\n]*)"/gm;

// Reads the files a parse will need ahead of time (the parser itself is synchronous).
async function readMany(
  files: KconfigFiles,
  paths: readonly string[],
  into: Map<string, string | undefined>,
  cache: ParseCache,
  ids: Map<string, string>,
) {
  await Promise.all(
    paths.map(async (p) => {
      if (into.has(p)) return;
      into.set(p, undefined);
      const id = await files.identity(p);
      if (id === undefined) return;
      ids.set(p, id);
      const text = await cache.getAsync(`text:${id}`, async () => (await files.read(p)) ?? '');
      if (text.length > MAX_FILE_BYTES)
        throw new KreviewError(
          `Cannot parse Kconfig: ${p}: file is larger than ${MAX_FILE_BYTES} bytes`,
          'KCONFIG_LIMIT',
        );
      into.set(p, text);
    }),
  );
  if (into.size > MAX_FILES)
    throw new KreviewError(`Cannot parse Kconfig: more than ${MAX_FILES} files`, 'KCONFIG_LIMIT');
  let total = 0;
  for (const t of into.values()) total += t?.length ?? 0;
  if (total > MAX_TOTAL_BYTES)
    throw new KreviewError(
      `Cannot parse Kconfig: its files hold more than ${MAX_TOTAL_BYTES} bytes`,
      'KCONFIG_LIMIT',
    );
}

function guessSources(text: string, env: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SOURCE_LINE)) {
    const p = (m[1] as string).replace(
      /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
      (_all, v: string) => env[v] ?? '',
    );
    if (!p.includes('$')) out.push(p);
  }
  return out;
}

// Stack exhaustion on hostile input (dependency chains thousands deep) is a limit, not a crash.
function bounded<T>(action: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof RangeError)
      throw new KreviewError(`Cannot ${action}: dependencies nested too deeply`, 'KCONFIG_LIMIT', {
        cause: err,
      });
    throw err;
  }
}

/** Parses and prepares a tree; see loadKconfig. */
export async function load(
  files: KconfigFiles,
  envIn: KconfigEnv,
  toolchain: ToolchainProfile,
  cache: ParseCache,
): Promise<Kconfig> {
  const r = await parseTree(files, envIn, toolchain, cache, false);
  return prepare(r.parsed, files, r.srcarch, envIn.arch, r.unanswered, r.info);
}

/** The commands a tree's Kconfig would run that the profile cannot answer (errors from $(error-if) ignored). */
export async function unansweredCommands(
  files: KconfigFiles,
  envIn: KconfigEnv,
  toolchain: ToolchainProfile,
): Promise<string[]> {
  const seen: string[] = [];
  try {
    return (await parseTree(files, envIn, toolchain, new ParseCache(), true, seen)).unanswered;
  } catch (err) {
    // a parse that fails for want of answers still tells which commands it asked
    if (err instanceof KreviewError && err.code === 'KCONFIG_PARSE')
      return [...new Set(seen)].sort();
    throw err;
  }
}

/** The environment conf would see for this tree and architecture. */
export async function environmentFor(
  files: KconfigFiles,
  envIn: KconfigEnv,
  toolchain: ToolchainProfile,
): Promise<Record<string, string>> {
  const makefile = (await files.read('Makefile')) ?? '';
  return kconfigEnvironment(envIn, makefile, (cmd) => {
    const a = toolchain.commands.get(cmd);
    return a === undefined ? '' : shellOutput(a.stdout);
  });
}

async function parseTree(
  files: KconfigFiles,
  envIn: KconfigEnv,
  toolchain: ToolchainProfile,
  cache: ParseCache,
  lenient: boolean,
  seen: string[] = [],
) {
  const makefile = (await files.read('Makefile')) ?? '';
  const unanswered = new Set<string>();
  const env = kconfigEnvironment(envIn, makefile, (cmd) => {
    const a = toolchain.commands.get(cmd);
    if (a === undefined) {
      unanswered.add(cmd);
      seen.push(cmd);
    }
    return a === undefined ? '' : shellOutput(a.stdout);
  });
  const srcarch = env.SRCARCH as string;
  const texts = new Map<string, string | undefined>();
  const ids = new Map<string, string>();
  let frontier = ['Kconfig'];
  while (frontier.length > 0) {
    await readMany(files, frontier, texts, cache, ids);
    const next: string[] = [];
    for (const p of frontier) {
      const t = texts.get(p);
      if (t !== undefined) for (const s of guessSources(t, env)) if (!texts.has(s)) next.push(s);
    }
    frontier = [...new Set(next)];
  }
  for (let attempt = 0; ; attempt++) {
    const macro = new MacroEngine(env, toolchain, lenient);
    try {
      const parsed = parseKconfig(
        'Kconfig',
        (p) => {
          if (!texts.has(p)) throw new NeedFile(p);
          return texts.get(p);
        },
        macro,
        {
          replay: (p) => {
            const id = ids.get(p);
            return id === undefined ? undefined : cache.peek<readonly LexEvent[]>(`lex:${id}`);
          },
          recordable: (p, text) => ids.has(p) && !text.includes('$'),
        },
      );
      for (const r of parsed.recordings) {
        const id = ids.get(r.file);
        if (id !== undefined && r.lexer.clean) cache.get(`lex:${id}`, () => r.lexer.events);
      }
      for (const c of macro.unanswered) unanswered.add(c);
      return { parsed, srcarch, unanswered: [...unanswered].sort(), info: macro.info };
    } catch (err) {
      seen.push(...macro.unanswered);
      if (!(err instanceof NeedFile) || attempt > MAX_FILES) throw err;
      await readMany(files, [err.path], texts, cache, ids);
    }
  }
}

async function prepare(
  parsed: ReturnType<typeof parseKconfig>,
  files: KconfigFiles,
  srcarch: string,
  arch: string,
  unansweredCommands: string[],
  info: readonly string[],
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
  bounded('load Kconfig', () => finalizeMenus(parsed, new Simplifier(pool), modules));
  const depErrors = bounded('load Kconfig', () => checkDependencies(parsed.root, table));
  if (depErrors !== '')
    throw new KreviewError(
      `Cannot load Kconfig: recursive dependency detected:\n${depErrors}`,
      'KCONFIG_PARSE',
    );
  const ev = new Evaluator(table, modules);
  const archMakefile = (await files.read(`arch/${srcarch}/Makefile`)) ?? '';
  const defName = defaultDefconfig(archMakefile, arch, srcarch);
  const defconfigs = new Map<string, string | undefined>();
  defconfigs.set(defName, await files.read(`arch/${srcarch}/configs/${defName}`));
  const cx = {
    ev,
    root,
    srcarch,
    defaultDefconfig: defName,
    parseWarnings: parsed.warnings,
    defconfigText: (name: string) => defconfigs.get(name),
  };
  return {
    run: (target: ConfTarget, input = {}) =>
      bounded(`run ${target}`, () => runTarget(cx, target, input)),
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
      };
    },
    unansweredCommands,
    warnings: parsed.warnings,
    info,
    loadDefconfig: async (name: string) => {
      if (!defconfigs.has(name))
        defconfigs.set(name, await files.read(`arch/${srcarch}/configs/${name}`));
    },
  };
}
