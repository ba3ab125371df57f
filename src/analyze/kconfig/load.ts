import { KreviewError } from '../../domain/errors.ts';
import type { Kconfig, KconfigEnv } from './engine.ts';
import type { KconfigFiles } from './files.ts';
import type { ParseCache } from './parse-cache.ts';
import type { ToolchainProfile } from './toolchain.ts';

/** Parses and prepares a tree (work in progress: the parser lands next). */
export async function load(
  _files: KconfigFiles,
  _env: KconfigEnv,
  _toolchain: ToolchainProfile,
  _cache: ParseCache,
): Promise<Kconfig> {
  throw new KreviewError('Cannot load Kconfig: the engine is not implemented yet', 'INTERNAL');
}
