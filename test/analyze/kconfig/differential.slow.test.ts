// The engine against the kernel's own conf (built from the trusted 6.12 tree), byte for byte:
// .config, conf's stderr (warnings) and conf's stdout (its "configuration written" messages).
// KREVIEW_DIFF_SEEDS sets the random configurations per arch (10 here; the full run, 50+, is
// `npm run kconfig:differential`). conf's answers are cached under ~/.cache/kreview/oracle.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kconfig } from '../../../src/analyze/kconfig/engine.ts';
import {
  caseName,
  compareCase,
  DIFFERENTIAL_ARCHES,
  differentialCases,
} from '../../../src/oracle/differential.ts';
import { openEngine } from '../../../src/oracle/engine-for-tree.ts';
import { kernelSetup } from '../../../src/oracle/kernel-setup.ts';
import { mapLimit } from '../../../src/oracle/map-limit.ts';
import { type Oracle, openOracle } from '../../../src/oracle/oracle-cache.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seeds = Number.parseInt(process.env.KREVIEW_DIFF_SEEDS ?? '10', 10);
const cases = differentialCases(seeds);
const CASE_TIMEOUT_MS = 180_000;

const known: Record<string, string> = JSON.parse(
  await readFile(path.join(import.meta.dirname, 'known-differences.json'), 'utf8'),
).differences;

let tree: string;
let oracle: Oracle;

// One engine at a time: the arches run one after another, and four loaded trees are not needed.
let loaded: { arch: string; kconfig: Promise<Kconfig> } | undefined;
function engine(arch: string): Promise<Kconfig> {
  if (loaded?.arch !== arch) loaded = { arch, kconfig: openEngine(tree, arch) };
  return loaded.kconfig;
}

beforeAll(async () => {
  ({ tree } = await kernelSetup(repoRoot));
  oracle = await openOracle(tree);
  // A cold cache costs ~2–6 s of make per conf run; two at a time, by arch, so builddirs differ.
  await mapLimit(DIFFERENTIAL_ARCHES, 2, async (arch) => {
    for (const c of cases) await oracle.run(arch, c).catch(() => undefined);
  });
});

describe('known-differences.json', () => {
  it('known-differences.json names only cases the differential knows, each with a reason', () => {
    const names = new Set(
      DIFFERENTIAL_ARCHES.flatMap((arch) => differentialCases(1000).map((c) => caseName(arch, c))),
    );
    for (const [name, why] of Object.entries(known)) {
      expect(names.has(name), `"${name}" is not a differential case`).toBe(true);
      expect(why.length, `"${name}" needs a reason`).toBeGreaterThan(10);
    }
  });
});

for (const arch of DIFFERENTIAL_ARCHES) {
  describe(`engine and conf on ${arch}`, () => {
    for (const c of cases) {
      const name = caseName(arch, c);
      const why = known[name];
      const title =
        why === undefined
          ? `run() agrees with conf on ${name}`
          : `run() still differs from conf on ${name} (known: ${why})`;
      it(
        title,
        async () => {
          const kconfig = await engine(arch).catch((error: unknown) => {
            throw new Error(`Cannot load the engine for "${arch}": ${String(error)}`);
          });
          const outcome = await compareCase(oracle, kconfig, arch, c);
          if (why === undefined) {
            if (!outcome.agrees)
              expect.fail(
                `${name}: the engine differs from conf:\n${outcome.differences.join('\n')}`,
              );
          } else {
            expect(
              outcome.agrees,
              `${name} now agrees with conf: remove it from known-differences.json`,
            ).toBe(false);
          }
        },
        CASE_TIMEOUT_MS,
      );
    }
  });
}
