import { describe, expect, it } from 'vitest';
import type { Patch } from '../../src/domain/series.ts';
import {
  expectSameAsMailinfo,
  gitMailinfoPatch,
  gitMailsplit,
  gitNumstat,
  messageIdOf,
} from './git-oracle.ts';
import { fixture, ingestFixture } from './helpers.ts';

function ours(patch: Patch): string[] {
  return patch.files.map((f) => {
    const lines = f.hunks.flatMap((h) => h.lines);
    const path = f.newPath;
    if (f.binary) return `-\t-\t${path}`;
    return `${lines.filter((l) => l.kind === 'add').length}\t${lines.filter((l) => l.kind === 'del').length}\t${path}`;
  });
}

describe('patch bytes are exact', () => {
  it('diff kinds: files, changes, modes, binary and line numbers match what git reads', async () => {
    const { series } = await ingestFixture('diff-kinds.mbox');
    const patch = series[0]?.patches[0];
    if (patch === undefined) throw new Error('no patch read');
    expect(
      patch.files.map((f) => [f.change, f.oldPath, f.newPath, f.oldMode, f.newMode, f.binary]),
    ).toEqual([
      ['modified', 'Kconfig', 'Kconfig', '100644', '100644', false],
      ['added', 'added.txt', 'added.txt', undefined, '100644', false],
      ['modified', 'blob.bin', 'blob.bin', '100644', '100644', true],
      ['modified', 'keep.txt', 'keep.txt', '100644', '100755', false],
      ['added', 'nonl.txt', 'nonl.txt', undefined, '100644', false],
      ['deleted', 'old-name.txt', 'old-name.txt', '100644', undefined, false],
      ['renamed', 'moved.c', 'renamed.c', '100644', '100644', false],
    ]);
    expect(ours(patch).sort()).toEqual(gitNumstat(patch.diff).sort());
    const kconfig = patch.files[0]?.hunks[0]?.lines;
    expect(kconfig?.map((l) => [l.kind, l.text, l.oldLine ?? null, l.newLine ?? null])).toEqual([
      ['context', 'config FOO', 1, 1],
      ['del', '\tbool "foo"', 2, null],
      ['add', '\tbool "foo"  ', null, 2],
      ['add', '\tdefault y', null, 3],
    ]);
    expect(patch.files[4]?.hunks[0]?.lines.at(-1)?.kind).toBe('no-newline');
    expect(patch.files[6]?.hunks[0]?.lines.at(-1)).toMatchObject({ kind: 'add', newLine: 21 });
    expect(patch.baseCommit).toBe('7afc2f97a3094a2a53bde982965fe110d27ed881');
    expect(patch.trailers.map((t) => t.key)).toEqual(['Signed-off-by', 'Cc']);
    const [mail] = gitMailsplit(fixture('diff-kinds.mbox'), true);
    expectSameAsMailinfo(patch, gitMailinfoPatch(mail ?? ''));
  });

  it('quoted-printable, base64, ISO-8859-1 and unknown-charset bodies give the diff git mailinfo extracts', async () => {
    const { series, warnings } = await ingestFixture('encodings.mbox');
    const patches = series[0]?.patches ?? [];
    expect(patches).toHaveLength(4);
    const mails = gitMailsplit(fixture('encodings.mbox'), true);
    // git mailinfo refuses the unknown charset of the fourth (it cannot re-code the message).
    for (const [i, patch] of patches.slice(0, 3).entries()) {
      expect(messageIdOf(mails[i] ?? '')).toBe(patch.messageId);
      expectSameAsMailinfo(patch, gitMailinfoPatch(mails[i] ?? ''));
    }
    for (const patch of patches.slice(0, 2)) {
      expect(patch.diff.toString()).toContain('+\tbool "föö"\t \n');
      expect(patch.author).toEqual({ name: 'Zoë Exämple', address: 'zoe@example.org' });
    }
    // git mailinfo re-codes only the commit message: git am applies the ISO-8859-1 bytes, and so
    // does kreview; the parsed lines (for analysis and display) read as the decoded text.
    expect(patches[2]?.diff.toString('latin1')).toContain('+\tbool "föö"\t \n');
    expect(patches[2]?.diff.toString('latin1')).toBe(patches[0]?.diff.toString());
    expect(patches[2]?.files).toEqual(patches[0]?.files);
    expect(patches[3]?.diff).toEqual(patches[0]?.diff);
    expect(warnings.map((w) => [w.position, w.message])).toEqual([
      [4, 'Cannot decode message 4 exactly: unknown charset "x-klingon", read as UTF-8'],
    ]);
    expect(series[0]?.subject).toBe('kconfig: späß in the help');
  });

  it('in-body From:, Date: and Subject: override the mail headers', async () => {
    const { ingestBytes } = await import('./helpers.ts');
    const mail = [
      'From mboxrd@z Thu Jan  1 00:00:00 1970',
      'From: Sender <sender@example.org>',
      'Subject: [PATCH] wrong: title',
      'Date: Mon, 5 Jan 2026 00:00:00 +0000',
      'Message-ID: <inbody@example.org>',
      '',
      'From: Real Author <author@example.org>',
      'Date: Sun, 4 Jan 2026 00:00:00 +0000',
      'Subject: [PATCH] right: title',
      '',
      'Body.',
      '',
      'Signed-off-by: Real Author <author@example.org>',
      '---',
      'diff --git a/a b/a',
      '--- a/a',
      '+++ b/a',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      '',
    ].join('\n');
    const { series } = await ingestBytes(Buffer.from(mail), 3);
    const patch = series[0]?.patches[0];
    expect(patch?.author).toEqual({ name: 'Real Author', address: 'author@example.org' });
    expect(patch?.date).toBe('Sun, 4 Jan 2026 00:00:00 +0000');
    expect(patch?.commitMessage).toBe(
      'right: title\n\nBody.\n\nSigned-off-by: Real Author <author@example.org>\n',
    );
  });
});
