// Shared by the golden script and its test: the text and JSON forms of a review of a two-patch
// series on the tiny kernel-shaped tree, made through the CLI in temp directories. The tree's
// commits have fixed dates and authors, so their ids (and every byte of the review) repeat.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli.ts';
import { formatPatch } from '../helpers/git-repo.ts';
import { makeTinyRepo, TINY_KCONFIG } from '../helpers/tiny-tree.ts';

const GOLDEN_DIR = path.resolve(import.meta.dirname, '../../fixtures/golden');

/** The golden files of the small tree's review, by form. */
export const SMALL_GOLDEN = {
  text: path.join(GOLDEN_DIR, 'tiny-tree-review.txt'),
  json: path.join(GOLDEN_DIR, 'tiny-tree-review.json'),
} as const;

const WITH_CRYPTO = TINY_KCONFIG.replace(
  'config FAST_PATH',
  'config CRYPTO\n\tbool "Cryptography"\n\nconfig FAST_PATH',
).replace('\tdepends on NET', '\tdepends on NET && CRYPTO');

/** Reviews the series once per form; the temp directories are gone afterwards. */
export async function smallTreeReviews(): Promise<{ text: string; json: string }> {
  const repo = makeTinyRepo();
  const scratch = mkdtempSync(path.join(tmpdir(), 'kreview-golden-'));
  try {
    repo.git('checkout', '-q', '-b', 'series', 'main');
    repo.commit('drivers: FAST_PATH needs CRYPTO', { 'drivers/Kconfig': WITH_CRYPTO });
    repo.commit('drivers: rename FAST_PATH to QUICK_PATH', {
      'drivers/Kconfig': WITH_CRYPTO.replace('config FAST_PATH', 'config QUICK_PATH'),
    });
    repo.git('checkout', '-q', 'main');
    const mbox = path.join(scratch, 'series.mbox');
    // git names the cover letter and the Message-IDs after the clock: fixed here.
    const text = formatPatch(repo, 'main..series', ['--cover-letter'])
      .replace(/\.\d+\.git\.committer@example\.org>/g, '.1704164645.git.committer@example.org>')
      .replace(/^From [0-9a-f]{40} .*$/gm, 'From mboxrd@z Thu Jan  1 00:00:00 1970')
      .replaceAll('*** SUBJECT HERE ***', 'drivers: FAST_PATH needs CRYPTO, and a new name');
    writeFileSync(mbox, text);
    const run = async (form: string[]) => {
      let stdout = '';
      let stderr = '';
      const status = await main(['review', mbox, '--tree', repo.dir, '--base', 'main', ...form], {
        stdout: { write: (c: string) => (stdout += c) },
        stderr: { write: (c: string) => (stderr += c) },
        stdin: Readable.from([]),
        env: { ...process.env, KREVIEW_CACHE: path.join(scratch, 'cache') },
        cwd: scratch,
      });
      if (status !== 0)
        throw new Error(`Cannot review the small tree (exit ${status}):\n${stderr}`);
      return stdout;
    };
    return { text: await run([]), json: await run(['--format', 'json']) };
  } finally {
    repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}
