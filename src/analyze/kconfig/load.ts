import { KreviewError } from '../../domain/errors.ts';
import { withArchExports } from './defconfig-merge.ts';
import type { Kconfig, KconfigEnv } from './engine.ts';
import { kconfigEnvironment } from './environment.ts';
import type { KconfigFiles } from './files.ts';
import { prepare } from './kconfig-object.ts';
import { KCONFIG_SOURCE_PATHS, type KconfigLanguage, probeLanguage } from './language.ts';
import type { LexEvents } from './lex-cache.ts';
import { MacroEngine, shellOutput } from './macro.ts';
import { ParseCache } from './parse-cache.ts';
import { NeedFile, parseKconfig } from './parser.ts';
import { MAX_FILES, preload, readMany } from './preload.ts';
import type { ToolchainProfile } from './toolchain.ts';

/** Parses and prepares a tree; see loadKconfig. */
export async function load(
  files: KconfigFiles,
  envIn: KconfigEnv,
  toolchain: ToolchainProfile,
  cache: ParseCache,
  record = true,
): Promise<Kconfig> {
  const r = await parseTree(files, envIn, toolchain, cache, false, [], record);
  return prepare(r.parsed, files, r.srcarch, envIn.arch, r.unanswered, r.info, r.language);
}

/** The Kconfig language of a tree: as given, else probed from its scripts/kconfig sources. */
export async function languageOf(files: KconfigFiles, envIn: KconfigEnv): Promise<KconfigLanguage> {
  if (envIn.language !== undefined) return envIn.language;
  const read = (key: keyof typeof KCONFIG_SOURCE_PATHS) => files.read(KCONFIG_SOURCE_PATHS[key]);
  const [parser, lexer, menu, confdata, util] = await Promise.all(
    (['parser', 'lexer', 'menu', 'confdata', 'util'] as const).map(read),
  );
  return probeLanguage({ parser, lexer, menu, confdata, util });
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
  return kconfigEnvironment(await withArchExports(files, envIn), makefile, (cmd) => {
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
  record = true,
) {
  const makefile = (await files.read('Makefile')) ?? '';
  const unanswered = new Set<string>();
  const env = kconfigEnvironment(await withArchExports(files, envIn), makefile, (cmd) => {
    const a = toolchain.commands.get(cmd);
    if (a === undefined) {
      unanswered.add(cmd);
      seen.push(cmd);
    }
    return a === undefined ? '' : shellOutput(a.stdout);
  });
  const srcarch = env.SRCARCH as string;
  const language = await languageOf(files, envIn);
  const { texts, ids } = await preload(files, env, cache);
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
        lenient
          ? undefined
          : {
              replay: (p) => {
                const id = ids.get(p);
                return id === undefined ? undefined : cache.peek<LexEvents>(`lex:${id}`);
              },
              recordable: (p, text) => record && ids.has(p) && !text.includes('$'),
            },
        language,
      );
      for (const r of parsed.recordings) {
        const id = ids.get(r.file);
        if (id !== undefined && r.lexer.clean) cache.get(`lex:${id}`, () => r.lexer.events);
      }
      for (const c of macro.unanswered) unanswered.add(c);
      return { parsed, srcarch, unanswered: [...unanswered].sort(), info: macro.info, language };
    } catch (err) {
      seen.push(...macro.unanswered);
      if (!(err instanceof NeedFile) || attempt > MAX_FILES) throw err;
      await readMany(files, [err.path], texts, cache, ids);
    }
  }
}
