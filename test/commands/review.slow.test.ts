// The review of the VFIO example series (fixtures/mbox/vfio-noiommu.mbox, v5 and v6 made on the
// Debian 6.12 tree) end to end through the CLI, on the full kernel tree.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { fixture, repoRoot } from '../ingest/helpers.ts';

interface Cell {
  inputs: Record<string, string>;
  values: Record<string, string>;
  unreachable?: string;
}
interface ReviewJson {
  applied: boolean;
  notes: string[];
  matrices: { arch: string; spec: string; axes: string[]; before: Cell[]; after: Cell[] }[];
  findings: {
    check: string;
    patch: number;
    file: string | null;
    line: number | null;
    title: string;
  }[];
}

let tree = '';

async function review(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(['review', fixture('vfio-noiommu.mbox'), '--tree', tree, ...args], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: process.env,
    cwd: repoRoot,
  });
  return { status, stdout, stderr };
}

// NOIOMMU as the reviewers tabulated it, keyed by GROUP/Container/CDEV ("-": cannot be set).
function table(cells: Cell[], symbol: string): Record<string, string> {
  return Object.fromEntries(
    cells.map((c) => [
      `${c.inputs.GROUP}${c.inputs.Container}${c.inputs.CDEV}`,
      c.unreachable === undefined ? (c.values[symbol] ?? 'n') : 'unreachable',
    ]),
  );
}

beforeAll(async () => {
  tree = (await kernelSetup(repoRoot)).tree;
}, 900_000);

describe('kreview review on the VFIO example (big tree)', () => {
  let v6: ReviewJson;
  let v6Text = '';

  beforeAll(async () => {
    const result = await review('--preset', 'vfio-noiommu', '--json');
    expect(result.status, result.stderr).toBe(0);
    v6Text = result.stdout;
    v6 = JSON.parse(result.stdout) as ReviewJson;
  }, 300_000);

  it("v6 applies and its x86_64 after-table is the reviewers' six rows (row 6 cannot be reached)", () => {
    expect(v6.applied).toBe(true);
    const x86 = v6.matrices.find((m) => m.spec === 'vfio-noiommu' && m.arch === 'x86_64');
    expect(x86?.axes).toEqual(['GROUP', 'Container', 'CDEV']);
    // DESIGN.md's rows 1-6. Container cannot be set without GROUP ("-"); and with GROUP=n, VFIO
    // selects VFIO_DEVICE_CDEV, so the reviewers' row 6 (CDEV=n) is no configuration at all.
    expect(table(x86!.after, 'VFIO_NOIOMMU')).toEqual({
      yyn: 'y',
      ynn: 'n',
      yyy: 'y',
      yny: 'n',
      'n-y': 'y',
      'n-n': 'unreachable',
    });
    // The 6.12 tree: NOIOMMU is y exactly when GROUP is y.
    expect(table(x86!.before, 'VFIO_NOIOMMU')).toEqual({
      yyn: 'y',
      ynn: 'y',
      yyy: 'y',
      yny: 'y',
      'n-y': 'n',
      'n-n': 'unreachable',
    });
    expect(x86!.after.map((c) => Object.values(c.inputs).join(''))).toEqual([
      'yyy',
      'yyn',
      'yny',
      'ynn',
      'n-y',
      'n-n',
    ]);
  });

  it('v6 shows the GENERIC_ATOMIC64 effect on 32-bit arm', () => {
    const arm = v6.matrices.find((m) => m.spec === 'vfio-noiommu' && m.arch === 'arm');
    expect(arm?.after.every((c) => c.values.GENERIC_ATOMIC64 === 'y')).toBe(true);
    // With the cdev, !GENERIC_ATOMIC64 fails: NOIOMMU is lost where CDEV is y.
    expect(table(arm!.after, 'VFIO_NOIOMMU')).toMatchObject({ yyy: 'n', yyn: 'y' });
    const derivedArches = v6.matrices.filter((m) => m.spec === 'derived').map((m) => m.arch);
    expect(derivedArches).toEqual(['x86_64', 'arm']);
  });

  it('v6 reports the changed cells on the patch that changes VFIO_NOIOMMU', () => {
    const changed = v6.findings.filter(
      (f) => f.check === 'matrix-cell-changed' && f.title.startsWith('VFIO_NOIOMMU'),
    );
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((f) => f.patch === 2 && f.file === 'drivers/vfio/Kconfig')).toBe(true);
  });

  it('v5 loses CONFIG_VFIO_NOIOMMU on upgrade and leaves references to it behind', async () => {
    const result = await review('--revision', '5', '--json');
    expect(result.status, result.stderr).toBe(0);
    const v5 = JSON.parse(result.stdout) as ReviewJson;
    // The rename is one finding: dropped on upgrade, and references left behind.
    expect(v5.findings.filter((f) => f.check === 'lost-on-upgrade')).toEqual([]);
    const undefinedRefs = v5.findings.filter((f) => f.check === 'undefined-symbol');
    expect(undefinedRefs.map((f) => f.title)).toContain(
      'VFIO_NOIOMMU is removed, but 2 references remain, and CONFIG_VFIO_NOIOMMU is dropped on upgrade',
    );
    expect(undefinedRefs.every((f) => f.patch === 1)).toBe(true);
  }, 300_000);

  it('gives byte-identical JSON for the same input', async () => {
    const again = await review('--preset', 'vfio-noiommu', '--json');
    expect(again.stdout).toBe(v6Text);
  }, 300_000);
});
