// What the watcher needs from a place mail comes from (lore, a local mbox or maildir): the new
// patch mail since the last run, and the whole thread of one of them.
import type { IngestWarning, MailMessage } from './message.ts';

/** New patch mail found by one listing: thread anchors (Message-IDs) to fetch, and faults. */
export interface Listing {
  readonly anchors: readonly string[];
  /** Stored once every anchor was handled; the next listing starts from it. */
  readonly cursor: string | undefined;
  readonly faults: readonly string[];
  /** False when the listing itself failed (nothing could be read). */
  readonly ok: boolean;
}

export type ThreadResult =
  | {
      readonly ok: true;
      readonly messages: readonly MailMessage[];
      readonly warnings: readonly IngestWarning[];
    }
  | {
      readonly ok: false;
      readonly fault: string;
      /** True when the thread is gone for good (404, 410): retrying cannot help. */
      readonly gone: boolean;
    };

/** A source of mail for one list. */
export interface WatchSource {
  /** Lists new patch mail; `seen` says which Message-IDs earlier runs handled. */
  list(cursor: string | undefined, seen: (messageId: string) => boolean): Promise<Listing>;
  /** The whole thread that holds `anchor`. */
  thread(anchor: string): Promise<ThreadResult>;
}
