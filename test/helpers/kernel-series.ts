// Patch series made on the real Debian 6.12 tree, for the slow tests and the apply benchmark.
// The cached tree is only read: series are made in a `git clone --shared` scratch copy, with a
// temporary index (no checkout of its 86,000 files).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGit, testGitEnv } from './git-repo.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Runs scripts/kernel-setup.sh (fast once set up) and returns the tree's path. */
export function kernelTree(): string {
  const out = execFileSync('bash', [join(REPO_ROOT, 'scripts/kernel-setup.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tree = /^tree=(.+)$/m.exec(out)?.[1];
  if (tree === undefined) throw new Error(`kernel-setup.sh printed no tree=: ${out}`);
  return tree;
}

/** A `git clone --shared --no-checkout` of the tree in a temp dir; remove it with rmSync. */
export function scratchClone(tree: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kreview-scratch-'));
  runGit(tmpdir(), ['clone', '-q', '--shared', '--no-checkout', tree, dir]);
  return dir;
}

/** How a file changes: new content from old (undefined when absent); null deletes it. */
export type Edit = (old: string | undefined) => string | null;

/** Commits edits on `parent` in `dir` without a checkout; returns the new commit id. */
export function commitEdits(
  dir: string,
  parent: string,
  edits: Record<string, Edit>,
  message: string,
  date = '2025-01-15T12:00:00+01:00',
): string {
  const indexDir = mkdtempSync(join(tmpdir(), 'kreview-scratch-index-'));
  const env = { ...testGitEnv(date), GIT_INDEX_FILE: join(indexDir, 'index') };
  try {
    runGit(dir, ['read-tree', parent], env);
    for (const [path, edit] of Object.entries(edits)) {
      let old: string | undefined;
      try {
        old = execFileSync('git', ['show', `${parent}:${path}`], {
          cwd: dir,
          env,
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch {
        old = undefined;
      }
      const next = edit(old);
      if (next === null) {
        runGit(dir, ['update-index', '--force-remove', path], env);
        continue;
      }
      const id = execFileSync('git', ['hash-object', '-w', '--stdin'], {
        cwd: dir,
        env,
        input: next,
        encoding: 'utf8',
      }).trim();
      runGit(dir, ['update-index', '--add', '--cacheinfo', `100644,${id},${path}`], env);
    }
    const tree = runGit(dir, ['write-tree'], env).trim();
    return execFileSync('git', ['commit-tree', tree, '-p', parent, '-F', '-'], {
      cwd: dir,
      env,
      input: message,
      encoding: 'utf8',
    }).trim();
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

const KCONFIGS = [
  'drivers/vfio/Kconfig',
  'init/Kconfig',
  'lib/Kconfig',
  'mm/Kconfig',
  'net/Kconfig',
  'fs/Kconfig',
  'security/Kconfig',
  'drivers/net/Kconfig',
  'arch/x86/Kconfig',
  'kernel/Kconfig.preempt',
];

/** A symbol block inserted before the first `config` of a file, and a comment appended. */
export function addSymbol(n: number): Edit {
  return (old) => {
    const text = old ?? '';
    const at = text.indexOf('\nconfig ') + 1;
    const block = `config KREVIEW_TEST_${n}\n\tbool "kreview test symbol ${n}"\n\thelp\n\t  Added by a kreview test series.\n\n`;
    return `${text.slice(0, at)}${block}${text.slice(at)}# kreview test ${n}\n`;
  };
}

/** A series of `count` patches on `base` (one Kconfig file each, the last adds a C file). */
export function kernelSeries(
  dir: string,
  base: string,
  count: number,
): { head: string; mbox: string } {
  let head = base;
  for (let i = 1; i <= count; i++) {
    const path = KCONFIGS[(i - 1) % KCONFIGS.length] ?? 'init/Kconfig';
    const edits: Record<string, Edit> = { [path]: addSymbol(i) };
    if (i === count)
      edits['drivers/vfio/kreview-test.c'] = () =>
        '// SPDX-License-Identifier: GPL-2.0\nint kreview_test;\n';
    const message = `${path.split('/').slice(-2, -1)[0] ?? 'kconfig'}: add KREVIEW_TEST_${i}\n\nPatch ${i} of a test series.\n\nSigned-off-by: A U Thor <author@example.org>\n`;
    head = commitEdits(dir, head, edits, message);
  }
  const mbox = runGit(dir, [
    'format-patch',
    '--stdout',
    '--thread=shallow',
    '--cover-letter',
    '--base',
    base,
    `${base}..${head}`,
  ]);
  return { head, mbox };
}
