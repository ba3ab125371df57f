// One review, end to end, as a value: apply the series without a checkout, analyse the trees
// before and after, and collect every finding. Shared by `kreview review` and the watcher.
import { applyFailures, seriesIncomplete } from '../analyze/checks/outcomes.ts';
import { appliedPart, prerequisiteNote, scopeSummary } from '../analyze/evaluated.ts';
import { NOTHING_TO_REVIEW, touchesKconfig } from '../analyze/relevance.ts';
import { analyzeSeries } from '../analyze/review.ts';
import { compareFindings } from '../domain/finding.ts';
import type { MatrixSpec } from '../domain/matrix.ts';
import type { Review } from '../domain/review.ts';
import type { Series } from '../domain/series.ts';
import { applySeries } from '../git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../git/process-port.ts';
import { openRepo } from '../git/repo.ts';
import { otherPatches, seriesPrerequisiteIds } from '../ingest/prerequisite-ids.ts';
import { type PortsPool, treePorts } from './review-ports.ts';

export interface ReviewOptions {
  readonly tree: string;
  readonly base: string | undefined;
  readonly presets: readonly MatrixSpec[];
  readonly derive: boolean;
  /** The user's --arch: the derived matrix runs on these instead of the ones kreview picks. */
  readonly arches?: readonly string[] | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress: (message: string) => void;
  /** Where toolchain profiles are kept (the command's `cachePaths().toolchain`). */
  readonly toolchainCache: string;
  /** Remotes to fetch a base-commit the tree lacks from, by id, before the configured base. */
  readonly remotes?: readonly string[];
  /** Every series of the same mbox or thread, where a prerequisite-patch-id is looked up. */
  readonly mboxSeries?: readonly Series[];
  /** False reviews a series that touches no Kconfig too (a watched list's `onlyKconfig`). */
  readonly onlyKconfig?: boolean;
  /** Ports shared with other reviews on the same repository (closed by whoever made the pool). */
  readonly ports?: PortsPool;
}

/** Reviews one series against the repository at `options.tree`. */
export async function runReview(series: Series, options: ReviewOptions): Promise<Review> {
  if (options.onlyKconfig !== false && !touchesKconfig(series)) {
    return {
      series,
      base: undefined,
      baseReason: 'nothing to review',
      head: undefined,
      applied: false,
      matrices: [],
      findings: [],
      notes: [NOTHING_TO_REVIEW],
      evaluated: {
        patches: [],
        arches: [],
        checks: [],
        reviewable: false,
        summary: NOTHING_TO_REVIEW,
      },
    };
  }
  const env = gitEnvironment(options.env);
  const port = gitProcessPort(options.tree, env);
  const repo = await openRepo(options.tree, env);
  await fetchBaseCommit(repo, series.baseCommit, options);
  options.progress(`applying ${series.patches.length} patch(es) of v${series.version}`);
  const outcome = await applySeries(port, repo, {
    patches: series.patches,
    baseCommit: series.baseCommit,
    base: options.base,
    prerequisiteIds: seriesPrerequisiteIds(series),
    candidates: otherPatches(series, options.mboxSeries ?? []),
  });
  const onAuthorsBase = outcome.base.found && outcome.base.how === 'base-commit';
  const early = [
    ...seriesIncomplete(series),
    ...applyFailures(series, outcome.patches, onAuthorsBase),
  ];
  const base = outcome.base.found ? outcome.base.commit : undefined;
  // "…; pass --base …": the fix continues the sentence of the reason.
  const baseReason = outcome.base.found
    ? outcome.base.reason
    : `${outcome.base.reason}; ${outcome.base.fix.charAt(0).toLowerCase()}${outcome.base.fix.slice(1).replace(/\.$/, '')}`;
  const baseNote = outcome.base.found ? outcome.base.note : undefined;
  const baseName = outcome.base.found ? outcome.base.name : undefined;
  const named = baseName === undefined ? {} : { baseName };
  // The "before" tree: the base with the prerequisites the mbox carried applied on it.
  const start = outcome.start;
  const head = outcome.head;
  // Only the patches that applied are under review: a patch that failed (or was already in the
  // base) must not feed a single line to any check.
  const applied = appliedPart(series, outcome.patches);
  const summary = scopeSummary(series, outcome.patches, base?.slice(0, 12));
  const prerequisites = prerequisiteNote(outcome.prerequisites);
  const scopeNotes = [summary, baseNote, prerequisites].filter((n): n is string => n !== undefined);
  if (
    base === undefined ||
    start === undefined ||
    head === undefined ||
    applied.patches.length === 0
  ) {
    return {
      series,
      base,
      baseReason,
      ...named,
      head,
      applied: false,
      matrices: [],
      findings: early,
      notes: scopeNotes,
      evaluated: { patches: [], arches: [], checks: [], reviewable: true, summary },
    };
  }
  // Probes run from the trusted base alone; a prerequisite from the mbox is as untrusted as the series.
  const ports =
    options.ports?.portsFor(port, base, options.progress, options.toolchainCache) ??
    treePorts(port, base, options.progress, options.toolchainCache);
  try {
    const analysis = await analyzeSeries(
      {
        series: applied,
        base: start,
        head,
        presets: options.presets,
        derive: options.derive,
        ...(options.arches === undefined ? {} : { arches: options.arches }),
        prefixes: outcome.patches.flatMap((p) =>
          p.status === 'applied' ? [{ patch: p.index, commit: p.commit }] : [],
        ),
      },
      ports,
    );
    return {
      series,
      base,
      baseReason,
      ...named,
      head,
      applied: outcome.ok,
      matrices: analysis.matrices,
      findings: [...early, ...analysis.findings].sort(compareFindings),
      notes: [...scopeNotes, ...analysis.notes],
      // No check ran (the base's Kconfig could not be read): nothing was evaluated.
      evaluated: {
        patches: analysis.checks.length === 0 ? [] : applied.patches.map((p) => p.index),
        arches: analysis.arches,
        checks: analysis.checks,
        reviewable: true,
        summary: analysis.checks.length === 0 ? analysis.notes[0] : summary,
      },
    };
  } finally {
    await ports.close();
  }
}

// A series posted against a newer tree names a base the tree may not have yet: ask the remotes
// for that one commit, as an operator would before falling back to the configured base.
async function fetchBaseCommit(
  repo: Awaited<ReturnType<typeof openRepo>>,
  baseCommit: string | undefined,
  options: ReviewOptions,
): Promise<void> {
  if (baseCommit === undefined || (options.remotes ?? []).length === 0) return;
  if ((await repo.resolveCommit(baseCommit)) !== undefined) return;
  for (const remote of options.remotes ?? []) {
    options.progress(`fetching base-commit ${baseCommit.slice(0, 12)} from ${remote}`);
    const got = await repo.fetch(remote, baseCommit);
    if (got.ok && (await repo.resolveCommit(baseCommit)) !== undefined) return;
  }
}
