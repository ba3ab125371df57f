// Applies a series to a repository without a checkout: each patch becomes a commit whose parent
// is the previous one, made in memory where it can be and with `git apply --cached` on a
// temporary index otherwise. Returns the outcome as a value; throws only for a broken repo.
import type { Patch } from '../domain/series.ts';
import type { ApplyOutcome, PatchResult } from './apply-outcome.ts';
import { type BaseChoice, chooseBase } from './base.ts';
import { type ObjectReader, openObjectReader } from './cat-file.ts';
import { authorSignature, commitMessageText, committerSignature } from './commit-identity.ts';
import { type FastApplier, openFastApplier } from './fast-apply.ts';
import { applyWithIndex } from './index-apply.ts';
import { checkPatchSafety } from './patch-safety.ts';
import type { GitProcessPort } from './process-port.ts';
import type { Repo } from './repo.ts';
import { openTempIndex, type TempIndex } from './temp-index.ts';

/** The parts of a patch that applying it reads. */
export type ApplyPatch = Pick<
  Patch,
  'index' | 'subject' | 'author' | 'date' | 'commitMessage' | 'diff' | 'files'
>;

export interface ApplyRequest {
  readonly patches: readonly ApplyPatch[];
  /** The series' base-commit: trailer (untrusted). */
  readonly baseCommit: string | undefined;
  /** The user's --base. */
  readonly base: string | undefined;
  /** False forces `git apply --cached` for every patch (the reference the fast path must match). */
  readonly inMemory?: boolean;
  /** Cap on one patch's diff in bytes (default 64 MiB). */
  readonly maxPatchBytes?: number;
  /** Told before each patch is tried, for a progress display. */
  readonly onPatch?: (patch: ApplyPatch, position: number, total: number) => void;
}

/**
 * Applies the series on its base and returns what happened to each patch.
 * @example
 * const env = gitEnvironment(process.env);
 * const repo = await openRepo(tree, env);
 * const outcome = await applySeries(gitProcessPort(repo.root, env), repo, {
 *   patches: series.patches, baseCommit: series.baseCommit, base: undefined,
 * });
 * if (outcome.ok) console.log(outcome.head);
 */
export async function applySeries(
  port: GitProcessPort,
  repo: Repo,
  request: ApplyRequest,
): Promise<ApplyOutcome> {
  const reader = openObjectReader(port);
  try {
    const base = await chooseBase(repo, reader, {
      trailer: request.baseCommit,
      option: request.base,
      patches: request.patches,
    });
    if (!base.found) {
      const patches = request.patches.map(notTried);
      return { ok: false, base, head: undefined, patches };
    }
    return await applyOnBase(port, repo, reader, base, request);
  } finally {
    await reader.close();
  }
}

async function applyOnBase(
  port: GitProcessPort,
  repo: Repo,
  reader: ObjectReader,
  base: Extract<BaseChoice, { found: true }>,
  request: ApplyRequest,
): Promise<ApplyOutcome> {
  const fast: FastApplier | undefined =
    request.inMemory === false || repo.objectFormat !== 'sha1'
      ? undefined
      : openFastApplier(port, reader);
  let index: TempIndex | undefined;
  const results: PatchResult[] = [];
  let head = base.commit;
  let tree = (await reader.read(`${head}^{tree}`))?.id ?? '';
  let failed = false;
  try {
    for (const patch of request.patches) {
      if (failed) {
        results.push(notTried(patch));
        continue;
      }
      const { index: n, subject } = patch;
      request.onPatch?.(patch, results.length + 1, request.patches.length);
      const refusals = checkPatchSafety(patch.diff, request.maxPatchBytes);
      const refused = refusals[0];
      if (refused !== undefined) {
        const message = `Refused: ${refusals.map((r) => `"${r.path}": ${r.reason}`).join('; ')}`;
        results.push({
          index: n,
          subject,
          status: 'failed',
          error: { file: refused.path, hunk: undefined, message },
        });
        failed = true;
        continue;
      }
      const author = authorSignature(patch.author, patch.date);
      const commit = {
        parent: head,
        author,
        committer: committerSignature(author),
        message: commitMessageText(patch.commitMessage, subject),
      };
      const made = await fast?.apply(tree, patch, commit);
      if (made !== undefined) {
        head = made.commit;
        tree = made.tree;
        results.push({ index: n, subject, status: 'applied', ...made, via: 'memory' });
        continue;
      }
      await fast?.flush();
      index ??= await openTempIndex(port);
      const later = request.patches.slice(request.patches.indexOf(patch) + 1);
      const step = await applyWithIndex(port, repo, index, tree, patch, commit, later);
      if (step === 'rest-already-applied') {
        for (const p of [patch, ...later]) {
          results.push({ index: p.index, subject: p.subject, status: 'already-applied' });
        }
        break;
      }
      if (step.status === 'applied') {
        head = step.commit;
        tree = step.tree;
      }
      if (step.status === 'failed') failed = true;
      results.push(step);
    }
    await fast?.flush();
  } finally {
    await index?.close();
  }
  return { ok: !failed, base, head, patches: results };
}

function notTried(patch: ApplyPatch): PatchResult {
  return { index: patch.index, subject: patch.subject, status: 'not-tried' };
}
