// The default apply policy on real linux-kbuild threads of 2024 (../shared/corpus), on the
// Debian 6.12 tree and with no --base, as a maintainer runs `kreview review` on a saved thread.
// Each expected outcome is what `git am -3` did with the same thread on the same tree (checked
// by hand in a scratch checkout): where git am applies patches, kreview applies the same ones,
// and only those are evaluated.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { corpusThreads, writeThreads } from '../helpers/corpus-thread.ts';
import { runCli } from '../helpers/run-cli.ts';
import { CORPUS_2024H1 as corpus, missingShared } from '../helpers/shared-data.ts';
import { repoRoot } from '../ingest/helpers.ts';

const skip = missingShared('the 2024 apply-policy corpus tests', corpus);

// What git am -3 did on 6.12, per patch: A applied, R already applied (git am stops there with
// "patch does not apply"; kreview says so and goes on), F failed, . not tried.
const THREADS: readonly [root: string, what: string, statuses: string][] = [
  ['20240312-gcc-plugins-gmp-v1-0-c5e082437b9e@linutronix.de', 'gcc-plugins: gmp.h', 'AA'],
  ['20240422060556.1226848-1-liuyuntao12@huawei.com', 'x86: LD_DEAD_CODE_DATA_ELIMINATION', 'A'],
  ['20240422092206.147078-1-sv@linux.ibm.com', 'objtool: only if selected', 'AF'],
  ['20240127162309.1026549-1-masahiroy@kernel.org', 'MIPS: CPU type choice', 'R'],
  ['20240320165211.697584-1-masahiroy@kernel.org', 'kconfig: tests: KCONFIG_SEED', 'RRR'],
  ['E1rNVlL-000qDm-Pg@rmk-PC.armlinux.org.uk', 'kbuild: depmod SHA3', 'F'],
  [
    '20240125-fix-riscv-option-arch-llvm-18-v1-0-390ac9cc3cd0@kernel.org',
    'RISC-V: AS_HAS_OPTION_ARCH',
    'F.',
  ],
  ['20240206001333.1710070-1-yoann.congal@smile.fr', 'printk: BASE_SMALL', 'F..'],
  ['20240323085101.1243814-1-masahiroy@kernel.org', 'kconfig: unselectable MIPS choice', 'RF'],
];
let tree = '';
let dir = '';
let mboxes = new Map<string, string>();

describe.skipIf(skip)('the default apply policy on real 2024 kbuild threads (big tree)', () => {
  beforeAll(async () => {
    ({ tree } = await kernelSetup(repoRoot));
    const written = await writeThreads(
      await corpusThreads(
        corpus,
        THREADS.map(([root]) => root),
      ),
    );
    dir = written.dir;
    mboxes = written.paths;
  }, 900_000);
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it.each(THREADS)(
    'kreview apply of <%s> (%s) gives what git am -3 gave: %s',
    async (root, _, want) => {
      const { status, out, err } = await runCli([
        'apply',
        mboxes.get(root) ?? '',
        '--tree',
        tree,
        '--json',
      ]);
      expect(status, err).toBe(0);
      const json = JSON.parse(out) as {
        baseReason: { kind: string; note: string | null };
        patches: { applied: boolean; error: { message: string } | null }[];
      };
      // None of these name a base-commit the tree has: the configured base is used.
      expect(json.baseReason.kind).toBe('configured');
      const got = json.patches
        .map((p) =>
          p.applied
            ? 'A'
            : p.error?.message.startsWith('Already applied')
              ? 'R'
              : p.error?.message.startsWith('Not tried')
                ? '.'
                : 'F',
        )
        .join('');
      expect(got).toBe(want);
    },
    120_000,
  );

  it('kreview review evaluates only the patch that applied, and says which', async () => {
    const root = '20240422092206.147078-1-sv@linux.ibm.com';
    const { status, out, err } = await runCli([
      'review',
      mboxes.get(root) ?? '',
      '--tree',
      tree,
      '--json',
    ]);
    expect(status, err).toBe(0);
    const json = JSON.parse(out) as {
      evaluated: { patches: number[]; checks: string[]; summary: string };
      findings: { check: string; patch: number }[];
    };
    expect(json.evaluated.patches).toEqual([1]);
    expect(json.evaluated.checks.length).toBeGreaterThan(0);
    expect(json.evaluated.summary).toBe(
      'Evaluated patch 1 of 2; patch 2 does not apply to dc6ecc821705.',
    );
    // Patch 2 did not apply: nothing but its does-not-apply error is filed under it.
    expect(json.findings.filter((f) => f.patch === 2).map((f) => f.check)).toEqual([
      'patch-does-not-apply',
    ]);
  }, 300_000);

  it('kreview review of a series whose first patch does not apply says nothing was evaluated', async () => {
    const root = 'E1rNVlL-000qDm-Pg@rmk-PC.armlinux.org.uk';
    const text = await runCli(['review', mboxes.get(root) ?? '', '--tree', tree]);
    expect(text.status, text.err).toBe(0);
    expect(text.out).toContain('Nothing was evaluated: patch 1 does not apply to dc6ecc821705.');
    expect(text.out).not.toContain('No findings');
    const json = JSON.parse(
      (await runCli(['review', mboxes.get(root) ?? '', '--tree', tree, '--json'])).out,
    ) as { evaluated: { patches: number[]; checks: string[] } };
    expect(json.evaluated).toMatchObject({ patches: [], checks: [] });
  }, 120_000);
});
