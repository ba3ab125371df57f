// A stand-in for the kernel's scripts/kconfig/conf, backed by the kreview engine, so the kernel's
// own Kconfig test suite (scripts/kconfig/tests) can run against kreview. It takes conf's arguments
// and environment (srctree, KCONFIG_CONFIG, KCONFIG_ALLCONFIG) and prints what conf prints.
//
// What it does not do, and says so with conf's exit status 1 instead of guessing:
//   listnewconfig/helpnewconfig, syncconfig, KCONFIG_ALLCONFIG seed files.
// randconfig draws what conf draws for KCONFIG_SEED (glibc's random(), see random-config.ts).
// oldaskconfig and oldconfig print conf's questions and read the answers from stdin
// (interactive.ts); answering '?' prints conf's help text (symbol-help.ts).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONF_TARGETS, type ConfTarget } from '../../src/analyze/kconfig/engine.ts';
import { parseKconfigSeed } from '../../src/analyze/kconfig/glibc-random.ts';
import type { CommandIo } from '../../src/commands/command.ts';
import { KreviewError } from '../../src/domain/errors.ts';
import { loadConfKconfig } from './conf-load.ts';
import { lineReader } from './line-reader.ts';

// conf's modes: the engine's targets, and the ones only conf has.
const MODES = [
  'oldaskconfig',
  'oldconfig',
  ...CONF_TARGETS,
  'randconfig',
  'listnewconfig',
  'helpnewconfig',
  'syncconfig',
] as const;
type Mode = (typeof MODES)[number];

const UNSUPPORTED: ReadonlySet<Mode> = new Set(['listnewconfig', 'helpnewconfig', 'syncconfig']);

/** conf's command line: the last mode option wins, as with conf's getopt loop. */
export function parseConfArgs(argv: readonly string[]): {
  mode: Mode;
  file: string | undefined;
  kconfig: string | undefined;
  silent: boolean;
} {
  const options = Object.fromEntries(
    MODES.map((m) => [
      m,
      { type: m === 'defconfig' || m === 'savedefconfig' ? 'string' : 'boolean' },
    ]),
  ) as Record<Mode, { type: 'string' | 'boolean' }>;
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: { ...options, silent: { type: 'boolean', short: 's' } },
    allowPositionals: true,
    tokens: true,
  });
  let mode: Mode = 'oldaskconfig';
  for (const token of tokens) {
    if (token.kind === 'option' && (MODES as readonly string[]).includes(token.name))
      mode = token.name as Mode;
  }
  const file =
    mode === 'defconfig' || mode === 'savedefconfig' ? (values[mode] as string) : undefined;
  return { mode, file, kconfig: positionals[0], silent: values.silent === true };
}

function engineTarget(mode: Mode): ConfTarget | 'randconfig' {
  if (mode === 'oldaskconfig' || mode === 'oldconfig') return 'olddefconfig';
  return mode as ConfTarget | 'randconfig';
}

// conf's seed without KCONFIG_SEED: (seconds + 1) * (microseconds + 1), as an unsigned int.
function clockSeed(): number {
  const ms = Date.now();
  const sec = Math.floor(ms / 1000);
  const usec = (ms % 1000) * 1000 + Math.floor(Math.random() * 1000);
  return Number(BigInt.asUintN(32, BigInt(sec + 1) * BigInt(usec + 1)));
}

async function readOptional(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new KreviewError(`Cannot read "${file}"`, 'INPUT_UNREADABLE', { cause: error });
  });
}

/** Runs conf's job with the engine; resolves to conf's exit status. */
export async function runConfCompat(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseConfArgs(argv);
  if (args.kconfig === undefined) {
    io.stderr.write('conf: Kconfig file missing\n');
    return 1;
  }
  if (UNSUPPORTED.has(args.mode) || (args.mode.startsWith('all') && io.env.KCONFIG_ALLCONFIG)) {
    io.stderr.write(
      `kreview-conf: --${args.mode}${io.env.KCONFIG_ALLCONFIG ? ' with KCONFIG_ALLCONFIG' : ''} is not supported\n`,
    );
    return 1;
  }
  // The interactive modes read answers from stdin; the others drain it from the start, so a
  // writer (the kernel's tests send Enter until conf exits) never meets a full pipe.
  const interactive = args.mode === 'oldaskconfig' || args.mode === 'oldconfig';
  const answers = interactive ? lineReader(io.stdin) : undefined;
  if (!interactive) io.stdin.resume();
  const srctree = path.resolve(io.cwd, io.env.srctree ?? '.');
  // conf reads KCONFIG_SEED and prints it while reading its options, before it parses
  const seed =
    args.mode === 'randconfig' ? (parseKconfigSeed(io.env.KCONFIG_SEED) ?? clockSeed()) : undefined;
  const seedLine = seed === undefined ? '' : `KCONFIG_SEED=0x${seed.toString(16).toUpperCase()}\n`;
  io.stdout.write(seedLine);
  const loaded = await loadConfKconfig(srctree, args.kconfig, io);
  io.stdout.write(loaded.info);
  // conf stops after a parse error or a recursive dependency, before it writes anything.
  if (
    loaded.kconfig === undefined ||
    loaded.warnings.includes('error: recursive dependency detected!')
  ) {
    io.stderr.write(loaded.warnings);
    return 1;
  }

  const configName = io.env.KCONFIG_CONFIG || '.config';
  const configPath = path.resolve(io.cwd, configName);
  const target = engineTarget(args.mode);
  const input: {
    config?: string;
    defconfig?: string;
    seed?: number;
    probability?: string;
    warnChangedInput?: boolean;
  } = {};
  if (io.env.KCONFIG_WARN_CHANGED_INPUT) input.warnChangedInput = true;
  if (seed !== undefined) {
    input.seed = seed;
    if (io.env.KCONFIG_PROBABILITY !== undefined) input.probability = io.env.KCONFIG_PROBABILITY;
  }
  if (target === 'defconfig') {
    // conf's defconfig reads FILE as the user's values and then assigns nothing more (def_default
    // is a no-op in conf_set_all_new_symbols): that is olddefconfig of FILE's text.
    // conf opens FILE as given, then under $srctree, like zconf_fopen.
    const file = args.file;
    const text =
      file === undefined
        ? undefined
        : ((await readOptional(path.resolve(io.cwd, file))) ??
          (await readOptional(path.resolve(srctree, file))));
    if (text === undefined) {
      io.stderr.write(`***\n*** Can't find default configuration "${args.file}"!\n***\n`);
      return 1;
    }
    input.config = text;
  } else if (target === 'olddefconfig' || target === 'savedefconfig') {
    const config = await readOptional(configPath);
    if (config !== undefined) input.config = config;
  }
  const result = answers
    ? await loaded.kconfig.ask(args.mode as 'oldaskconfig' | 'oldconfig', input.config ?? '', {
        ...answers,
        write: (text) => io.stdout.write(text),
        tty:
          (io.stdin as { isTTY?: boolean }).isTTY === true &&
          (io.stdout as { isTTY?: boolean }).isTTY === true,
      })
    : loaded.kconfig.run(target === 'defconfig' ? 'olddefconfig' : target, input);
  io.stderr.write(result.stderr);
  if (result.exitStatus !== undefined) return result.exitStatus;
  if (!args.silent) io.stdout.write(result.stdout.slice(seedLine.length));
  const out =
    target === 'savedefconfig' ? path.resolve(io.cwd, args.file ?? 'defconfig') : configPath;
  await writeFile(out, result.config);
  return 0;
}
