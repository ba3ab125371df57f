import type { KconfigFiles } from './files.ts';
import type { Terminal } from './interactive.ts';
import type { KconfigLanguage } from './language.ts';
import { ParseCache } from './parse-cache.ts';
import type { ToolchainProfile } from './toolchain.ts';

/** The conf targets the engine runs, named as `make` names them, in the order reports list them. */
export const CONF_TARGETS = [
  'olddefconfig',
  'alldefconfig',
  'allnoconfig',
  'allyesconfig',
  'allmodconfig',
  'defconfig',
  'savedefconfig',
] as const;

/** A conf target the engine runs. */
export type ConfTarget = (typeof CONF_TARGETS)[number];

/** The environment `make` would give conf: ARCH, SRCARCH and exported tool variables. */
export interface KconfigEnv {
  /** ARCH as given to make: x86_64, arm64, arm, riscv, … */
  arch: string;
  /** Derived from arch like the top Makefile does when absent. */
  srcarch?: string;
  /** CC, LD, HOSTCC, … as make would export them; defaults as for a native build. */
  extra?: Record<string, string>;
  /** The Kconfig language's rules; default: probed from the tree's scripts/kconfig sources. */
  language?: KconfigLanguage;
}

/** One warning conf printed, as data: what it is about, and its text exactly as printed. */
export interface ConfWarning {
  /**
   * `unmet-dependency`: a select forces a symbol past its direct dependencies (the tree's
   * doing); `config-input`: a line of the .config read was invalid or repeated (the input's
   * doing); `parse`: a warning about the Kconfig text itself.
   */
  readonly kind: 'unmet-dependency' | 'config-input' | 'parse';
  /** The symbol it names, when it names one. */
  readonly symbol: string | undefined;
  /** The text conf prints, without its leading blank line or trailing newline. */
  readonly text: string;
}

/** What one conf run produced. */
export interface ConfResult {
  /** The .config bytes exactly as conf writes them. */
  config: string;
  /** Exactly what conf prints on stderr (warnings), newline-terminated lines. */
  stderr: string;
  /** What conf prints on stdout, e.g. "#\n# configuration written to .config\n#\n". */
  stdout: string;
  /** The warnings behind `stderr`, in the order printed. */
  warnings: readonly ConfWarning[];
  /** Set when conf would exit with this status and write nothing (interactive modes only). */
  exitStatus?: number;
}

/** What the engine knows about one symbol, for the matrix and checks. */
export interface SymbolInfo {
  readonly name: string;
  readonly type: 'bool' | 'tristate' | 'string' | 'int' | 'hex' | 'unknown';
  readonly prompts: readonly string[];
  /** Where it is defined, "file:line", in definition order. */
  readonly definedAt: readonly string[];
  /** The direct dependency expression as text ("y" when none). */
  readonly dependsOn: string;
  /** Reverse dependencies as text, "" when none. */
  readonly selectedBy: string;
  readonly impliedBy: string;
  /** True for a member of a choice (one member is always y when the choice is visible). */
  readonly inChoice?: boolean;
}

/** A loaded Kconfig tree: evaluate many configurations without re-parsing. */
export interface Kconfig {
  /**
   * Runs one conf target like `make ARCH=… <target>` with conf built from this tree would.
   * input.config: the existing .config (olddefconfig, savedefconfig; absent means an empty one),
   * or for defconfig the defconfig text itself; input.defconfig: for defconfig, a file under
   * arch/$SRCARCH/configs (default KBUILD_DEFCONFIG; others need loadDefconfig first);
   * input.seed and input.probability: randconfig's KCONFIG_SEED and KCONFIG_PROBABILITY;
   * input.warnChangedInput: KCONFIG_WARN_CHANGED_INPUT (where the tree's conf has it). Cheap to
   * call many times; nothing carries over from one run to the next.
   */
  run(
    target: ConfTarget | 'randconfig',
    input?: {
      config?: string;
      defconfig?: string;
      seed?: number;
      probability?: string;
      warnChangedInput?: boolean;
    },
  ): ConfResult;
  /**
   * conf's interactive modes on `config` (the .config read, "" for none): oldaskconfig asks
   * every question, oldconfig those of new symbols, on `terminal`, as conf prints them.
   */
  ask(mode: 'oldaskconfig' | 'oldconfig', config: string, terminal: Terminal): Promise<ConfResult>;
  symbol(name: string): SymbolInfo | undefined;
  /**
   * Which of `symbols` have a prompt a user sees with `config` (read as olddefconfig reads it):
   * the values a user could have set, as opposed to ones only a select or default gave.
   */
  promptVisible(config: string, symbols: readonly string[]): ReadonlyMap<string, boolean>;
  readonly unansweredCommands: readonly string[];
  /** Parse-time warnings exactly as conf prints them. */
  readonly warnings: readonly string[];
  /** What conf prints on stdout while parsing: $(info,…) lines, then its notes on bool symbols tested for m. */
  readonly info: readonly string[];
  /** Reads arch/$SRCARCH/configs/NAME so that `run('defconfig', { defconfig: NAME })` can use it. */
  loadDefconfig(name: string): Promise<void>;
}

/** Parses the tree's Kconfig for one architecture; `run` then evaluates configurations cheaply. */
export async function loadKconfig(
  files: KconfigFiles,
  env: KconfigEnv,
  toolchain: ToolchainProfile,
  cache?: ParseCache,
): Promise<Kconfig> {
  const { load } = await import('./load.ts');
  // recording scans only pays off when the caller shares its cache with another load
  return load(files, env, toolchain, cache ?? new ParseCache(), cache !== undefined);
}
