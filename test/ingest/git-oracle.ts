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

/** The patch git mailinfo extracts from one message file, as text (UTF-8, as git am re-codes). */
export function gitMailinfoPatch(messageFile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kreview-mailinfo-'));
  const run = spawnSync('git', ['mailinfo', path.join(dir, 'msg'), path.join(dir, 'patch')], {
    input: readFileSync(messageFile),
  });
  if (run.status !== 0) throw new Error(`git mailinfo failed: ${run.stderr.toString()}`);
  return readFileSync(path.join(dir, 'patch'), 'utf8');
}

/** `git apply --numstat` of a diff: `added\tdeleted\tpath` lines, as git counts them. */
export function gitNumstat(diff: string): string[] {
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
export function expectSameAsMailinfo(patch: Patch, mailinfo: string): void {
  const firstLine = `${patch.diff.slice(0, patch.diff.indexOf('\n'))}\n`;
  const found = mailinfo.indexOf(`\n${firstLine}`);
  const start = mailinfo.startsWith(firstLine) ? 0 : found === -1 ? -1 : found + 1;
  expect(start, `diff of ${patch.messageId} not in git mailinfo's patch`).toBeGreaterThanOrEqual(0);
  const theirs = mailinfo.slice(start);
  expect(theirs.slice(0, patch.diff.length), `diff of ${patch.messageId}`).toBe(patch.diff);
  const beforeSignature = theirs.slice(patch.diff.length).split(/^-- ?$/m)[0];
  // What follows is notes, base-commit: and the like, never more diff.
  expect(beforeSignature).not.toMatch(/^(diff --git |@@ |\+\+\+ |--- a\/)/m);
}
