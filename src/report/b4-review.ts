// b4's review-agent folder for the applied head, so `b4 review` shows kreview's comments beside a
// human's: identity.txt (who), series.txt (the cover: the summary), and one NNNN.txt per patch
// (a summary line, a blank line, the body, then the whole patch quoted with "> " and each
// comment under the line it concerns; no diff line is dropped, so b4 can line them up).
import type { Finding } from '../domain/finding.ts';
import type { Address } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import type { Patch } from '../domain/series.ts';
import { countText } from './b4-check.ts';
import { formatAddress } from './email.ts';
import { findingText } from './quote.ts';
import { summaryLines } from './replies.ts';

/** The folder's files, by path under it: `<head>/identity.txt`, `<head>/series.txt`, … */
export function b4ReviewFiles(review: Review, from: Address): Map<string, string> {
  const head = review.head;
  if (!review.applied || head === undefined || !/^[0-9a-f]{40,64}$/.test(head))
    throw new Error('the series did not apply, so there is no head commit to review');
  const files = new Map<string, string>();
  files.set(`${head}/identity.txt`, `${formatAddress(from)}\n`);
  const summary = `kreview: ${countText(review.findings)} in v${review.series.version}`;
  files.set(`${head}/series.txt`, `${summary}\n\n${summaryLines(review).join('\n')}\n`);
  for (const patch of review.series.patches) {
    if (!review.evaluated.patches.includes(patch.index)) continue;
    const findings = review.findings.filter((f) => f.anchor.patch === patch.index);
    files.set(`${head}/${String(patch.index).padStart(4, '0')}.txt`, patchFile(patch, findings));
  }
  return files;
}

function patchFile(patch: Patch, findings: readonly Finding[]): string {
  // Decoded for display only: the bytes stay what git applied.
  const { lines, placed } = quoteWhole(patch.diff.toString('utf8'), findings);
  const loose = findings.filter((f) => !placed.has(f));
  const body =
    loose.length > 0
      ? loose.flatMap((f) => [...findingText(f, true), ''])
      : [findings.length === 0 ? 'No Kconfig findings in this patch.' : 'Comments are inline.', ''];
  return [`kreview: ${countText(findings)}`, '', ...body, ...lines, ''].join('\n');
}

// Every line of the diff quoted; a finding's comment follows the line its anchor names, counted
// as git does: context lines on both sides, "+" on the new side, "-" on the old.
function quoteWhole(
  diff: string,
  findings: readonly Finding[],
): { lines: string[]; placed: Set<Finding> } {
  const lines: string[] = [];
  const placed = new Set<Finding>();
  let file: string | undefined;
  let oldFile: string | undefined;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const text = diff.endsWith('\n') ? diff.slice(0, -1) : diff;
  for (const line of text.split('\n')) {
    lines.push(`> ${line}`.trimEnd());
    const header = /^diff --git a\/(\S+) b\/(\S+)$/.exec(line);
    if (header !== null) {
      [oldFile, file] = [header[1], header[2]];
      inHunk = false;
      continue;
    }
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk !== null) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const kind = line[0];
    if (kind !== ' ' && kind !== '+' && kind !== '-') continue;
    const at: { side: 'old' | 'new'; line: number }[] = [];
    if (kind !== '-') at.push({ side: 'new', line: newLine++ });
    if (kind !== '+') at.push({ side: 'old', line: oldLine++ });
    for (const f of findings) {
      if (placed.has(f) || (f.anchor.file !== file && f.anchor.file !== oldFile)) continue;
      if (!at.some((a) => f.anchor.line === a.line && (f.anchor.side ?? 'new') === a.side))
        continue;
      placed.add(f);
      lines.push('', ...findingText(f), '');
    }
  }
  return { lines, placed };
}
