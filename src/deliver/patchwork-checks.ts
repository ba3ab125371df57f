// Posts kreview's checks to Patchwork: each patch found by its Message-ID gets one check with
// context "kreview-kconfig". Patches Patchwork does not know are reported, not guessed.
// Patchwork keeps every check and shows the newest of a context as the patch's: a re-run posts
// only where that newest one says something else, so the list of checks does not grow with
// each run of the same review.

import { KreviewError } from '../domain/errors.ts';
import type { Review } from '../domain/review.ts';
import { parseMessageId } from '../ingest/message-id.ts';
import { PATCHWORK_CONTEXT, type PatchCheck, patchChecks } from '../report/patchwork-checks.ts';
import { type PatchworkClient, patchworkClient } from '../sources/patchwork/client.ts';

export interface PatchworkTarget {
  readonly url: string;
  readonly token: string;
  readonly targetUrl: string | undefined;
}

/** A check of a patch: its Patchwork id, and whether it was posted or already the newest. */
export interface PostedCheck extends PatchCheck {
  readonly patchId: number;
  /** True when the newest kreview check of the patch already said this: nothing was posted. */
  readonly unchanged: boolean;
}

/** Finds each patch on Patchwork (in every project) and posts its check; fails when none is there. */
export async function postPatchworkChecks(
  review: Review,
  target: PatchworkTarget,
  client: PatchworkClient = patchworkClient(target.url, target.token),
): Promise<PostedCheck[]> {
  const checks = patchChecks(review);
  const found: { check: PatchCheck; patchId: number }[] = [];
  for (const check of checks) {
    for (const patchId of await findPatches(client, target.url, check.messageId))
      found.push({ check, patchId });
  }
  if (found.length === 0)
    throw new KreviewError(
      `Cannot post checks to "${target.url}": no patch of "${review.series.subject}" is there`,
      'NETWORK',
      {
        hint: 'the series may not be picked up by Patchwork yet, or it belongs to another instance',
      },
    );
  const posted: PostedCheck[] = [];
  for (const { check, patchId } of found) {
    if (await isNewest(client, target, patchId, check)) {
      posted.push({ ...check, patchId, unchanged: true });
      continue;
    }
    const { error, response } = await client.POST('/api/1.4/patches/{patch_id}/checks', {
      params: { path: { patch_id: patchId } },
      body: {
        state: check.state,
        context: PATCHWORK_CONTEXT,
        description: check.description,
        target_url: target.targetUrl ?? null,
      },
    });
    if (error !== undefined || response.status !== 201)
      throw new KreviewError(
        `Cannot post the check of patch ${check.index} <${check.messageId}> to "${target.url}": HTTP ${response.status}`,
        'NETWORK',
        {
          hint:
            response.status === 403
              ? 'the token has no maintainer rights on this project'
              : `${posted.length} check(s) posted before it; running again posts them again, which Patchwork shows as the newest`,
          cause: error,
        },
      );
    posted.push({ ...check, patchId, unchanged: false });
  }
  return posted;
}

// True when the patch's newest check of kreview's context (the highest id: Patchwork numbers
// them in order) has this state, description and target URL.
async function isNewest(
  client: PatchworkClient,
  target: PatchworkTarget,
  patchId: number,
  check: PatchCheck,
): Promise<boolean> {
  const { data, response } = await client.GET('/api/1.4/patches/{patch_id}/checks', {
    params: { path: { patch_id: patchId } },
  });
  if (data === undefined)
    throw new KreviewError(
      `Cannot list the checks of patch ${check.index} <${check.messageId}> on "${target.url}": HTTP ${response.status}`,
      'NETWORK',
      { hint: 'check the --patchwork URL' },
    );
  const newest = data
    .filter((c) => c.context === PATCHWORK_CONTEXT)
    .reduce<(typeof data)[number] | undefined>(
      (a, c) => (a === undefined || (c.id ?? 0) > (a.id ?? 0) ? c : a),
      undefined,
    );
  return (
    newest !== undefined &&
    newest.state === check.state &&
    (newest.description ?? '') === check.description &&
    (newest.target_url ?? null) === (target.targetUrl ?? null)
  );
}

// A patch sent to two lists is in two projects: each gets the check.
async function findPatches(
  client: PatchworkClient,
  url: string,
  messageId: string,
): Promise<number[]> {
  const result = await client.GET('/api/1.4/patches', {
    params: { query: { msgid: messageId } },
  });
  const status = result.response.status;
  const data = result.data;
  if (data === undefined)
    throw new KreviewError(`Cannot look up <${messageId}> on "${url}": HTTP ${status}`, 'NETWORK', {
      hint: 'check the --patchwork URL',
      cause: result.error,
    });
  return data
    .filter((p) => p.msgid === undefined || parseMessageId(p.msgid) === messageId)
    .flatMap((p) => (p.id === undefined ? [] : [p.id]));
}
