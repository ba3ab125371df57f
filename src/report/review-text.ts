// The review as text for a terminal: what was applied where, the matrix tables before → after,
// then each finding with its place and detail.
import { baseLabel, type Review } from '../domain/review.ts';
import { renderMatrixTable } from './matrix-table.ts';
import { revisionSummaryLines } from './revision-summary.ts';
import { wrapProse } from './wrap.ts';

/** Plain text, ending in a newline. */
export function reviewText(review: Review): string {
  const { series } = review;
  const title = `${series.subject} (v${series.version}, ${series.patches.length} of ${series.total} patches)`;
  // Not kreview's business: one line says so, and nothing else was done.
  if (!review.evaluated.reviewable) return `${[title, ...review.notes].join('\n')}\n`;
  const lines = [
    title,
    review.evaluated.patches.length > 0
      ? `Applied to ${baseLabel(review)}: ${review.baseReason}; head ${review.head?.slice(0, 12) ?? '?'}`
      : `Not applied${review.base === undefined ? '' : ` to ${review.base.slice(0, 12)}`}: ${review.baseReason}`,
    '',
  ];
  for (const note of review.notes) lines.push(wrapProse(note), '');
  if (review.previous !== undefined) lines.push(...revisionSummaryLines(review, 78), '');
  for (const matrix of review.matrices) {
    lines.push(`${matrix.spec.name} on ${matrix.arch}, before -> after:`, '');
    lines.push(
      ...renderMatrixTable(matrix.spec, matrix.after, matrix.before)
        .split('\n')
        .map((l) => `  ${l}`),
      '',
    );
  }
  // "No findings" only for work that was done: nothing evaluated is said as such (in the notes).
  if (review.findings.length > 0) lines.push(`${review.findings.length} finding(s):`, '');
  else if (review.evaluated.patches.length > 0) lines.push('No findings.', '');
  for (const f of review.findings) {
    const place =
      f.anchor.patch === 0
        ? 'series'
        : `patch ${f.anchor.patch}${f.anchor.file === undefined ? '' : ` ${f.anchor.file}:${f.anchor.line ?? '?'}`}`;
    lines.push(`[${f.severity}] ${place}: ${f.title}`);
    lines.push(
      ...wrapProse(f.advice === undefined ? f.detail : `${f.advice}\n\n${f.detail}`, 68)
        .split('\n')
        .map((l) => (l === '' ? '' : `    ${l}`)),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
