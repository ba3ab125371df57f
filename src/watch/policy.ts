// The bot's delivery policy, per list, as the list owner sets it: who gets the replies, which
// series get any, and when. Pure: a series or a review and the policy in, a decision out. The
// defaults are the quiet ones: a bot that mails without restraint gets muted.
import type { Severity } from '../domain/finding.ts';
import type { Address, MailMessage } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import type { Series } from '../domain/series.ts';
import type { OutgoingMail } from '../report/email.ts';

/** Who a reply goes to: the author alone, the author with the list (Cc), or the list alone. */
export type ReplyTo = 'author' | 'author+list' | 'list';

/** One list's policy (the `policy` object of a list in the watch config). */
export interface ReplyPolicy {
  readonly replyTo: ReplyTo;
  /** The list's address, for "list" and "author+list"; else the patch mail's own To and Cc. */
  readonly listAddress: string | undefined;
  /** No mail for a series without a finding of `minSeverity` or worse. */
  readonly quietWhenClean: boolean;
  /** Replies wait this long after the newest patch's Date (human review first); 0: none. */
  readonly embargoHours: number;
  /** A series that touches no Kconfig, no CONFIG_ symbol and no Makefile CONFIG_ line is skipped. */
  readonly onlyKconfig: boolean;
  /** The least severity that makes a series worth a mail. */
  readonly minSeverity: Severity;
  /** Addresses (lower case) that get no mail, and whose series get none. */
  readonly optOutAddresses: readonly string[];
  /** Subject prefixes or bracket tags (lower case: "rfc", "[patch net-next") that get no mail. */
  readonly optOutSubjects: readonly string[];
  /** A series that does not apply gets one short note (else none, a line for the operator). */
  readonly replyOnApplyFailure: boolean;
  /** Repeat in per-patch replies what is still there on a patch unchanged since the last revision. */
  readonly repeatStillThere: boolean;
  /** The line the list owner sets at the end of the signature, saying how to opt out. */
  readonly optOutLine: string | undefined;
}

export const DEFAULT_POLICY: ReplyPolicy = {
  replyTo: 'author',
  listAddress: undefined,
  quietWhenClean: true,
  embargoHours: 0,
  onlyKconfig: true,
  minSeverity: 'warning',
  optOutAddresses: [],
  optOutSubjects: [],
  replyOnApplyFailure: false,
  repeatStillThere: false,
  optOutLine: undefined,
};

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Why a series got no mail, as recorded in the state and said in the operator's summary. */
export type Quiet =
  | 'opted-out-author'
  | 'opted-out-subject'
  | 'not-kconfig'
  | 'does-not-apply'
  | 'clean';

/** Whether a series is to be looked at at all, before it is reviewed (cheap checks first). */
export function beforeReview(
  series: Series,
  policy: ReplyPolicy,
  touchesKconfig: boolean,
): Quiet | undefined {
  const author = series.author?.address.toLowerCase();
  if (author !== undefined && policy.optOutAddresses.includes(author)) return 'opted-out-author';
  const subject = rootSubject(series).toLowerCase();
  if (policy.optOutSubjects.some((p) => subjectMatches(subject, p))) return 'opted-out-subject';
  if (policy.onlyKconfig && !touchesKconfig) return 'not-kconfig';
  return undefined;
}

/**
 * When the replies to a series may go: its newest patch's Date plus the embargo. A Date after
 * `seen` (when the bot first saw the thread: a wrong clock, or a sender who wants the bot to
 * wait for ever) counts as `seen`, a fixed moment, so every embargo ends.
 */
export function embargoEnds(series: Series, policy: ReplyPolicy, seen: Date): Date | undefined {
  if (policy.embargoHours <= 0) return undefined;
  const dates = [series.cover, ...series.patches.map((p) => p.message)]
    .map((m) => (m?.headers.dateIso === undefined ? Number.NaN : Date.parse(m.headers.dateIso)))
    .filter((t) => !Number.isNaN(t))
    .map((t) => Math.min(t, seen.getTime()));
  if (dates.length === 0) return undefined;
  return new Date(Math.max(...dates) + policy.embargoHours * 3_600_000);
}

/** After the review: undefined when it is to be mailed, else why not. */
export function afterReview(review: Review, policy: ReplyPolicy): Quiet | undefined {
  if (doesNotApply(review)) return 'does-not-apply';
  if (!review.evaluated.reviewable) return 'not-kconfig';
  const worth = review.findings.some((f) => RANK[f.severity] >= RANK[policy.minSeverity]);
  // A clean revision that fixed what was raised on the one before is news for its author.
  const fixed = (review.previous?.findings ?? []).some(
    (f) => f.status === 'fixed' && RANK[f.mark.severity] >= RANK[policy.minSeverity],
  );
  if (policy.quietWhenClean && !worth && !fixed) return 'clean';
  return undefined;
}

/** True when a patch of the series did not apply, or there was no base to apply it to. */
export function doesNotApply(review: Review): boolean {
  if (!review.evaluated.reviewable) return false;
  return (
    review.base === undefined || review.findings.some((f) => f.check === 'patch-does-not-apply')
  );
}

/**
 * The replies readdressed by the policy: opted-out addresses dropped, To and Cc as `replyTo`
 * says, and never a trailer line the bot did not quote (it reviews, it does not give tags).
 * A reply left with nobody to go to is dropped.
 */
export function addressReplies(
  replies: readonly OutgoingMail[],
  policy: ReplyPolicy,
): OutgoingMail[] {
  const out: OutgoingMail[] = [];
  const optedOut = new Set(policy.optOutAddresses);
  const keep = (a: Address) => !optedOut.has(a.address.toLowerCase());
  const list: Address[] | undefined =
    policy.listAddress === undefined ? undefined : [{ name: '', address: policy.listAddress }];
  for (const mail of replies) {
    const author = mail.to.filter(keep);
    const others = list ?? mail.cc;
    const lower = new Set(author.map((a) => a.address.toLowerCase()));
    const rest = others.filter((a) => keep(a) && !lower.has(a.address.toLowerCase()));
    const [to, cc] =
      policy.replyTo === 'author'
        ? [author, []]
        : policy.replyTo === 'author+list'
          ? [author, rest]
          : [rest, []];
    if (to.length === 0) continue;
    const body = withoutTrailers(mail.body);
    out.push({ ...mail, to, cc, body: withOptOutLine(body, policy.optOutLine) });
  }
  return out;
}

/** True for a message the bot wrote: from its address, or with a Message-ID of the form it makes. */
export function isOwnMail(message: MailMessage, from: Address): boolean {
  const sender = message.headers.from?.address.toLowerCase();
  if (sender !== undefined && sender === from.address.toLowerCase()) return true;
  return /^kreview-[0-9a-f]{24}@/.test(message.id);
}

// The owner's opt-out line closes the signature (after "-- "), or is the signature itself.
function withOptOutLine(body: string, line: string | undefined): string {
  if (line === undefined) return body;
  const trimmed = body.replace(/\n+$/, '');
  const signed = trimmed.split('\n').includes('-- ');
  return `${trimmed}\n${signed ? '' : '-- \n'}${line}\n`;
}

// Tag lines (Reviewed-by:, Acked-by:, Tested-by: …) outside quotes are not the bot's to give.
function withoutTrailers(body: string): string {
  return body
    .split('\n')
    .filter((l) => !/^(Reviewed|Acked|Tested|Signed-off|Reported|Suggested)-by:/i.test(l))
    .join('\n');
}

// The subject of the cover letter, or of the first patch: the one the prefixes are on.
function rootSubject(series: Series): string {
  return (series.cover ?? series.patches[0]?.message)?.headers.subject ?? series.subject;
}

// "rfc" matches "[RFC PATCH v2 0/3] …" (a word of the bracket tags); "[patch net-next" matches
// a subject that starts with it.
function subjectMatches(subject: string, prefix: string): boolean {
  if (subject.startsWith(prefix)) return true;
  const tags = /^((?:\[[^\]]*\]\s*)+)/.exec(subject)?.[1] ?? '';
  return tags
    .replace(/[[\]]/g, ' ')
    .split(/\s+/)
    .some((word) => word !== '' && word === prefix);
}
