// The engine against the kernel's own conf of both trees (6.12 and 7.3), byte for byte: .config,
// conf's stderr (warnings) and conf's stdout (its "configuration written" messages), and the
// engine's randconfig against conf's for each seed. KREVIEW_DIFF_SEEDS sets the random
// configurations per arch (10 on 6.12, 3 on 7.3 here) and KREVIEW_DIFF_DEFCONFIGS the named
// defconfigs per arch (3 here, spread over the list); a .config made to warn is built from conf's
// allyesconfig of each arch. The full run (every arch, every defconfig) is
// `npm run kconfig:differential`. conf's answers are cached under ~/.cache/kreview/oracle, so
// only a cold cache pays for make (~2–6 s per conf run).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Kconfig } from '../../../src/analyze/kconfig/engine.ts';
import type { NamedDefconfig } from '../../../tools/oracle/conf-runner.ts';
import { namedDefconfigs, spread } from '../../../tools/oracle/defconfigs.ts';
import {
  caseName,
  compareCase,
  DIFFERENTIAL_ARCHES,
  differentialCases,
  runEngine,
} from '../../../tools/oracle/differential.ts';
import { openEngine } from '../../../tools/oracle/engine-for-tree.ts';
import { kernelSetup } from '../../../tools/oracle/kernel-setup.ts';
import { mapLimit } from '../../../tools/oracle/map-limit.ts';
import {
  type Oracle,
  type OracleCase,
  openOracle,
  sharedOracle,
} from '../../../tools/oracle/oracle-cache.ts';
import { valueWarningConfig } from '../../../tools/oracle/warning-configs.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const defconfigSample = Number.parseInt(process.env.KREVIEW_DIFF_DEFCONFIGS ?? '3', 10);
const setup = await kernelSetup(repoRoot);
const CASE_TIMEOUT_MS = 180_000;

const known: Record<string, string> = JSON.parse(
  await readFile(path.join(import.meta.dirname, 'known-differences.json'), 'utf8'),
).differences;

interface TreeUnderTest {
  readonly version: string;
  readonly tree: string;
  readonly seeds: number;
  readonly named: Map<string, NamedDefconfig[]>;
}

const trees: TreeUnderTest[] = [];
for (const [version, tree, defaultSeeds] of [
  ['6.12', setup.tree, '10'],
  ['7.3', setup.tree73, '3'],
] as const) {
  if (tree === undefined) throw new Error(`no ${version} tree: run scripts/kernel-setup.sh`);
  // The cases are known before the tests are collected: the named defconfigs come from the tree.
  const named = new Map<string, NamedDefconfig[]>();
  for (const arch of DIFFERENTIAL_ARCHES) named.set(arch, await namedDefconfigs(tree, arch));
  const seeds = Number.parseInt(process.env.KREVIEW_DIFF_SEEDS ?? defaultSeeds, 10);
  trees.push({ version, tree, seeds, named });
}

// known-differences.json names cases as "<arch> <case>" for 6.12 and "7.3 <arch> <case>" for 7.3.
const knownName = (t: TreeUnderTest, arch: string, c: OracleCase) =>
  t.version === '6.12' ? caseName(arch, c) : `${t.version} ${caseName(arch, c)}`;

describe('known-differences.json', () => {
  it('known-differences.json names only cases the differential knows, each with a reason', () => {
    const names = new Set(
      trees.flatMap((t) =>
        DIFFERENTIAL_ARCHES.flatMap((arch) =>
          differentialCases(1000, t.named.get(arch)).map((c) => knownName(t, arch, c)),
        ),
      ),
    );
    for (const [name, why] of Object.entries(known)) {
      expect(names.has(name), `"${name}" is not a differential case`).toBe(true);
      expect(why.length, `"${name}" needs a reason`).toBeGreaterThan(10);
    }
  });
});

describe.each(trees)('Linux $version', (t) => {
  const casesOf = (arch: string) =>
    differentialCases(t.seeds, spread(t.named.get(arch) ?? [], defconfigSample));
  const oracle: Promise<Oracle> = openOracle(t.tree).then((o) => {
    const shared = sharedOracle(o);
    // A cold cache costs ~2–6 s of make per conf run. conf is asked ahead of the tests, two
    // arches at a time (their builddirs differ), without waiting: each test waits for its case.
    void mapLimit(DIFFERENTIAL_ARCHES, 2, async (arch) => {
      for (const c of casesOf(arch)) await shared.run(arch, c).catch(() => undefined);
    });
    return shared;
  });

  // One engine at a time: the arches run one after another, and four loaded trees are not needed.
  let loaded: { arch: string; kconfig: Promise<Kconfig> } | undefined;
  function engine(arch: string): Promise<Kconfig> {
    if (loaded?.arch !== arch) {
      const defconfigs = casesOf(arch).flatMap((c) => (c.kind === 'defconfig' ? [c.name] : []));
      loaded = { arch, kconfig: openEngine(t.tree, arch, { defconfigs }) };
    }
    return loaded.kconfig;
  }

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
        const why = known[knownName(t, arch, c)];
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
            const o = await oracle;
            if (c.kind === 'random' && c.variant === 'thin') {
              // A thinned configuration must not already be what olddefconfig writes, or the case
              // could not tell an engine that recomputes from one that copies its input.
              const want = await o.run(arch, c);
              expect(want.input, 'conf left the thinned input unchanged').not.toBe(want.config);
            }
            const outcome = await compareCase(o, kconfig, arch, c);
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
        `run() agrees with conf on allyesconfig broken to warn on ${arch} (wrong types, out of range, stray lines)`,
        async () => {
          const o = await oracle;
          const allyes = await o.run(arch, { kind: 'target', target: 'allyesconfig' });
          const input = valueWarningConfig(allyes.config);
          const c: OracleCase = { kind: 'olddefconfig', input, label: 'warn-values' };
          const want = await o.run(arch, c);
          expect(want.stderr, 'conf warned').toContain('warning:');
          const outcome = await compareCase(o, await engine(arch), arch, c);
          if (!outcome.agrees) expect.fail(outcome.differences.join('\n'));
        },
        CASE_TIMEOUT_MS,
      );
      it(
        `run() answers the targets on ${arch} the same again after all the other cases`,
        async () => {
          // One loaded tree serves every case; a value left over from an earlier run would show.
          const kconfig = await engine(arch);
          const o = await oracle;
          for (const c of casesOf(arch).filter(
            (x) => x.kind === 'target' || x.kind === 'olddefconfig',
          )) {
            const want = await o.run(arch, c);
            const again = runEngine(kconfig, c, want);
            const repeated = runEngine(kconfig, c, want);
            expect(repeated, caseName(arch, c)).toEqual(again);
            if (known[knownName(t, arch, c)] === undefined) expect(again.config).toBe(want.config);
          }
        },
        CASE_TIMEOUT_MS,
      );
    });
  }
});
