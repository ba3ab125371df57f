// Patchwork as a watch source: `series-completed` events of a project since the last seen event
// (the typed client), and each completed series' mbox (fetched with the lore source's bounded,
// retried GET). The cursor is the newest event date seen.

import type { WatchSource } from '../../domain/source.ts';
import { ingestStream } from '../../ingest/ingest.ts';
import { getWithRetry, type HttpPort } from '../lore-http.ts';
import type { PatchworkClient } from './client.ts';

const PER_PAGE = 100;
const MAX_PAGES = 20;

export interface PatchworkWatchOptions {
  /** The project's linkname or id, e.g. linux-kbuild. */
  readonly project: string;
  /** The first run's start (ISO 8601). */
  readonly firstSince: string;
  readonly progress: (message: string) => void;
}

/** A watch source over a Patchwork project's completed series. */
export function patchworkSource(
  client: PatchworkClient,
  http: HttpPort,
  options: PatchworkWatchOptions,
): WatchSource {
  return {
    async list(cursor) {
      const since = cursor ?? options.firstSince;
      const anchors: string[] = [];
      let newest = since;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const result = await eventsPage(
          client,
          options.project,
          since,
          page,
          http.policy.timeoutMs,
        );
        if ('fault' in result)
          return { anchors: [], cursor: undefined, faults: [result.fault], ok: false };
        if (result.data === undefined)
          return {
            anchors: [],
            cursor: undefined,
            faults: [
              `Cannot list Patchwork events of "${options.project}": HTTP ${result.response.status}`,
            ],
            ok: false,
          };
        for (const event of result.data) {
          if (event.category !== 'series-completed' || event.date === undefined) continue;
          const payload = event.payload as { series?: { mbox?: string } } | undefined;
          const mbox = payload?.series?.mbox;
          if (mbox !== undefined) anchors.push(mbox);
          if (event.date > newest) newest = event.date;
        }
        if (result.data.length < PER_PAGE) break;
      }
      options.progress(
        `listed ${anchors.length} completed series of Patchwork project "${options.project}"`,
      );
      return { anchors: [...new Set(anchors)].sort(), cursor: newest, faults: [], ok: true };
    },
    async thread(mboxUrl) {
      const got = await getWithRetry(http, mboxUrl, (body) => body);
      if (!got.ok)
        return { ok: false, fault: got.fault, gone: got.status === 404 || got.status === 410 };
      const ingested = await ingestStream(
        (async function* () {
          yield got.value;
        })(),
      );
      return { ok: true, messages: ingested.messages, warnings: ingested.warnings };
    },
  };
}

async function eventsPage(
  client: PatchworkClient,
  project: string,
  since: string,
  page: number,
  timeoutMs: number,
) {
  try {
    return await client.GET('/api/1.4/events', {
      params: {
        query: {
          project,
          category: 'series-completed',
          since,
          order: 'date',
          page,
          per_page: PER_PAGE,
        },
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      fault: `Cannot list Patchwork events: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
