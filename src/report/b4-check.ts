// The review as b4's external check output: b4 (`b4 review` per-patch and series check commands)
// reads a JSON list of {tool, status, summary, url, details} from a check command's stdout,
// status one of pass/warn/fail, details free text (b4's own tools put a JSON list there).
import type { Finding, Severity } from '../domain/finding.ts';
import type { Review } from '../domain/review.ts';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One entry of b4's check list; `msgid` (ignored by b4) says which message it is about. */
export interface B4Check {
  readonly tool: 'kreview';
  readonly status: CheckStatus;
  readonly summary: string;
  readonly url: string;
  readonly details: string;
  readonly msgid: string;
}

const RANK: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

/** pass/warn/fail for a set of findings: errors fail, warnings warn, notes (info) pass. */
export function statusOf(findings: readonly Finding[]): CheckStatus {
  return findings.reduce<CheckStatus>((worst, f) => {
    const s = severityStatus(f.severity);
    return RANK[s] > RANK[worst] ? s : worst;
  }, 'pass');
}

// A note (a new symbol's defaults, reachable combinations) is for reading, not a problem: b4
// and Patchwork show "warn" as something to fix.
function severityStatus(severity: Severity): CheckStatus {
  return severity === 'error' ? 'fail' : severity === 'warning' ? 'warn' : 'pass';
}

/** "2 errors, 1 warning" or "no Kconfig findings". */
export function countText(findings: readonly Finding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = (
    [
      ['error', count('error')],
      ['warning', count('warning')],
      ['note', count('info')],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${n} ${word}${n === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no Kconfig findings' : parts.join(', ');
}

/** One entry per patch, then one for the series (cover letter, or patch 1 without one). */
export function b4Checks(review: Review, url = ''): B4Check[] {
  const entry = (msgid: string, findings: readonly Finding[]): B4Check => ({
    tool: 'kreview',
    status: statusOf(findings),
    summary: countText(findings),
    url,
    details: JSON.stringify(
      findings.map((f) => ({
        status: severityStatus(f.severity),
        description: `${f.anchor.file === undefined ? '' : `${f.anchor.file}:${f.anchor.line ?? '?'}: `}${f.title}`,
      })),
    ),
    msgid,
  });
  const entries = review.series.patches.map((p) =>
    entry(
      p.messageId,
      review.findings.filter((f) => f.anchor.patch === p.index),
    ),
  );
  entries.push(entry(review.series.messageId, review.findings));
  return entries;
}

/** The JSON text b4 reads. */
export function b4CheckJson(review: Review, url = ''): string {
  return `${JSON.stringify(b4Checks(review, url), null, 2)}\n`;
}
