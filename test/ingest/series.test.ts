import { describe, expect, it } from 'vitest';
import { ingestFixture } from './helpers.ts';

describe('series assembly', () => {
  it('VFIO fixture: v6 (replying to v5 cover) is the newest revision; both revisions are listed', async () => {
    const { series, latest } = await ingestFixture('vfio-noiommu.mbox');
    expect(
      series.map((s) => [s.version, s.total, s.patches.length, s.cover !== undefined]),
    ).toEqual([
      [6, 3, 3, true],
      [5, 3, 3, true],
    ]);
    expect(latest.map((s) => s.version)).toEqual([6]);
    expect(series[0]?.subject).toBe('iommufd: Enable noiommu mode for cdev');
    expect(series[0]?.threadRoot).toBe('20260302100000.500-0-ada@example.org');
    expect(series[0]?.baseCommit).toBe('dc6ecc821705b979af93784965687d5e65e43a21');
    const v5Files = series[1]?.patches.flatMap((p) => p.files.map((f) => f.newPath));
    expect(v5Files).toContain('drivers/vfio/group.c');
    expect(series[1]?.patches[2]?.diff.toString()).toContain(
      '+#if IS_ENABLED(CONFIG_VFIO_GROUP_NOIOMMU) || IS_ENABLED(CONFIG_VFIO_CDEV_NOIOMMU)\n',
    );
  });

  it('VFIO fixture: replies give trailers to their patch, and to every patch via the cover letter', async () => {
    const { series } = await ingestFixture('vfio-noiommu.mbox');
    const v6 = series[0];
    const keys = v6?.patches.map((p) => p.trailers.map((t) => `${t.key}: ${t.value}`));
    expect(keys).toEqual([
      [
        'Signed-off-by: Ada Lovelace <ada@example.org>',
        'Acked-by: Grace Hopper <grace@example.org>',
      ],
      [
        'Signed-off-by: Ada Lovelace <ada@example.org>',
        'Reviewed-by: Alan Turing <alan@example.com>',
        'Acked-by: Grace Hopper <grace@example.org>',
      ],
      [
        'Signed-off-by: Ada Lovelace <ada@example.org>',
        'Acked-by: Grace Hopper <grace@example.org>',
      ],
    ]);
    expect(v6?.patches[1]?.trailers[1]?.fromReply).toBe('alan-v6-2@example.com');
    // Grace's v5 reply quotes a Signed-off-by: quoted trailers are not given.
    expect(series[1]?.patches[0]?.trailers.map((t) => t.key)).toEqual(['Signed-off-by']);
  });

  it('thread cases: missing 2/3, newest duplicate kept, revised 3/3 makes a v2 on top of v1', async () => {
    const { series, warnings } = await ingestFixture('thread-cases.mbox');
    const [v2, v1] = series;
    expect(v1?.subject).toBe('thing: a series with a folded subject');
    expect(v1?.missing).toEqual([2]);
    expect(v1?.patches.map((p) => p.messageId)).toEqual([
      'tc-1-resend@example.org',
      'tc-3@example.org',
    ]);
    expect(v2?.version).toBe(2);
    expect(v2?.patches.map((p) => p.messageId)).toEqual([
      'tc-1-resend@example.org',
      'tc-3-v2@example.org',
    ]);
    expect(v2?.missing).toEqual([2]);
    expect(v2?.cover?.id).toBe('tc-0@example.org');
    expect(warnings.map((w) => w.message)).toEqual([
      'Ignored duplicate patch 1/3 "[PATCH 1/3] thing: change number 1": kept the newer message 6 ("tc-1-resend@example.org")',
    ]);
  });

  it('thread cases: trailers from replies; prose, quoted and signature lines are not trailers', async () => {
    const { series } = await ingestFixture('thread-cases.mbox');
    const v1 = series[1];
    const first = v1?.patches[0]?.trailers.map(
      (t) => `${t.key}: ${t.value} (${t.fromReply ?? 'patch'})`,
    );
    // The Tested-by went to the first 1/3; the RESEND has the same diff, so it carries over.
    expect(first).toEqual([
      'Signed-off-by: Ada Lovelace <ada@example.org> (patch)',
      'Tested-by: Grace Hopper <grace@example.org> (tc-r1@example.org)',
      'Acked-by: Alan Turing <alan@example.com> (tc-r0@example.org)',
    ]);
    const third = v1?.patches[1]?.trailers.map(
      (t) => `${t.key}: ${t.value} (${t.fromReply ?? 'patch'})`,
    );
    expect(third).toEqual([
      'Signed-off-by: Ada Lovelace <ada@example.org> (patch)',
      'Reported-by: Ken Thompson <ken@example.org> (tc-r3@example.org)',
      'Acked-by: Alan Turing <alan@example.com> (tc-r0@example.org)',
    ]);
  });

  it('bad input: junk, a headerless message and a truncated one are warnings; the rest is read', async () => {
    const { messages, series, warnings } = await ingestFixture('bad-input.mbox');
    expect(messages.map((m) => m.position)).toEqual([2, 3, 4]);
    expect(series.map((s) => s.subject)).toContain('good: a fine patch');
    expect(warnings.map((w) => [w.position ?? null, w.message])).toEqual([
      [
        null,
        'Skipped 60 bytes before the first message: they are neither an mbox "From " line nor mail headers',
      ],
      [1, 'Skipped message 1: it has no mail headers'],
      [2, 'Message 2 has no Message-ID: using "kreview-88b5bb79d2484475@stand-in"'],
      [4, 'Message 4 has no body: its headers do not end (truncated?)'],
      [4, 'Patch "[PATCH] cut: truncated" has no diff'],
    ]);
  });
});
