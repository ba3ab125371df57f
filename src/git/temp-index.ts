// A temporary index in a private directory: `read-tree`, `git apply --cached`, `write-tree`,
// `commit-tree`. The repository's own index, HEAD, refs and work tree are never touched.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KreviewError } from '../domain/errors.ts';
import { type Signature, signatureEnv } from './commit-identity.ts';
import { firstLines, type GitProcessPort, gitText } from './process-port.ts';

/** The result of one `git apply --cached`: applied (with git's verbose words), or git's stderr. */
export type IndexApplyResult =
  | { readonly ok: true; readonly stderr: string }
  | { readonly ok: false; readonly stderr: string };

/** An index file of our own, holding one tree at a time. */
export interface TempIndex {
  /** The tree the index holds now, as last loaded or written. */
  readonly tree: string | undefined;
  load(tree: string): Promise<void>;
  apply(
    diff: Buffer,
    options: { threeWay?: boolean; reverse?: boolean },
  ): Promise<IndexApplyResult>;
  /** True when the diff, reversed, applies to the index: its change is already there. */
  appliesInReverse(diff: Buffer): Promise<boolean>;
  writeTree(): Promise<string>;
  close(): Promise<void>;
}

// Whitespace settings from the user's config must not change what is applied.
const APPLY = ['apply', '--cached', '--whitespace=nowarn'];

/** Makes a private directory for an index file; `close()` removes it. */
export async function openTempIndex(port: GitProcessPort): Promise<TempIndex> {
  const dir = await mkdtemp(join(tmpdir(), 'kreview-index-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  let tree: string | undefined;
  return {
    get tree() {
      return tree;
    },
    async load(id) {
      await gitText(port, `read tree ${id} into a temporary index`, ['read-tree', id], { env });
      tree = id;
    },
    async apply(diff, options) {
      const args = [
        ...APPLY,
        ...(options.threeWay === true ? ['--3way'] : []),
        ...(options.reverse === true ? ['--reverse'] : []),
        // Verbose: git says which hunks it had to move ("succeeded at N (offset M lines)").
        '--verbose',
        '-',
      ];
      const result = await port.run(args, { input: diff, env, maxOutputBytes: 1 << 20 });
      // A failed apply leaves the index as it was, except a 3-way one (conflict entries).
      if (result.status === 0 || options.threeWay === true) tree = undefined;
      return result.status === 0
        ? { ok: true, stderr: result.stderr }
        : { ok: false, stderr: result.stderr };
    },
    async appliesInReverse(diff) {
      const args = [...APPLY, '--check', '--reverse', '-'];
      const result = await port.run(args, { input: diff, env, maxOutputBytes: 1 << 20 });
      return result.status === 0;
    },
    async writeTree() {
      tree = (await gitText(port, 'write the applied tree', ['write-tree'], { env })).trim();
      return tree;
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Makes a commit object with `git commit-tree`; the same inputs give the same id every time. */
export async function commitTree(
  port: GitProcessPort,
  commit: {
    tree: string;
    parent: string;
    author: Signature;
    committer: Signature;
    message: string;
  },
): Promise<string> {
  const result = await port.run(['commit-tree', commit.tree, '-p', commit.parent, '-F', '-'], {
    input: commit.message,
    env: signatureEnv(commit.author, commit.committer),
  });
  if (result.status !== 0) {
    throw new KreviewError(
      `Cannot make a commit of tree ${commit.tree}: ${firstLines(result.stderr)}`,
      'GIT_FAILED',
    );
  }
  return result.stdout.toString('utf8').trim();
}
