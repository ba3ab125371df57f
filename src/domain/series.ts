import type { Address, MailMessage } from './message.ts';
import type { FilePatch, Trailer } from './patch.ts';

/** The bracketed prefix of a subject, read into its parts. */
export interface ParsedSubject {
  /** True when the subject starts with Re:/RE:/Aw:/Fwd: and the like. */
  readonly isReply: boolean;
  /** True when a PATCH (or RFC PATCH) tag is present. */
  readonly isPatch: boolean;
  readonly isRfc: boolean;
  readonly isResend: boolean;
  /** Revision, 1 when none is written. */
  readonly version: number;
  /** True when the subject writes a revision (`v1` included): false lets a cover's one hold. */
  readonly versionWritten: boolean;
  /** The N of N/M, 1 for a single patch, 0 for a cover letter. */
  readonly counter: number;
  /** The M of N/M, 1 for a single patch. */
  readonly total: number;
  /** Other words inside the brackets (e.g. `net-next`), in order. */
  readonly tags: readonly string[];
  /** The subject without prefixes: the commit's summary line. */
  readonly title: string;
}

/** One patch of a series, read from its mail. */
export interface Patch {
  readonly index: number;
  readonly subject: string;
  readonly parsedSubject: ParsedSubject;
  readonly messageId: string;
  /** Author of the change: the in-body From: when present, else the mail's From. */
  readonly author: Address | undefined;
  /** Date of the change as written (in-body Date: when present, else the mail's Date). */
  readonly date: string;
  /** The commit message (summary line, blank line, body and trailers), as git would store it. */
  readonly commitMessage: string;
  /**
   * The diff exactly as in the mail, as bytes (from the first `diff --git` up to the signature):
   * git and the applier get these, so a patch with Latin-1 in its context applies as git am
   * applies it. `files` holds the same diff decoded, for analysis and display.
   */
  readonly diff: Buffer;
  readonly files: readonly FilePatch[];
  /** Trailers in the patch, then those given in replies to it (b4 collects them the same way). */
  readonly trailers: readonly Trailer[];
  readonly baseCommit: string | undefined;
  readonly prerequisitePatchIds: readonly string[];
  readonly message: MailMessage;
}

/** One revision of a patch series as found in a thread. */
export interface Series {
  /** Subject title of the cover letter, or of the first patch present. */
  /** Marked [RFC] (the cover letter's subject, else the first patch's). */
  readonly isRfc: boolean;
  readonly subject: string;
  readonly version: number;
  readonly author: Address | undefined;
  /** The M of N/M. */
  readonly total: number;
  readonly cover: MailMessage | undefined;
  /** Patches present, ordered by index. */
  readonly patches: readonly Patch[];
  /** Indexes 1..total that no message carried. */
  readonly missing: readonly number[];
  /** The base-commit: trailer of the cover letter or of any patch. */
  readonly baseCommit: string | undefined;
  /** Message-ID of the cover letter, or of the first patch present. */
  readonly messageId: string;
  /** Message-IDs of the whole chain up to the cover (or first patch), for References. */
  readonly threadRoot: string;
}
