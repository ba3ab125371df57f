// The review as JSON for machines: the shape `kreview review --json` documents. Keys are written
// in a fixed order and values sorted, so the same review gives the same bytes.

import { observedSymbols } from '../analyze/matrix/run.ts';
import type { MatrixCell, MatrixReport } from '../domain/matrix.ts';
import type { Review } from '../domain/review.ts';
import { previousJson } from './revision-json.ts';

/** The JSON text (two-space indent, trailing newline) of a review. */
export function reviewJson(review: Review): string {
  const { series } = review;
  const value = {
    series: {
      subject: series.subject,
      version: series.version,
      rfc: series.isRfc,
      messageId: series.messageId,
      total: series.total,
      present: series.patches.map((p) => p.index),
      missing: series.missing,
    },
    base: review.base ?? null,
    baseReason: review.baseReason,
    applied: review.applied,
    head: review.head ?? null,
    notes: review.notes,
    evaluated: {
      patches: review.evaluated.patches,
      arches: review.evaluated.arches,
      checks: review.evaluated.checks,
      reviewable: review.evaluated.reviewable,
      summary: review.evaluated.summary ?? null,
    },
    matrices: matricesJson(review.matrices),
    findings: review.findings.map((f) => ({
      check: f.check,
      severity: f.severity,
      patch: f.anchor.patch,
      file: f.anchor.file ?? null,
      line: f.anchor.line ?? null,
      title: f.title,
      ...(f.advice === undefined ? {} : { advice: f.advice }),
      detail: f.detail,
      ...(f.facts === undefined ? {} : { facts: f.facts }),
    })),
    ...(review.previous === undefined ? {} : { previous: previousJson(review.previous) }),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The JSON value of matrix reports, as `review --json` and `matrix --json` print them. */
export function matricesJson(reports: readonly MatrixReport[]) {
  return reports.map((m) => ({
    arch: m.arch,
    spec: m.spec.name,
    axes: m.spec.axes.map((a) => a.name),
    observe: observedSymbols(m.spec),
    before: m.before.cells.map(cellJson),
    after: m.after.cells.map(cellJson),
  }));
}

function cellJson(cell: MatrixCell) {
  const sorted = (record: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const cellValue = { inputs: cell.inputs, values: sorted(cell.values) };
  return cell.unreachable === undefined
    ? cellValue
    : { ...cellValue, unreachable: cell.unreachable };
}
