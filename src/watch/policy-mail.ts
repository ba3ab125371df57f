// What the watcher mails for one review under a list's policy: nothing (and why), the short
// note on a series that does not apply, or the replies, readdressed. One function, so the
// watcher and the golden replies of the tests go the same way.
import type { Address } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import type { OutgoingMail } from '../report/email.ts';
import { buildReplies } from '../report/replies.ts';
import { applyFailureNote } from './apply-note.ts';
import { addressReplies, afterReview, type Quiet, type ReplyPolicy } from './policy.ts';

export interface PolicyMailOptions {
  readonly from: Address;
  readonly now: Date;
  readonly reproduce: readonly string[];
  readonly repeatStillThere?: boolean;
}

/** The mail a review gets under `policy`; `quiet` says why it is not the replies. */
export function policyMail(
  review: Review,
  policy: ReplyPolicy,
  options: PolicyMailOptions,
): { quiet: Quiet | undefined; replies: OutgoingMail[] } {
  const quiet = afterReview(review, policy);
  if (quiet === 'does-not-apply') {
    const note = policy.replyOnApplyFailure ? applyFailureNote(review, options) : undefined;
    return { quiet, replies: note === undefined ? [] : addressReplies([note], policy) };
  }
  if (quiet !== undefined) return { quiet, replies: [] };
  return { quiet, replies: addressReplies(buildReplies(review, options), policy) };
}
