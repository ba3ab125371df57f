// Shared by the golden script and its test: the replies of the VFIO example reviews, made through
// the CLI with a fixed clock and sender so every byte is reproducible.
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const GOLDEN_DIR = path.join(repoRoot, 'fixtures/golden');
export const SERIES_MBOX = path.join(repoRoot, 'fixtures/mbox/vfio-noiommu.mbox');
export const REVISIONS = [5, 6] as const;

/** The golden file of one revision's replies. */
export function goldenPath(revision: number): string {
  return path.join(GOLDEN_DIR, `vfio-noiommu-v${revision}.mbox`);
}

/** Runs `kreview review --format email` on one revision and returns the mbox it prints. */
export async function goldenReplies(tree: string, revision: number): Promise<string> {
  let stdout = '';
  let stderr = '';
  const status = await main(
    [
      'review',
      SERIES_MBOX,
      '--tree',
      tree,
      '--preset',
      'vfio-noiommu',
      '--revision',
      String(revision),
      // Each revision on its own: the comparison of v6 with v5 has its own test.
      '--no-previous',
      '--format',
      'email',
      '--date',
      '2026-03-10T12:00:00Z',
      '--from',
      'Kconfig Review Bot <kreview@example.org>',
    ],
    {
      stdout: { write: (c: string) => (stdout += c) },
      stderr: { write: (c: string) => (stderr += c) },
      stdin: Readable.from([]),
      env: { ...process.env, KREVIEW_FROM: undefined },
      cwd: repoRoot,
    },
  );
  if (status !== 0)
    throw new Error(`Cannot make the v${revision} replies (exit ${status}):\n${stderr}`);
  return stdout;
}
