// The layers of src/ and the one direction imports may run: a module imports only from its own
// directory or a lower layer. A new top-level directory must be given a layer here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '..', 'src');

/** Lower numbers are lower layers; equal numbers may not import each other. */
const LAYER: Readonly<Record<string, number>> = {
  domain: 0,
  process: 1,
  state: 1,
  git: 2,
  ingest: 2,
  analyze: 2,
  sources: 3,
  toolchain: 3,
  report: 3,
  deliver: 4,
  watch: 5,
  commands: 6,
  'cli.ts': 7,
};

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

const topOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] ?? '';

describe('the layers of src/', () => {
  it('give every top-level directory a layer', () => {
    expect(readdirSync(SRC).filter((name) => LAYER[name] === undefined)).toEqual([]);
  });

  it('are imported downwards only', () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = topOf(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/\bfrom '(\.[^']+)'/g)) {
        const to = topOf(path.resolve(path.dirname(file), spec ?? ''));
        if (to === from) continue;
        if ((LAYER[to] ?? 99) >= (LAYER[from] ?? -1)) {
          upward.push(`${path.relative(SRC, file)} imports ${spec}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });
});
