// The shape of a watcher pass: the ports it is given and the report it returns.
import type { Address } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import type { Series } from '../domain/series.ts';
import type { WatchSource } from '../domain/source.ts';
import type { WatchStore } from '../state/store.ts';
import type { ListConfig } from './config.ts';

/** Runs whose review of a thread failed before the thread is given up on. */
export const MAX_FAILURES = 3;

/** The shell around a pass: state, sources, the review itself, the sender and the clock. */
export interface PassPorts {
  readonly store: WatchStore;
  readonly source: (list: ListConfig) => WatchSource;
  /** Reviews a series; `thread` is every series of its thread, where prerequisites are found. */
  readonly review: (series: Series, list: ListConfig, thread: readonly Series[]) => Promise<Review>;
  /** Whether the kernel tree still opens: tells a broken environment from a hostile patch. */
  readonly treeOpens: () => Promise<boolean>;
  /** Stable patch-ids of the patches, by Message-ID, to link revisions (none known without). */
  readonly patchIds?: (series: readonly Series[]) => Promise<ReadonlyMap<string, string>>;
  readonly from: Address;
  readonly now: () => Date;
  readonly progress: (message: string) => void;
}

/** What a pass did, for the summary line and --json. */
export interface PassReport {
  lists: number;
  listsFailed: number;
  threads: number;
  reviewed: number;
  incomplete: number;
  pending: number;
  repeats: number;
  replies: number;
  /** Series the list's policy let pass unreviewed (opted out, no Kconfig). */
  skipped: number;
  /** Series held for their embargo, reviewed on a later pass. */
  held: number;
  /** Lines for the operator that are not faults (a series that does not apply, unmailed). */
  notes: string[];
  faults: string[];
}
