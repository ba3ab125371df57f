import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { fixture, repoRoot } from '../ingest/helpers.ts';

async function run(argv: string[], stdin: Readable = Readable.from([])) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin,
    env: {},
    cwd: repoRoot,
  });
  return { status, stdout, stderr };
}

describe('kreview show', () => {
  it('lists each series with version, author, counts, base, files and Kconfig/Makefile files', async () => {
    const { status, stdout, stderr } = await run(['show', fixture('vfio-noiommu.mbox')]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const v6 = stdout.split('\n\n')[1];
    expect(v6).toBe(
      [
        'iommufd: Enable noiommu mode for cdev',
        '  version:   v6 (with cover letter)',
        '  author:    Ada Lovelace <ada@example.org>',
        '  patches:   3 of 3 present',
        '  base:      dc6ecc821705b979af93784965687d5e65e43a21',
        '  message:   20260309093000.600-0-ada@example.org',
        '  files:     drivers/iommu/iommufd/Kconfig, drivers/vfio/Kconfig, drivers/vfio/Makefile, drivers/vfio/cdev_noiommu.c',
        '  Kconfig/Makefile: drivers/iommu/iommufd/Kconfig, drivers/vfio/Kconfig, drivers/vfio/Makefile',
        '  [1/3] iommufd: Add IOMMUFD_NOIOMMU',
        '  [2/3] vfio: Allow VFIO_NOIOMMU with the device cdev',
        '  [3/3] vfio: Build cdev noiommu support',
      ].join('\n'),
    );
    expect(stdout.startsWith('2 series in 11 messages\n')).toBe(true);
  });

  it('text mode names missing patches and puts warnings on stderr; exit 0', async () => {
    const { status, stdout, stderr } = await run(['show', fixture('thread-cases.mbox')]);
    expect(status).toBe(0);
    expect(stdout).toContain('  patches:   2 of 3 present, missing 2\n');
    expect(stdout).toContain('  [1/3] thing: change number 1 (from v1)\n');
    expect(stderr).toBe(
      'warning: #2 <tc-1@example.org>: Ignored duplicate patch 1/3 "[PATCH 1/3] thing: change number 1": kept the newer message 6 ("tc-1-resend@example.org")\n',
    );
  });

  it('--json prints the documented shape, stable across runs, 2-space indent, trailing newline', async () => {
    const first = await run(['show', fixture('thread-cases.mbox'), '--json']);
    const second = await run(['show', '--json', fixture('thread-cases.mbox')]);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout.endsWith('}\n')).toBe(true);
    expect(first.stdout).toContain('\n  "series": [\n    {\n      "subject": ');
    const json = JSON.parse(first.stdout);
    expect(Object.keys(json)).toEqual(['series', 'warnings']);
    expect(Object.keys(json.series[0])).toEqual([
      'subject',
      'version',
      'rfc',
      'author',
      'total',
      'present',
      'missing',
      'hasCover',
      'baseCommit',
      'messageId',
      'patches',
    ]);
    expect(json.series[1]).toMatchObject({
      version: 1,
      total: 3,
      present: [1, 3],
      missing: [2],
      hasCover: true,
    });
    expect(Object.keys(json.series[1].patches[0])).toEqual([
      'index',
      'subject',
      'messageId',
      'author',
      'files',
      'trailers',
    ]);
    expect(json.series[1].patches[1].files).toEqual(['file3.c']);
    expect(json.warnings).toEqual([
      {
        position: 2,
        messageId: 'tc-1@example.org',
        message:
          'Ignored duplicate patch 1/3 "[PATCH 1/3] thing: change number 1": kept the newer message 6 ("tc-1-resend@example.org")',
      },
    ]);
    expect(first.stderr).toBe('');
  });

  it('reads standard input with "-"', async () => {
    const { status, stdout } = await run(
      ['show', '-', '--json'],
      Readable.from([readFileSync(fixture('vfio-noiommu.mbox'))]),
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout).series.map((s: { version: number }) => s.version)).toEqual([6, 5]);
  });

  it('exits 1 when nothing could be read, 2 on misuse', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kreview-show-')), 'junk');
    writeFileSync(file, 'not mail at all\n');
    const junk = await run(['show', file]);
    expect(junk.status).toBe(1);
    expect(junk.stderr).toContain(
      `kreview: Cannot show series in "${file}": no mail message could be read\n`,
    );
    expect((await run(['show'])).status).toBe(2);
    expect((await run(['show', 'a', 'b'])).status).toBe(2);
    expect((await run(['show', '--bogus', 'a'])).status).toBe(2);
    expect((await run(['show', '/nonexistent.mbox'])).status).toBe(1);
  });
});
