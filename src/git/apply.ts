// Applies a series to a repository without a checkout: each patch becomes a commit whose parent
// is the previous one, made in memory where it can be and with `git apply --cached` on a
// temporary index otherwise. Returns the outcome as a value; throws only for a broken repo.
import type { Patch } from '../domain/series.ts';
import {
  type ApplyOutcome,
  fitText,
  type PatchResult,
  type PrerequisiteResult,
} from './apply-outcome.ts';
import { type BaseChoice, chooseBase } from './base.ts';
import { type ObjectReader, openObjectReader } from './cat-file.ts';
import { authorSignature, commitMessageText, committerSignature } from './commit-identity.ts';
import { type FastApplier, openFastApplier } from './fast-apply.ts';
import { applyWithIndex } from './index-apply.ts';
import { checkPatchSafety } from './patch-safety.ts';
import { findPrerequisites, type Prerequisite } from './prerequisites.ts';
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
  /** The series' `prerequisite-patch-id:` lines (cover letter and patches), in order. */
  readonly prerequisiteIds?: readonly string[];
  /** The other patches of the same mbox, where a prerequisite is looked up by its patch-id. */
  readonly candidates?: readonly ApplyPatch[];
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
    const prerequisites = await findPrerequisites(
      port,
      request.prerequisiteIds ?? [],
      request.candidates ?? [],
    );
    if (!base.found) {
      const patches = request.patches.map(notTried);
      const missing = prerequisites.map((p) => prerequisiteResult(p, 'missing'));
      return {
        ok: false,
        base,
        start: undefined,
        head: undefined,
        prerequisites: missing,
        patches,
      };
    }
    const outcome = await applyOnBase(port, repo, reader, base, prerequisites, request);
    // The base sentence ends with how the patches went on: "…; the patches apply there with offsets".
    const fit = fitText(outcome.patches);
    if (fit === undefined) return outcome;
    return { ...outcome, base: { ...base, reason: `${base.reason}; ${fit}` } };
  } finally {
    await reader.close();
  }
}

async function applyOnBase(
  port: GitProcessPort,
  repo: Repo,
  reader: ObjectReader,
  base: Extract<BaseChoice, { found: true }>,
  prerequisites: readonly Prerequisite<ApplyPatch>[],
  request: ApplyRequest,
): Promise<ApplyOutcome> {
  const fast: FastApplier | undefined =
    request.inMemory === false || repo.objectFormat !== 'sha1'
      ? undefined
      : openFastApplier(port, reader);
  let index: TempIndex | undefined;
  let head = base.commit;
  let tree = (await reader.read(`${head}^{tree}`))?.id ?? '';
  // One patch on the current head: the in-memory path first, `git apply --cached` when it declines.
  const step = async (
    patch: ApplyPatch,
    later: readonly ApplyPatch[],
  ): Promise<PatchResult | 'rest-already-applied'> => {
    const { index: n, subject } = patch;
    const refusals = checkPatchSafety(patch.diff, request.maxPatchBytes);
    const refused = refusals[0];
    if (refused !== undefined) {
      const message = `Refused: ${refusals.map((r) => `"${r.path}": ${r.reason}`).join('; ')}`;
      return {
        index: n,
        subject,
        status: 'failed',
        error: { file: refused.path, hunk: undefined, message },
      };
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
      return { index: n, subject, status: 'applied', ...made, via: 'memory' };
    }
    await fast?.flush();
    index ??= await openTempIndex(port);
    const result = await applyWithIndex(port, repo, index, tree, patch, commit, later);
    if (result !== 'rest-already-applied' && result.status === 'applied') {
      head = result.commit;
      tree = result.tree;
    }
    return result;
  };
  const results: PatchResult[] = [];
  const before: PrerequisiteResult[] = [];
  let failed = false;
  try {
    // Prerequisites carried in the mbox go first, as the author had them; one that fails is
    // named and the series is tried without it.
    for (const prerequisite of prerequisites) {
      if (prerequisite.patch === undefined) {
        before.push(prerequisiteResult(prerequisite, 'missing'));
        continue;
      }
      const result = await step(prerequisite.patch, []);
      const status = result === 'rest-already-applied' ? 'already-applied' : result.status;
      before.push(prerequisiteResult(prerequisite, status === 'not-tried' ? 'failed' : status));
    }
    const start = head;
    for (const [at, patch] of request.patches.entries()) {
      if (failed) {
        results.push(notTried(patch));
        continue;
      }
      request.onPatch?.(patch, results.length + 1, request.patches.length);
      const later = request.patches.slice(at + 1);
      const result = await step(patch, later);
      if (result === 'rest-already-applied') {
        for (const p of [patch, ...later]) {
          results.push({ index: p.index, subject: p.subject, status: 'already-applied' });
        }
        break;
      }
      if (result.status === 'failed') failed = true;
      results.push(result);
    }
    await fast?.flush();
    return { ok: !failed, base, start, head, prerequisites: before, patches: results };
  } finally {
    await index?.close();
  }
}

function prerequisiteResult(
  prerequisite: Prerequisite<ApplyPatch>,
  status: PrerequisiteResult['status'],
): PrerequisiteResult {
  return { id: prerequisite.id, status, subject: prerequisite.patch?.subject };
}

function notTried(patch: ApplyPatch): PatchResult {
  return { index: patch.index, subject: patch.subject, status: 'not-tried' };
}
