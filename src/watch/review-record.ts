// What the watcher records of a series it looked at, and the commands that reproduce its review.
import type { Series } from '../domain/series.ts';
import type { ReviewRecord } from '../state/records.ts';
import type { ListConfig } from './config.ts';

/** The record of one series revision: its identity, the patches it had, and what came of it. */
export function reviewRecord(
  series: Series,
  key: string,
  list: ListConfig,
  complete: boolean,
  outcome: Pick<ReviewRecord, 'applied' | 'findings' | 'reviewJson' | 'checks' | 'mail'>,
): ReviewRecord {
  return {
    seriesKey: key,
    list: list.name,
    messageId: series.messageId,
    version: series.version,
    subject: series.subject,
    complete,
    ...outcome,
    patches: series.patches.map((p) => p.index).join(','),
  };
}

/** The commands a reader runs to get the same review (lore thread with b4, then kreview). */
export function reproduce(series: Series, list: ListConfig): string[] {
  const args = ['kreview review', `${series.messageId}.mbx`, '--tree linux'];
  if (list.base !== undefined) args.push(`--base ${list.base}`);
  for (const name of list.presets) args.push(`--preset ${name}`);
  if (!list.derive) args.push('--no-derive');
  args.push(`--revision ${series.version}`);
  return [`b4 mbox ${series.messageId}`, args.join(' ')];
}
