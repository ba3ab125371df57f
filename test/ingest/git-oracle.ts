// git as the oracle for the ingest tests: `git mailsplit` splits an mbox the way git am does and
// `git mailinfo` extracts the patch git am would apply.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Patch } from '../../src/domain/series.ts';

/** Splits an mbox with git mailsplit into one file per message; returns their paths in order. */
export function gitMailsplit(mbox: string, mboxrd: boolean): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kreview-mailsplit-'));
  const args = ['mailsplit', `-o${dir}`, ...(mboxrd ? ['--mboxrd'] : []), mbox];
  const run = spawnSync('git', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git mailsplit failed: ${run.stderr}`);
  return readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The patch git mailinfo extracts from one message file, as its bytes: mailinfo re-codes only the
 * commit message to UTF-8, the patch keeps the mail's bytes (the transfer encoding undone).
 */
export function gitMailinfoPatch(messageFile: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'kreview-mailinfo-'));
  const run = spawnSync('git', ['mailinfo', path.join(dir, 'msg'), path.join(dir, 'patch')], {
    input: readFileSync(messageFile),
  });
  if (run.status !== 0) throw new Error(`git mailinfo failed: ${run.stderr.toString()}`);
  return readFileSync(path.join(dir, 'patch'));
}

/** `git apply --numstat` of a diff: `added\tdeleted\tpath` lines, as git counts them. */
export function gitNumstat(diff: string | Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kreview-numstat-'));
  const file = path.join(dir, 'p.diff');
  writeFileSync(file, diff);
  const run = spawnSync('git', ['apply', '--numstat', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git apply --numstat failed: ${run.stderr}`);
  return run.stdout.split('\n').filter((l) => l !== '');
}

/** The Message-ID header of a raw message file, without angle brackets. */
export function messageIdOf(messageFile: string): string | undefined {
  const text = readFileSync(messageFile, 'latin1');
  const head = text.slice(0, text.indexOf('\n\n'));
  return /^message-id:\s*<([^>]+)>/im.exec(head)?.[1];
}

/** Checks a patch's diff against git mailinfo's: same bytes, and nothing diff-like after it. */
export function expectSameAsMailinfo(patch: Patch, mailinfoBytes: Buffer): void {
  // Compared as Latin-1 strings (one char per byte): byte for byte, and readable when it fails.
  const diff = patch.diff.toString('latin1');
  const mailinfo = mailinfoBytes.toString('latin1');
  const firstLine = `${diff.slice(0, diff.indexOf('\n'))}\n`;
  const found = mailinfo.indexOf(`\n${firstLine}`);
  const start = mailinfo.startsWith(firstLine) ? 0 : found === -1 ? -1 : found + 1;
  expect(start, `diff of ${patch.messageId} not in git mailinfo's patch`).toBeGreaterThanOrEqual(0);
  const theirs = mailinfo.slice(start);
  expect(theirs.slice(0, diff.length), `diff of ${patch.messageId}`).toBe(diff);
  const beforeSignature = theirs.slice(diff.length).split(/^-- ?$/m)[0];
  // What follows is notes, base-commit: and the like, never more diff.
  expect(beforeSignature).not.toMatch(/^(diff --git |@@ |\+\+\+ |--- a\/)/m);
}
