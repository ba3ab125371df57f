// The engine against the kernel's own conf (built from the trusted 6.12 tree), byte for byte:
// .config, conf's stderr (warnings) and conf's stdout (its "configuration written" messages).
// KREVIEW_DIFF_SEEDS sets the random configurations per arch (10 here) and KREVIEW_DIFF_DEFCONFIGS
// the named defconfigs per arch (3 here, spread over the list); the full run (50+ seeds, every
// defconfig) is `npm run kconfig:differential`. conf's answers are cached under
// ~/.cache/kreview/oracle, so only a cold cache pays for make (~2–6 s per conf run).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kconfig } from '../../../src/analyze/kconfig/engine.ts';
import type { NamedDefconfig } from '../../../src/oracle/conf-runner.ts';
import { namedDefconfigs, spread } from '../../../src/oracle/defconfigs.ts';
import {
  caseName,
  compareCase,
  DIFFERENTIAL_ARCHES,
  differentialCases,
  runEngine,
} from '../../../src/oracle/differential.ts';
import { openEngine } from '../../../src/oracle/engine-for-tree.ts';
import { kernelSetup } from '../../../src/oracle/kernel-setup.ts';
import { mapLimit } from '../../../src/oracle/map-limit.ts';
import { type Oracle, openOracle, sharedOracle } from '../../../src/oracle/oracle-cache.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seeds = Number.parseInt(process.env.KREVIEW_DIFF_SEEDS ?? '10', 10);
const defconfigSample = Number.parseInt(process.env.KREVIEW_DIFF_DEFCONFIGS ?? '3', 10);
// The cases are known before the tests are collected: the named defconfigs come from the tree.
const { tree } = await kernelSetup(repoRoot);
const named = new Map<string, NamedDefconfig[]>();
for (const arch of DIFFERENTIAL_ARCHES) named.set(arch, await namedDefconfigs(tree, arch));
const casesOf = (arch: string) =>
  differentialCases(seeds, spread(named.get(arch) ?? [], defconfigSample));
const CASE_TIMEOUT_MS = 180_000;

const known: Record<string, string> = JSON.parse(
  await readFile(path.join(import.meta.dirname, 'known-differences.json'), 'utf8'),
).differences;

let oracle: Oracle;

// One engine at a time: the arches run one after another, and four loaded trees are not needed.
let loaded: { arch: string; kconfig: Promise<Kconfig> } | undefined;
function engine(arch: string): Promise<Kconfig> {
  if (loaded?.arch !== arch) {
    const defconfigs = casesOf(arch).flatMap((c) => (c.kind === 'defconfig' ? [c.name] : []));
    loaded = { arch, kconfig: openEngine(tree, arch, { defconfigs }) };
  }
  return loaded.kconfig;
}

beforeAll(async () => {
  oracle = sharedOracle(await openOracle(tree));
  // A cold cache costs ~2–6 s of make per conf run. conf is asked ahead of the tests, two arches
  // at a time (their builddirs differ), without waiting here: each test waits only for its case.
  void mapLimit(DIFFERENTIAL_ARCHES, 2, async (arch) => {
    for (const c of casesOf(arch)) await oracle.run(arch, c).catch(() => undefined);
  });
});

describe('known-differences.json', () => {
  it('known-differences.json names only cases the differential knows, each with a reason', () => {
    const names = new Set(
      DIFFERENTIAL_ARCHES.flatMap((arch) =>
        differentialCases(1000, named.get(arch)).map((c) => caseName(arch, c)),
      ),
    );
    for (const [name, why] of Object.entries(known)) {
      expect(names.has(name), `"${name}" is not a differential case`).toBe(true);
      expect(why.length, `"${name}" needs a reason`).toBeGreaterThan(10);
    }
  });
});

for (const arch of DIFFERENTIAL_ARCHES) {
  describe(`engine and conf on ${arch}`, () => {
    it(
      `loadKconfig() answers every command of the ${arch} tree from the base profile`,
      async () => {
        expect((await engine(arch)).unansweredCommands).toEqual([]);
      },
      CASE_TIMEOUT_MS,
    );
    for (const c of casesOf(arch)) {
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
          if (c.kind === 'random' && c.variant === 'thin') {
            // A thinned configuration must not already be what olddefconfig writes, or the case
            // could not tell an engine that recomputes from one that copies its input.
            const want = await oracle.run(arch, c);
            expect(want.input, 'conf left the thinned input unchanged').not.toBe(want.config);
          }
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
    it(
      `run() answers the targets on ${arch} the same again after all the other cases`,
      async () => {
        // One loaded tree serves every case; a value left over from an earlier run would show.
        const kconfig = await engine(arch);
        for (const c of casesOf(arch).filter(
          (x) => x.kind === 'target' || x.kind === 'olddefconfig',
        )) {
          const want = await oracle.run(arch, c);
          const again = runEngine(kconfig, c, want);
          const repeated = runEngine(kconfig, c, want);
          expect(repeated, caseName(arch, c)).toEqual(again);
          if (known[caseName(arch, c)] === undefined) expect(again.config).toBe(want.config);
        }
      },
      CASE_TIMEOUT_MS,
    );
  });
}
