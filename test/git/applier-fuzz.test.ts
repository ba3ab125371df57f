// A seeded fuzz of the in-memory applier against `git apply`: random files, random edits made
// into a diff by git itself, applied to a drifted copy (lines added or removed elsewhere, or
// near a hunk so that it must fail). Both must agree: the same bytes, or both refuse.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyHunks } from '../../src/git/hunk-apply.ts';
import { hunkLineBytes } from '../../src/git/hunk-bytes.ts';
import { parseDiff } from '../../src/ingest/diff-parse.ts';

// mulberry32: small, seedable, the same sequence on every machine.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Few distinct lines, so context repeats and a moved hunk has several candidate places.
const WORDS = ['config A', '\tbool "A"', '', 'endif', '\tdefault y', 'if B', '\tselect C', 'x'];

function lines(next: () => number, count: number): string[] {
  return Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)] as string);
}

function edit(next: () => number, from: readonly string[], edits: number): string[] {
  const out = [...from];
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.4) out.splice(at, 0, ...lines(next, 1 + Math.floor(next() * 3)));
    else if (kind < 0.7 && out.length > 1) out.splice(at, 1 + Math.floor(next() * 2));
    else if (out.length > 0) out[Math.min(at, out.length - 1)] = `line ${Math.floor(next() * 99)}`;
  }
  return out;
}

const text = (l: readonly string[]) => (l.length === 0 ? '' : `${l.join('\n')}\n`);
const dir = mkdtempSync(path.join(tmpdir(), 'kreview-fuzz-'));
execFileSync('git', ['init', '-q', dir]);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gitDiff(before: string, after: string): string {
  writeFileSync(path.join(dir, 'a'), before);
  writeFileSync(path.join(dir, 'b'), after);
  const r = spawnSync('git', ['diff', '--no-index', '-U3', 'a', 'b'], { cwd: dir });
  return r.stdout.toString('latin1').replaceAll(' a/a', ' a/f').replaceAll(' b/b', ' b/f');
}

function gitApply(target: string, diff: string): string | undefined {
  writeFileSync(path.join(dir, 'f'), target);
  writeFileSync(path.join(dir, 'p.diff'), diff);
  const r = spawnSync('git', ['apply', 'p.diff'], { cwd: dir });
  return r.status === 0 ? readFileSync(path.join(dir, 'f'), 'latin1') : undefined;
}

describe('the in-memory applier against git apply (seeded fuzz)', () => {
  it('agrees with git on 150 random patches applied to drifted files', () => {
    const next = random(20261202);
    let applied = 0;
    let moved = 0;
    for (let round = 0; round < 150; round++) {
      const base = lines(next, 10 + Math.floor(next() * 40));
      const changed = edit(next, base, 1 + Math.floor(next() * 3));
      const diff = gitDiff(text(base), text(changed));
      if (diff === '') continue;
      // The tree the patch meets: the base, drifted by a few edits of its own.
      const target = text(next() < 0.3 ? base : edit(next, base, 1 + Math.floor(next() * 2)));
      const [file] = parseDiff(diff.split('\n'), 0).files;
      expect(file, diff).toBeDefined();
      const bytes = hunkLineBytes(Buffer.from(diff, 'latin1'), file === undefined ? [] : [file]);
      expect(bytes, diff).toBeDefined();
      const ours = applyHunks(Buffer.from(target, 'latin1'), file?.hunks ?? [], bytes?.[0] ?? []);
      const theirs = gitApply(target, diff);
      expect(ours.ok ? ours.content.toString('latin1') : undefined, `round ${round}\n${diff}`).toBe(
        theirs,
      );
      if (ours.ok) applied++;
      if (ours.ok && ours.moved > 0) moved++;
    }
    // The fuzz is worth something only if it exercises both outcomes and moved hunks.
    expect(applied).toBeGreaterThan(30);
    expect(applied).toBeLessThan(150);
    expect(moved).toBeGreaterThan(5);
  });
});
