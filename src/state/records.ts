// The rows of the watcher's state, as values: a review, a reply in the outbox, a pending thread.
import type { OutgoingMail } from '../domain/outgoing-mail.ts';
import type { FindingMark, RevisionIdentity, RevisionMatrix } from '../domain/revision.ts';

/** A reply as the outbox keeps it: `written` until delivered (or `muted` by policy). */
export interface StoredReply {
  readonly messageId: string;
  readonly seriesKey: string;
  readonly list: string;
  readonly seq: number;
  readonly mail: OutgoingMail;
  readonly state: 'written' | 'delivered' | 'muted';
}

/** A finished review, as recorded together with its replies. */
export interface ReviewRecord {
  readonly seriesKey: string;
  readonly list: string;
  readonly messageId: string;
  readonly version: number;
  readonly subject: string;
  readonly complete: boolean;
  readonly applied: boolean;
  readonly findings: number;
  readonly reviewJson: string;
  /** `none`, `pending` (Patchwork checks to post) or `posted`. */
  readonly checks: 'none' | 'pending' | 'posted';
  /**
   * What the list's policy made of it: `mailed`, `muted`, or why nothing was mailed
   * (`opted-out-author`, `opted-out-subject`, `not-kconfig`, `does-not-apply`, `clean`, `nobody`).
   */
  readonly mail: string;
  /** The patch numbers the review covered ("1,2,5"): a repost with more of them is new. */
  readonly patches: string;
}

/** A reviewed revision as kept for the next one: what links them, its findings and matrices. */
export interface StoredRevision {
  readonly seriesKey: string;
  readonly list: string;
  readonly identity: RevisionIdentity;
  readonly findings: readonly FindingMark[];
  /** Its matrices after it; undefined for a revision stored before they were kept (schema 3). */
  readonly matrices: readonly RevisionMatrix[] | undefined;
}

/** A thread whose newest series waits for missing patches or for its grace period. */
export interface PendingThread {
  readonly list: string;
  readonly anchor: string;
  readonly seriesKey: string;
  readonly lastPatch: string;
  /** Reviews of this thread that failed so far (a series that always fails is given up on). */
  readonly failures: number;
}
