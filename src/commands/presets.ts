// Matrix specs from files: the presets shipped in presets/, and specs the user passes.
import { readdir, readFile } from 'node:fs/promises';
import { parseSpec } from '../analyze/matrix/spec.ts';
import { KreviewError } from '../domain/errors.ts';
import type { MatrixSpec } from '../domain/matrix.ts';

const PRESETS = new URL('../../presets/', import.meta.url);

/** The names of the shipped presets, sorted. */
export async function presetNames(): Promise<string[]> {
  const files = await readdir(PRESETS);
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A shipped preset by name; an unknown name is an error that lists the known ones. */
export async function loadPreset(name: string): Promise<MatrixSpec> {
  const names = await presetNames();
  if (!names.includes(name)) {
    throw new KreviewError(`Cannot find matrix preset "${name}"`, 'USAGE', {
      hint: `known presets: ${names.join(', ')}`,
    });
  }
  return readSpec(new URL(`${name}.json`, PRESETS), `presets/${name}.json`);
}

/** A spec file given with --spec. */
export function loadSpecFile(path: string): Promise<MatrixSpec> {
  return readSpec(path, path);
}

async function readSpec(location: string | URL, where: string): Promise<MatrixSpec> {
  let text: string;
  try {
    text = await readFile(location, 'utf8');
  } catch (error) {
    throw new KreviewError(`Cannot read matrix spec "${where}": no such file`, 'INPUT_NOT_FOUND', {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KreviewError(
      `Cannot read matrix spec "${where}": ${(error as Error).message}`,
      'INPUT_UNREADABLE',
      {
        cause: error,
      },
    );
  }
  return parseSpec(json, where);
}

/** The spec with its architectures replaced (the user's --arch). */
export function withArches(spec: MatrixSpec, arches: readonly string[] | undefined): MatrixSpec {
  return arches === undefined ? spec : { ...spec, arches };
}
