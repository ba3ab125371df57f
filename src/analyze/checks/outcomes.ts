// The findings earlier stages leave: a series with patches missing, and a patch that does not
// apply (with git's own words). They are values like every other finding.
import type { Finding } from '../../domain/finding.ts';
import type { Series } from '../../domain/series.ts';
import { SERIES_ANCHOR } from './anchor.ts';

/** What applying a patch came to, as far as the review needs to say. */
export interface PatchOutcome {
  readonly index: number;
  readonly status: 'applied' | 'already-applied' | 'failed' | 'not-tried';
  readonly error?: {
    readonly file: string | undefined;
    readonly hunk: number | undefined;
    readonly message: string;
  };
}

/** A finding when patches of the series are missing. */
export function seriesIncomplete(series: Series): Finding[] {
  if (series.missing.length === 0) return [];
  const missing = series.missing.map((n) => `${n}/${series.total}`).join(', ');
  return [
    {
      check: 'series-incomplete',
      // A thread read from one list often lacks the patches sent only to others: a fact about
      // the input, not a fault of the series.
      severity: 'info',
      anchor: SERIES_ANCHOR,
      title: `Patch${series.missing.length === 1 ? '' : 'es'} ${missing} of v${series.version} ${series.missing.length === 1 ? 'is' : 'are'} not in this thread`,
      detail: `The thread has ${series.patches.length} of the ${series.total} patches of v${series.version}; the review covers the ones present, applied in order, and stops at the first one that needs a missing patch.`,
    },
  ];
}

/**
 * A finding for each patch that failed (at the file and hunk git named) or is already applied.
 * Failing on the author's own base (`base-commit:` found) is an error of the series; failing on
 * another base is a fact about that base, said as a warning.
 */
export function applyFailures(
  series: Series,
  outcomes: readonly PatchOutcome[],
  onAuthorsBase = true,
): Finding[] {
  const findings: Finding[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'already-applied') {
      findings.push(alreadyApplied(series, outcome.index));
      continue;
    }
    if (outcome.status !== 'failed' || outcome.error === undefined) continue;
    const patch = series.patches.find((p) => p.index === outcome.index);
    const { file, hunk, message } = outcome.error;
    const hunkValue =
      file === undefined || hunk === undefined
        ? undefined
        : patch?.files.find((f) => f.newPath === file || f.oldPath === file)?.hunks[hunk - 1];
    findings.push({
      check: 'patch-does-not-apply',
      severity: onAuthorsBase ? 'error' : 'warning',
      anchor: {
        patch: outcome.index,
        file,
        line: hunkValue?.oldStart,
        side: hunkValue === undefined ? undefined : 'old',
      },
      title: `Patch ${outcome.index}/${series.total} does not apply${file === undefined ? '' : ` to ${file}`}${hunk === undefined ? '' : ` (hunk ${hunk})`}`,
      advice: onAuthorsBase
        ? 'It does not apply to the base-commit the series names, so nobody can apply it as sent. Rebase it and resend.'
        : "It was tried on a base the series does not name (no base-commit: line found in this tree), so the failure may be the base's. If it was made on another tree, a base-commit: line (git format-patch --base) lets it be applied there.",
      detail: `git apply says: ${message}`,
    });
  }
  const skipped = outcomes.filter((o) => o.status === 'not-tried').map((o) => o.index);
  if (skipped.length > 0 && findings.some((f) => f.check === 'patch-does-not-apply')) {
    findings.push({
      check: 'patch-does-not-apply',
      severity: 'info',
      anchor: SERIES_ANCHOR,
      title: `Patch${skipped.length === 1 ? '' : 'es'} ${skipped.join(', ')} not tried after the failure`,
      detail: 'The Kconfig checks ran on the patches that applied before the failure.',
    });
  }
  return findings;
}

// Without this a series that was merged long ago reads as "not applied, no findings": say why
// there is nothing to review, and how to review it anyway.
function alreadyApplied(series: Series, index: number): Finding {
  return {
    check: 'patch-already-applied',
    severity: 'info',
    anchor: { patch: index, file: undefined, line: undefined, side: undefined },
    title: `Patch ${index}/${series.total} is already in the base tree`,
    detail:
      'Its reverse applies to the base, so its changes are there already and the Kconfig checks have nothing of it to compare. To review it, pass --base with a commit from before it was merged.',
  };
}
