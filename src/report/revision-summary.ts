// What a revision fixed, kept and added since the one it follows, in the words a reviewer uses:
// "v6 fixes 1 of the 2 points raised on v5: …". Points are warnings and errors; notes (info)
// are only counted. Shared by the text output and the summary reply.
import type { Finding } from '../domain/finding.ts';
import type { Review } from '../domain/review.ts';
import type { ComparedFinding, FindingMark, RevisionComparison } from '../domain/revision.ts';
import { wrapProse } from './wrap.ts';

// How the older revision was found, said after its Message-ID.
function linkedWords(linkedBy: string, vN: string): string {
  switch (linkedBy) {
    case 'change-id':
      return 'which has the same change-id';
    case 'reply':
      return `which ${vN} replies to`;
    case 'author-title':
      return 'which has the same author and title';
    case 'patch-id':
      return `which shares unchanged patches with ${vN}`;
    case 'given':
      return 'given with --previous';
    default:
      return linkedBy;
  }
}

/**
 * The comparison as wrapped paragraphs (no trailing blank line); empty without a comparison.
 * `notRepeated`: the text goes with mail that leaves out what is still there on unchanged
 * patches (`saidBefore`), and says so.
 */
export function revisionSummaryLines(
  review: Review,
  width = 72,
  options: { readonly notRepeated?: boolean } = {},
): string[] {
  const c = review.previous;
  if (c === undefined) return [];
  const vN = `v${c.version}`;
  const vP = `v${c.previousVersion}`;
  const points = c.findings.filter((f) => f.status !== 'new' && f.mark.severity !== 'info');
  const fixed = points.filter((f) => f.status === 'fixed');
  const still = c.findings.filter((f) => f.status === 'still-there' && f.mark.severity !== 'info');
  const added = c.findings.filter((f) => f.status === 'new' && f.mark.severity !== 'info');
  const out: string[] = [
    wrapProse(
      `Compared with ${vP} <${c.previousMessageId}>, ${linkedWords(c.linkedBy, vN)}:`,
      width,
    ),
    '',
  ];
  const lead = fixedLead(vN, vP, fixed.length, points.length);
  out.push(
    wrapProse(
      fixed.length === 0
        ? `${lead}.`
        : `${lead}: ${fixed.map((f) => fixedPhrase(f.mark)).join('; ')}.`,
      width,
    ),
  );
  if (still.length > 0) out.push('', `Still there in ${vN}:`, ...items(review, still, width));
  out.push(
    '',
    ...(added.length > 0
      ? [`New in ${vN}:`, ...items(review, added, width)]
      : [`Nothing new in ${vN}.`]),
  );
  const cases = (c.matrices ?? []).map((m) =>
    wrapProse(
      `- ${m.spec} on ${m.arch}: ${m.changes.map((v) => `${v.symbol} ${v.previous} -> ${v.current} (${caseWords(v.cases)})`).join('; ')}`,
      width,
    ),
  );
  if (cases.length > 0)
    out.push(
      '',
      wrapProse(
        `Matrix cases whose values differ between ${vP} and ${vN} (numbered as in the tables):`,
        width,
      ),
      ...cases,
    );
  const notes = noteCounts(c, vN, vP);
  if (notes !== undefined) out.push('', wrapProse(notes, width));
  if (c.unchangedPatches.length > 0) {
    const list = listWords(c.unchangedPatches.map((u) => `${u.patch}/${review.series.total}`));
    const one = c.unchangedPatches.length === 1;
    out.push(
      '',
      wrapProse(
        `${one ? 'Patch' : 'Patches'} ${list} ${one ? 'is' : 'are'} unchanged since ${vP} (same patch-id)${options.notRepeated === true ? `; what was said about ${one ? 'it' : 'them'} there is not repeated` : ''}.`,
        width,
      ),
    );
  }
  return out;
}

/**
 * The findings a reply to patch `patch` carries: all of them without a comparison; with one,
 * those new in this revision and those still there, except, unless `repeatStillThere`, the ones
 * still there on a patch that did not change (they were said on the older revision already).
 */
export function repliedFindings(
  review: Review,
  patch: number,
  repeatStillThere = false,
): Finding[] {
  const said = saidBefore(review, repeatStillThere);
  return review.findings.filter((f, i) => f.anchor.patch === patch && !said.has(i));
}

/**
 * Indices in `review.findings` of what mail does not repeat: findings still there on a patch
 * unchanged since the older revision (none with `repeatStillThere`, or without a comparison).
 * The comparison's "Still there" list names them once, marked "(patch unchanged)".
 */
export function saidBefore(review: Review, repeatStillThere = false): ReadonlySet<number> {
  const c = review.previous;
  if (c === undefined || repeatStillThere) return new Set();
  return new Set(
    c.findings.flatMap((f) =>
      f.status === 'still-there' && f.unchangedPatch && f.current !== undefined ? [f.current] : [],
    ),
  );
}

function fixedLead(vN: string, vP: string, fixed: number, points: number): string {
  if (points === 0) return `No point was raised on ${vP}`;
  const noun = points === 1 ? 'the point' : `${points} points`;
  if (fixed === 0)
    return points === 1
      ? `${vN} does not fix the point raised on ${vP}`
      : `${vN} fixes none of the ${noun} raised on ${vP}`;
  if (fixed === points)
    return points === 1
      ? `${vN} fixes the point raised on ${vP}`
      : `${vN} fixes all ${noun} raised on ${vP}`;
  return `${vN} fixes ${fixed} of the ${noun} raised on ${vP}`;
}

/** What is true now that the finding is gone, in plain words. */
export function fixedPhrase(mark: FindingMark): string {
  const s = mark.symbol;
  if (s === undefined) return `"${mark.title}" no longer applies`;
  switch (mark.check) {
    case 'lost-on-upgrade':
      return `${s} is no longer lost on upgrade`;
    case 'undefined-symbol':
      return `no reference to an undefined ${s} remains`;
    case 'matrix-cell-changed':
      return `${s} keeps its values across the matrix`;
    case 'new-kconfig-warning':
      return `Kconfig no longer warns about ${s}`;
    case 'symbol-never-enabled':
      return `${s} can be enabled`;
    case 'symbol-always-forced':
      return `${s} is no longer forced`;
    case 'target-drift':
      return `${s} no longer changes in the standard targets`;
    default:
      return `"${mark.title}" no longer applies`;
  }
}

function items(review: Review, found: readonly ComparedFinding[], width: number): string[] {
  return found.map((f) => {
    const at = `[${f.mark.patch}/${review.series.total}]`;
    const since = f.status === 'still-there' && f.unchangedPatch ? ' (patch unchanged)' : '';
    return wrapProse(`- ${at} ${f.mark.title}${since}`, width);
  });
}

function noteCounts(c: RevisionComparison, vN: string, vP: string): string | undefined {
  const notes = (status: string) =>
    c.findings.filter((f) => f.status === status && f.mark.severity === 'info').length;
  const [gone, kept, added] = [notes('fixed'), notes('still-there'), notes('new')];
  if (gone + kept + added === 0) return undefined;
  return `Notes (for information): ${gone} from ${vP} gone, ${kept} kept, ${added} new in ${vN}.`;
}

// "case 3", "cases 1-4, 6".
function caseWords(cases: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < cases.length; i++) {
    const start = cases[i] ?? 0;
    let end = start;
    while (cases[i + 1] === end + 1) {
      end++;
      i++;
    }
    runs.push(
      end === start ? `${start}` : end === start + 1 ? `${start}, ${end}` : `${start}-${end}`,
    );
  }
  return `${cases.length === 1 ? 'case' : 'cases'} ${runs.join(', ')}`;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
