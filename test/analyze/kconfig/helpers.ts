import {
  type ConfResult,
  type Kconfig,
  type KconfigEnv,
  loadKconfig,
} from '../../../src/analyze/kconfig/engine.ts';
import { memoryFiles } from '../../../src/analyze/kconfig/files.ts';

/**
 * Loads an in-memory tree (top file "Kconfig") for x86_64 with the given command answers; the
 * language is the newest unless `env` names one (a tree without scripts/kconfig gets the newest).
 */
export function loadTree(
  files: Record<string, string>,
  commands: Record<string, { stdout: string; exitCode: number }> = {},
  env: Partial<KconfigEnv> = {},
): Promise<Kconfig> {
  return loadKconfig(
    memoryFiles(files),
    { arch: 'x86_64', ...env },
    { commands: new Map(Object.entries(commands)) },
  );
}

/** The .config header conf writes for a main menu title. */
export function header(title: string): string {
  return `#\n# Automatically generated file; DO NOT EDIT.\n# ${title}\n#\n`;
}

/** Runs olddefconfig on a .config given as lines. */
export function olddefconfig(k: Kconfig, ...lines: string[]): ConfResult {
  return k.run('olddefconfig', { config: lines.map((l) => `${l}\n`).join('') });
}
