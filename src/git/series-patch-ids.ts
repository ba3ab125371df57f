// The stable patch-ids of every patch of some series, keyed by the patch's Message-ID, for
// linking revisions and marking the patches a reroll left unchanged.
import type { Series } from '../domain/series.ts';
import { patchIds } from './prerequisites.ts';
import type { GitProcessPort } from './process-port.ts';

/** `git patch-id --stable` of each patch of `series` (one git run), by Message-ID. */
export async function seriesPatchIds(
  port: GitProcessPort,
  series: readonly Series[],
): Promise<Map<string, string>> {
  const patches = [
    ...new Map(series.flatMap((s) => s.patches.map((p) => [p.messageId, p]))).values(),
  ];
  const ids = await patchIds(
    port,
    patches.map((p) => p.diff),
  );
  const out = new Map<string, string>();
  patches.forEach((p, i) => {
    const id = ids[i];
    if (id !== undefined) out.set(p.messageId, id);
  });
  return out;
}
