// What a series asks to have applied before it (`prerequisite-patch-id:` lines, as `git
// format-patch --base` writes them), and the other patches of the same mbox to look them up in.
import type { Patch, Series } from '../domain/series.ts';
import { baseReferences } from './patch-text.ts';

/** The series' `prerequisite-patch-id:` lines, cover letter first, in order. */
export function seriesPrerequisiteIds(series: Series): string[] {
  const cover =
    series.cover === undefined
      ? []
      : baseReferences(series.cover.body.split('\n')).prerequisitePatchIds;
  return [...cover, ...series.patches.flatMap((p) => p.prerequisitePatchIds)];
}

/** The patches of `all` that are not the series' own, each message once, in order. */
export function otherPatches(series: Series, all: readonly Series[]): Patch[] {
  const own = new Set(series.patches.map((p) => p.message.id));
  const seen = new Set<string>();
  return all
    .flatMap((s) => s.patches)
    .filter((p) => {
      if (own.has(p.message.id) || seen.has(p.message.id)) return false;
      seen.add(p.message.id);
      return true;
    });
}
