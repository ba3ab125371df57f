// The end of a watch pass: one line for people (stderr) and a JSON object for machines (stdout).
import type { PassReport } from './pass.ts';

/** A pass with its delivery and the state's totals. */
export interface WatchSummary extends PassReport {
  readonly delivered: number;
  readonly checks: number;
  readonly state: { reviews: number; written: number; delivered: number; muted: number };
}

/** `kreview: watch: …`, counts only, so the line is the same for the same work. */
export function summaryLine(s: WatchSummary): string {
  const parts = [
    `${s.lists - s.listsFailed} of ${s.lists} list(s) read`,
    `${s.threads} thread(s) fetched`,
    `${s.reviewed} series reviewed${s.incomplete > 0 ? ` (${s.incomplete} incomplete)` : ''}`,
    `${s.pending} waiting for patches`,
    ...(s.held > 0 ? [`${s.held} held for their embargo`] : []),
    ...(s.skipped > 0 ? [`${s.skipped} skipped by policy`] : []),
    `${s.repeats} already reviewed`,
    `${s.delivered} repl(ies) delivered`,
    ...(s.checks > 0 ? [`${s.checks} check(s) posted`] : []),
    `${s.faults.length} fault(s)`,
  ];
  return `kreview: watch: ${parts.join(', ')}`;
}

/** The summary as JSON with sorted keys' order fixed by construction. */
export function summaryJson(s: WatchSummary): string {
  return `${JSON.stringify(
    {
      lists: s.lists,
      listsFailed: s.listsFailed,
      threads: s.threads,
      reviewed: s.reviewed,
      incomplete: s.incomplete,
      pending: s.pending,
      repeats: s.repeats,
      replies: s.replies,
      skipped: s.skipped,
      held: s.held,
      notes: s.notes,
      delivered: s.delivered,
      checks: s.checks,
      faults: s.faults,
      state: s.state,
    },
    null,
    2,
  )}\n`;
}
