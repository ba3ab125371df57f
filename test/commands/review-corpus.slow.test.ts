// `kreview review` on real 2023 linux-kbuild threads that touch Kconfig, cut out of
// ../shared/corpus at test time, on the Debian 6.12 tree. Two years on, what a reviewer meets:
// a patch merged long ago, one merged in another form, one that never went in. The first and
// a symbol removal are also reviewed on their reverts, and the never-merged one on a base it
// applies to, checked against the kernel's own conf. Every expected value was read off the
// Kconfig by hand.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { runBaseConf } from '../helpers/base-conf.ts';
import { corpusThreads, writeThreads } from '../helpers/corpus-thread.ts';
import { commitEdits, scratchClone } from '../helpers/kernel-series.ts';
import { checkoutProbeScripts, revertCommit } from '../helpers/scratch-base.ts';
import { missingShared } from '../helpers/shared-data.ts';
import { extractKconfigTree } from '../helpers/vfio-review.ts';
import { corpusPath, repoRoot } from '../ingest/helpers.ts';

const skip = missingShared('the corpus review tests', corpusPath);

// usr/Kconfig: a typo fixed in INITRAMFS_COMPRESSION_LZO's help; in 6.12 already.
const TYPO = '20231210053429.23146-1-rdunlap@infradead.org';
// treewide: drop CONFIG_EMBEDDED; 6.12 has no EMBEDDED and ARM_PATCH_PHYS_VIRT's new prompt.
const EMBEDDED = '20230816055010.31534-1-rdunlap@infradead.org';
// kasan: a new KASAN_WHITELIST_ONLY, never merged; scripts/Makefile.lib has moved on since.
const KASAN = '20230928041600.15982-1-quic_jiangenj@quicinc.com';
// scripts: remove bin2c, and with it the promptless BUILD_BIN2C of init/Kconfig; merged in 6.3.
const BIN2C = '20230119071215.23042-1-masahiroy@kernel.org';

interface Cell {
  inputs: Record<string, string>;
  values: Record<string, string>;
}
interface ReviewJson {
  base: string;
  head: string;
  applied: boolean;
  notes: string[];
  matrices: { arch: string; spec: string; axes: string[]; before: Cell[]; after: Cell[] }[];
  findings: {
    check: string;
    severity: string;
    patch: number;
    file: string | null;
    line: number | null;
    title: string;
    detail: string;
  }[];
}

let tree = '';
let conf = '';
let mboxes = new Map<string, string>();
const temps: string[] = [];

async function review(root: string, repo: string, ...args: string[]): Promise<ReviewJson> {
  let stdout = '';
  let stderr = '';
  const mbox = mboxes.get(root) ?? '';
  const status = await main(['review', mbox, '--tree', repo, '--json', ...args], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: process.env,
    cwd: repoRoot,
  });
  expect(status, stderr).toBe(0);
  return JSON.parse(stdout) as ReviewJson;
}

const brief = (r: ReviewJson) =>
  r.findings.map((f) => ({ check: f.check, patch: f.patch, file: f.file, line: f.line }));

beforeAll(async () => {
  if (skip) return;
  ({ tree, conf } = await kernelSetup(repoRoot));
  const written = await writeThreads(
    await corpusThreads(corpusPath, [TYPO, EMBEDDED, KASAN, BIN2C]),
  );
  temps.push(written.dir);
  mboxes = written.paths;
}, 900_000);

afterAll(() => {
  if (skip) return;
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('kreview review on real kbuild threads (big tree)', () => {
  it('cuts each thread out whole: the typo fix is one patch, the kasan thread has its replies', async () => {
    const counts = async (root: string) => {
      const ingested = await readMbox(mboxes.get(root) ?? '', Readable.from([]));
      return [ingested.messages.length, ingested.series.map((s) => s.patches.length)];
    };
    expect(await counts(TYPO)).toEqual([2, [1]]);
    expect(await counts(KASAN)).toEqual([5, [1]]);
  });

  it('says a patch merged before 6.12 is already in the tree, and reviews nothing', async () => {
    const result = await review(TYPO, tree);
    expect(result.applied).toBe(false);
    expect(result.matrices).toEqual([]);
    expect(brief(result)).toEqual([
      { check: 'patch-already-applied', patch: 1, file: null, line: null },
    ]);
    expect(result.findings[0]?.title).toBe('Patch 1/1 is already in the base tree');
  }, 120_000);

  it('finds nothing in a help-text typo fix reviewed on a base from before it', async () => {
    const scratch = scratchClone(tree);
    temps.push(scratch);
    const ingested = await readMbox(mboxes.get(TYPO) ?? '', Readable.from([]));
    const diffs = ingested.series[0]?.patches.map((p) => p.diff.toString()) ?? [];
    const base = revertCommit(scratch, 'v6.12', diffs, 'Revert the typo fix\n');
    checkoutProbeScripts(scratch, base);
    const result = await review(TYPO, scratch, '--base', base);
    expect(result.applied).toBe(true);
    // Applied on its own revert, the patch gives back 6.12's usr/Kconfig byte for byte.
    const blob = (rev: string) =>
      execFileSync('git', ['rev-parse', `${rev}:usr/Kconfig`], { cwd: scratch }).toString();
    expect(blob(result.head)).toBe(blob('v6.12'));
    expect(blob(base)).not.toBe(blob('v6.12'));
    // Help text is not behaviour: no derived matrix, and no "No case enables" warning for the
    // LZO choice entry (it needs INITRAMFS_SOURCE, which x86_64 defconfig leaves empty).
    expect(result.matrices).toEqual([]);
    expect(result.findings).toEqual([]);
  }, 300_000);

  it('says where a treewide change merged in another form does not apply', async () => {
    const result = await review(EMBEDDED, tree);
    expect(result.applied).toBe(false);
    // The first hunk: 6.12's ARM_PATCH_PHYS_VIRT already reads "if !ARCH_MULTIPLATFORM".
    expect(brief(result)).toEqual([
      { check: 'patch-does-not-apply', patch: 1, file: 'arch/arm/Kconfig', line: 250 },
    ]);
    expect(result.findings[0]?.title).toBe('Patch 1/1 does not apply to arch/arm/Kconfig (hunk 1)');
    // git also names init/Kconfig, whose `config EMBEDDED` 6.12 no longer has.
    expect(result.findings[0]?.detail).toContain('init/Kconfig: patch does not apply');
  }, 120_000);

  it('says the kasan patch does not apply to 6.12 at scripts/Makefile.lib', async () => {
    const result = await review(KASAN, tree, '--base', 'v6.12');
    expect(result.applied).toBe(false);
    expect(brief(result)).toEqual([
      { check: 'patch-does-not-apply', patch: 1, file: 'scripts/Makefile.lib', line: 158 },
    ]);
  }, 120_000);
});

describe.skipIf(skip)('the kasan patch reviewed on a base it applies to (big tree)', () => {
  let result: ReviewJson;
  let scratch = '';

  beforeAll(async () => {
    scratch = scratchClone(tree);
    temps.push(scratch);
    // 6.12 with the one scripts/Makefile.lib line the hunk's context needs as it was in 2023
    // (before KASAN_SANITIZE met target-stem and is-kernel-object); Kconfig is 6.12's own.
    const base = commitEdits(
      scratch,
      'v6.12',
      {
        'scripts/Makefile.lib': (old) =>
          (old ?? '').replace(
            '$(KASAN_SANITIZE_$(target-stem).o)$(KASAN_SANITIZE)$(is-kernel-object)), \\\n\t\t$(CFLAGS_KASAN),',
            '$(KASAN_SANITIZE_$(basetarget).o)$(KASAN_SANITIZE)y), \\\n\t\t$(CFLAGS_KASAN),',
          ),
      },
      'scripts/Makefile.lib: the KASAN_SANITIZE line of 2023\n',
    );
    checkoutProbeScripts(scratch, base);
    result = await review(KASAN, scratch, '--base', base);
  }, 300_000);

  it('applies, and derives one x86_64 case: KASAN set, KASAN_HW_TAGS out of reach', () => {
    expect(result.applied).toBe(true);
    expect(result.matrices.map((m) => [m.spec, m.arch, m.axes])).toEqual([
      ['derived', 'x86_64', ['KASAN_HW_TAGS']],
    ]);
    const [matrix] = result.matrices;
    // HW tags need HAVE_ARCH_KASAN_HW_TAGS (arm64 only): "-", the axis cannot be set here.
    expect(matrix?.after.map((c) => c.inputs)).toEqual([{ KASAN_HW_TAGS: '-' }]);
    // KASAN, which the new symbol needs before and after, is context: set, not varied.
    expect(result.notes).toContain('Set in every case: KASAN=y.');
    expect(matrix?.before[0]?.values).toEqual({ KASAN_HW_TAGS: 'n', KASAN_WHITELIST_ONLY: 'n' });
    expect(matrix?.after[0]?.values).toEqual({ KASAN_HW_TAGS: 'n', KASAN_WHITELIST_ONLY: 'y' });
  });

  it('describes the new symbol as new, anchored on its config line, with what allmodconfig does', () => {
    // lib/Kconfig.kasan hunk @@ -153,6 +153,14 @@: blank, endchoice, blank, then line 156.
    // The matrix asks for KASAN_WHITELIST_ONLY=y: that is no "change", the symbol is new.
    expect(brief(result)).toEqual([
      { check: 'new-symbol', patch: 1, file: 'lib/Kconfig.kasan', line: 156 },
    ]);
    const [added] = result.findings;
    // KASAN is n in defconfig and allnoconfig: only allmodconfig (KASAN=y) turns it on.
    expect(added?.title).toBe('New bool KASAN_WHITELIST_ONLY: y in allmodconfig (x86_64)');
    expect(added?.detail).toContain('x86_64: defconfig n, allnoconfig n, allmodconfig y');
  });

  it("agrees with the kernel's conf on the new symbol, before and after", async () => {
    const after = mkdtempSync(path.join(tmpdir(), 'kreview-kasan-after-'));
    temps.push(after);
    extractKconfigTree(scratch, result.head, after);
    const line = /^CONFIG_KASAN_WHITELIST_ONLY=.*$/m;
    const allmod = async (srctree: string) =>
      line.exec((await runBaseConf(conf, srctree, 'x86_64', 'allmodconfig', undefined)).config);
    expect(await allmod(tree)).toBeNull();
    expect((await allmod(after))?.[0]).toBe('CONFIG_KASAN_WHITELIST_ONLY=y');

    const defconfig = `defconfig=${path.join(after, 'arch/x86/configs/x86_64_defconfig')}`;
    const base = (await runBaseConf(conf, after, 'x86_64', defconfig, undefined)).config;
    const asked = async (settings: string) =>
      line.exec((await runBaseConf(conf, after, 'x86_64', 'olddefconfig', base + settings)).config);
    // y exactly when KASAN is: it depends on KASAN && !KASAN_HW_TAGS.
    expect((await asked('CONFIG_KASAN=y\nCONFIG_KASAN_WHITELIST_ONLY=y\n'))?.[0]).toBe(
      'CONFIG_KASAN_WHITELIST_ONLY=y',
    );
    expect(await asked('CONFIG_KASAN_WHITELIST_ONLY=y\n')).toBeNull();
  }, 300_000);
});

describe.skipIf(skip)('a symbol removal reviewed on a base from before it (big tree)', () => {
  it('removes BUILD_BIN2C without a finding: nothing selected it and nothing names it after', async () => {
    const scratch = scratchClone(tree);
    temps.push(scratch);
    const ingested = await readMbox(mboxes.get(BIN2C) ?? '', Readable.from([]));
    const diff = ingested.series[0]?.patches[0]?.diff ?? '';
    // 6.12 dropped the bin2c line of scripts/remove-stale-files later: give the file back the
    // three lines that ended it in January 2023 (the hunk's context), and revert the rest.
    const tail = commitEdits(
      scratch,
      'v6.12',
      {
        'scripts/remove-stale-files': (old) =>
          `${old ?? ''}\nrm -f scripts/kconfig/[gmnq]conf-cfg\n\nrm -f rust/target.json\n`,
      },
      'scripts/remove-stale-files: the end of it in January 2023\n',
    );
    const rest = diff
      .toString()
      .split(/(?=^diff --git )/m)
      .filter((part) => !part.startsWith('diff --git a/scripts/remove-stale-files '))
      .join('');
    const base = revertCommit(scratch, tail, [rest], 'Revert "scripts: remove bin2c"\n');
    checkoutProbeScripts(scratch, base);
    // By hand: on the base, only its definition (bool, no prompt, default n) and the
    // hostprogs line of scripts/Makefile name it; no select, no default y anywhere.
    const named = execFileSync('git', ['grep', '-l', 'BUILD_BIN2C', base], { cwd: scratch });
    expect(named.toString().trim().split('\n')).toEqual([
      `${base}:init/Kconfig`,
      `${base}:scripts/Makefile`,
    ]);

    const result = await review(BIN2C, scratch, '--base', base);
    expect(result.applied).toBe(true);
    expect(result.matrices.map((m) => [m.spec, m.arch, m.axes])).toEqual([
      ['derived', 'x86_64', []],
    ]);
    expect(result.matrices[0]?.before).toEqual([{ inputs: {}, values: { BUILD_BIN2C: 'n' } }]);
    expect(result.matrices[0]?.after).toEqual([{ inputs: {}, values: { BUILD_BIN2C: 'n' } }]);
    // No undefined-symbol for the CONFIG_BUILD_BIN2C of the removed Makefile line, and nothing
    // lost on upgrade: no configuration could have had it y.
    expect(result.findings).toEqual([]);
  }, 300_000);
});
