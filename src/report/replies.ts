// Turns a review into the replies a maintainer would send: one per patch with findings, and a
// summary to the cover letter (or the first patch) with the matrix tables and every finding.
import { createHash } from 'node:crypto';
import type { Finding } from '../domain/finding.ts';
import type { Address, MailMessage } from '../domain/message.ts';
import { baseLabel, type Review } from '../domain/review.ts';
import type { OutgoingMail } from './email.ts';
import { matricesToPrint } from './matrix-overlap.ts';
import { renderMatrixTable } from './matrix-table.ts';
import { findingText, quotePatch } from './quote.ts';
import { repliedFindings, revisionSummaryLines, saidBefore } from './revision-summary.ts';
import { wrapProse } from './wrap.ts';

export interface ReplyOptions {
  /** Who the replies are from (the bot or the maintainer). */
  readonly from: Address;
  /** The moment of sending, from the injected clock. */
  readonly now: Date;
  /** The commands that reproduce the review, for the sign-off. */
  readonly reproduce: readonly string[];
  /** Repeat findings still there on a patch unchanged since the older revision (default no). */
  readonly repeatStillThere?: boolean;
}

/**
 * One reply per patch that owns a warning or an error, then the summary to the cover letter;
 * all of them threaded under the series. A patch with only notes (info) gets no mail of its
 * own: the summary lists them. Without a cover letter the summary joins the first patch's
 * reply, so no message is ever answered twice.
 */
export function buildReplies(review: Review, options: ReplyOptions): OutgoingMail[] {
  // A series with no Kconfig in it is not kreview's to answer.
  if (!review.evaluated.reviewable) return [];
  const root = review.series.cover ?? review.series.patches[0]?.message;
  const replies: OutgoingMail[] = [];
  let summarised = false;
  for (const patch of review.series.patches) {
    const findings = repliedFindings(review, patch.index, options.repeatStillThere);
    if (!findings.some((f) => f.severity !== 'info')) continue;
    const body = [
      greeting(patch.message),
      '',
      attribution(patch.message),
      ...quotePatch(patch, findings),
      '',
    ];
    if (patch.message === root) {
      body.push(...summaryLines(review, options.repeatStillThere), '');
      summarised = true;
    }
    body.push('Thanks,', '', ...signOff(options));
    replies.push(reply(patch.message, body.join('\n'), options, patch.author));
  }
  if (root !== undefined && !summarised)
    replies.push(reply(root, summaryBody(review, root, options), options, review.series.author));
  return replies;
}

// "Hi Ada,": the author's first name, as a reviewer opens a reply; a bare address gets "Hi,".
function greeting(message: MailMessage): string {
  const name = message.headers.from?.name.trim() ?? '';
  const first = /^[^\s,@<>"]+/.exec(name)?.[0];
  return first === undefined ? 'Hi,' : `Hi ${first},`;
}

function summaryBody(review: Review, root: MailMessage, options: ReplyOptions): string {
  const lines = [
    greeting(root),
    '',
    attribution(root),
    ...quoteOpening(root.body),
    '',
    ...summaryLines(review, options.repeatStillThere),
    '',
    'Thanks,',
    '',
    ...signOff(options),
  ];
  return lines.join('\n');
}

// What was evaluated, the matrices, and every finding of the series in one list (but those
// still there on a patch unchanged since the older revision: the comparison names them).
export function summaryLines(review: Review, repeatStillThere = false): string[] {
  const { series } = review;
  const lines: string[] = [];
  const base = review.base === undefined ? 'no base' : baseLabel(review);
  lines.push(
    wrapProse(
      review.evaluated.patches.length > 0
        ? `I applied this series (v${series.version}, ${review.evaluated.patches.length} of ${series.total} patches) to ${base} (${review.baseReason}) and evaluated the Kconfig it touches before and after it.`
        : `This series does not apply to ${base} (${review.baseReason}), so no Kconfig was evaluated.`,
    ),
    '',
  );
  if (review.previous !== undefined)
    lines.push(...revisionSummaryLines(review, 72, { notRepeated: !repeatStillThere }), '');
  for (const note of review.notes) lines.push(wrapProse(note), '');
  const { shown, repeated } = matricesToPrint(review.matrices);
  for (const { matrix, shownBy } of repeated)
    lines.push(
      wrapProse(
        `The ${matrix.spec.name} matrix on ${matrix.arch} reaches the same configurations as ${shownBy.spec.name}; its table is not repeated.`,
      ),
      '',
    );
  for (const matrix of shown) {
    lines.push(`${matrix.spec.name} on ${matrix.arch}, before -> after:`, '');
    lines.push(
      // Two columns of indent: the table and its legend stay within 78 columns.
      ...renderMatrixTable(matrix.spec, matrix.after, matrix.before, '->', 76)
        .split('\n')
        .map((l) => `  ${l}`),
      '',
    );
  }
  const said = saidBefore(review, repeatStillThere);
  const listed = review.findings.filter((_, i) => !said.has(i));
  const seriesWide = listed.filter((f) => f.anchor.patch === 0);
  const perPatch = listed.filter((f) => f.anchor.patch !== 0);
  if (review.findings.length === 0) {
    if (review.evaluated.patches.length > 0)
      lines.push(wrapProse(`No findings: ${checkedText(review)}.`), '');
  } else if (listed.length > 0) {
    lines.push('Findings:', '');
    for (const f of perPatch) lines.push(wrapProse(`- ${where(review, f)}: ${f.title}`));
    if (perPatch.length > 0) lines.push('');
    for (const f of seriesWide) lines.push(...findingText(f), '');
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const OPENING_LINES = 6;

// The first paragraph of the cover letter (or patch), so the summary reads as a reply to it.
function quoteOpening(body: string): string[] {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((l) => l.trim() !== '');
  if (start < 0) return ['> [...]'];
  let end = start;
  // A patch's message ends at "---": the diffstat under it is not what the author wrote.
  const stop = (line: string) => line.trim() === '' || line === '---';
  while (end < lines.length && !stop(lines[end] ?? '') && end - start < OPENING_LINES) end++;
  const quoted = lines.slice(start, end).map((l) => `> ${l}`.trimEnd());
  const more = lines.slice(end).some((l) => l.trim() !== '' && l !== '---');
  return more ? [...quoted, '> [...]'] : quoted;
}

function checkedText(review: Review): string {
  const arches = review.evaluated.arches;
  const on = arches.length > 0 ? ` on ${arches.join(', ')}` : '';
  return `${review.matrices.length > 0 ? 'the matrices above, ' : ''}defconfig, allnoconfig and allmodconfig${on}, checked for ${review.evaluated.checks.length} kinds of problem (${review.evaluated.checks.join(', ')}), show nothing to report`;
}

function where(review: Review, finding: Finding): string {
  const patch = review.series.patches.find((p) => p.index === finding.anchor.patch);
  const counter = `${finding.anchor.patch}/${review.series.total}`;
  const file =
    finding.anchor.file === undefined
      ? ''
      : ` ${finding.anchor.file}:${finding.anchor.line ?? '?'}`;
  return patch === undefined ? `[${counter}]` : `[${counter}]${file}`;
}

function attribution(message: MailMessage): string {
  const from = message.headers.from;
  const who =
    from === undefined
      ? 'the author'
      : from.name === ''
        ? from.address
        : `${from.name} <${from.address}>`;
  return message.headers.date === ''
    ? `${who} wrote:`
    : `On ${message.headers.date}, ${who} wrote:`;
}

function signOff(options: ReplyOptions): string[] {
  return [
    '-- ',
    'This review was generated by kreview. To reproduce it:',
    ...options.reproduce.flatMap((c) => shellLines(c)),
  ];
}

/** A command as shell lines of at most 80 columns, continued with a backslash. */
export function shellLines(command: string, width = 80): string[] {
  const lines = ['  '];
  for (const word of command.split(' ')) {
    const last = lines[lines.length - 1] as string;
    if (last.trim() !== '' && last.length + 1 + word.length + 2 > width) {
      lines[lines.length - 1] = `${last} \\`;
      lines.push(`    ${word}`);
    } else lines[lines.length - 1] = last.trim() === '' ? `${last}${word}` : `${last} ${word}`;
  }
  return lines;
}

/**
 * A reply to `to`: to the sender and, when the change is someone else's (an in-body From: a
 * maintainer forwarding it, or b4's web relay sending for its author), to the author as well;
 * the rest of To and Cc in Cc; threaded under it; a Message-ID made from what it answers and says.
 */
export function reply(
  to: MailMessage,
  body: string,
  options: Pick<ReplyOptions, 'from' | 'now'>,
  changeAuthor: Address | undefined,
): OutgoingMail {
  const { headers } = to;
  const self = options.from.address.toLowerCase();
  const recipients = [headers.from, changeAuthor].filter(
    (a, i, all): a is Address =>
      a !== undefined &&
      a.address !== '' &&
      a.address.toLowerCase() !== self &&
      all.findIndex((b) => b?.address.toLowerCase() === a.address.toLowerCase()) === i,
  );
  const seen = new Set<string>([self, ...recipients.map((a) => a.address.toLowerCase())]);
  const cc = [...headers.to, ...headers.cc].filter((a) => {
    const key = a.address.toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const subject = /^re:/i.test(headers.subject) ? headers.subject : `Re: ${headers.subject}`;
  // A message that names its parent only in In-Reply-To still gets the parent in the chain.
  const chain = [...headers.references];
  if (headers.inReplyTo !== undefined && !chain.includes(headers.inReplyTo))
    chain.push(headers.inReplyTo);
  const references = [...chain.filter((r) => r !== to.id), to.id];
  const id = createHash('sha256').update(`${to.id}\n${body}`).digest('hex').slice(0, 24);
  const domain = /@([^@\s>]+)$/.exec(options.from.address)?.[1] ?? 'kreview.invalid';
  return {
    from: options.from,
    to: recipients,
    cc,
    subject,
    date: rfc2822(options.now),
    messageId: `kreview-${id}@${domain}`,
    inReplyTo: to.id,
    references,
    body,
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue, 24 Nov 2026 16:30:00 +0000`, in UTC so the text does not depend on the machine. */
export function rfc2822(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
