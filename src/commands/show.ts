// `kreview show`: lists every patch series in an mbox, as text or JSON.
import { KreviewError } from '../domain/errors.ts';
import type { IngestWarning } from '../domain/message.ts';
import type { Series } from '../domain/series.ts';
import { formatAddress } from '../ingest/patch-build.ts';
import { oneMbox, parseCommandArgs } from './args.ts';
import type { Command, CommandIo } from './command.ts';
import { readSeriesInput, SERIES_INPUT_HELP } from './series-input.ts';

const HELP = `Usage: kreview show <mbox|-|msgid> [--json]

Lists every patch series found in an mbox (mboxo or mboxrd, plain or gzip, or one message; "-"
reads standard input): subject, version, author, which patches are present and missing, the base
commit, the files touched and which of them are Kconfig or Makefile files. Problems with single
messages are warnings on stderr; the rest of the file is still read.

Options:
${SERIES_INPUT_HELP}
  --json   Print { "series": [...], "warnings": [...] } instead of text

Example:
  kreview show fixtures/mbox/vfio-noiommu.mbox
  curl -s https://lore.kernel.org/all/<message-id>/t.mbox.gz | kreview show - --json
`;

/** The `show` command: what series an mbox holds. */
export const showCommand: Command = {
  help: HELP,
  run,
};

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv);
  const path = oneMbox('show series', parsed.positionals);
  // Only series are listed: replies' bodies are read for their trailers, then dropped.
  const ingested = await readSeriesInput(path, io, parsed.values.lore, 'series');
  if (ingested.messages.length === 0) {
    for (const w of ingested.warnings) io.stderr.write(`warning: ${warningText(w)}\n`);
    throw new KreviewError(
      `Cannot show series in "${path}": no mail message could be read`,
      'INPUT_UNREADABLE',
      {
        hint: 'check that the file is an mbox (lore: add /t.mbox.gz to a thread URL) or a single mail message',
      },
    );
  }
  if (parsed.values.json === true) {
    io.stdout.write(`${JSON.stringify(showJson(ingested.series, ingested.warnings), null, 2)}\n`);
  } else {
    io.stdout.write(showText(ingested.series, ingested.messages.length));
    for (const w of ingested.warnings) io.stderr.write(`warning: ${warningText(w)}\n`);
  }
  return 0;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('show', argv, {
    options: { json: { type: 'boolean' }, lore: { type: 'string' } },
    allowPositionals: true,
  });
}

/** The JSON form of `show`: every series and every warning, in a stable order. */
export function showJson(series: readonly Series[], warnings: readonly IngestWarning[]): unknown {
  return {
    series: series.map((s) => ({
      subject: s.subject,
      version: s.version,
      rfc: s.isRfc,
      author: formatAddress(s.author),
      total: s.total,
      present: s.patches.map((p) => p.index),
      missing: s.missing,
      hasCover: s.cover !== undefined,
      baseCommit: s.baseCommit ?? null,
      messageId: s.messageId,
      patches: s.patches.map((p) => ({
        index: p.index,
        subject: p.subject,
        messageId: p.messageId,
        author: formatAddress(p.author),
        files: filesOf([p]),
        trailers: p.trailers.map((t) => ({
          key: t.key,
          value: t.value,
          fromReply: t.fromReply ?? null,
        })),
      })),
    })),
    warnings: warnings.map((w) => ({
      position: w.position ?? null,
      messageId: w.messageId ?? null,
      message: w.message,
    })),
  };
}

/** The text form of `show`: one block per series. */
export function showText(series: readonly Series[], messageCount: number): string {
  const out: string[] = [`${series.length} series in ${messageCount} messages`];
  for (const s of series) {
    const files = filesOf(s.patches);
    const build = files.filter((f) => /(^|\/)(Kconfig[^/]*|Makefile[^/]*|Kbuild)$/.test(f));
    out.push(
      '',
      `${s.subject}`,
      `  version:   v${s.version}${s.isRfc ? ' RFC' : ''}${s.cover === undefined ? '' : ' (with cover letter)'}`,
      `  author:    ${formatAddress(s.author) || '(unknown)'}`,
      `  patches:   ${s.patches.length} of ${s.total} present${s.missing.length === 0 ? '' : `, missing ${s.missing.join(', ')}`}`,
      `  base:      ${s.baseCommit ?? '(not given)'}`,
      `  message:   ${s.messageId}`,
      `  files:     ${files.length === 0 ? '(none)' : files.join(', ')}`,
      `  Kconfig/Makefile: ${build.length === 0 ? '(none)' : build.join(', ')}`,
    );
    for (const p of s.patches) {
      const from =
        p.parsedSubject.version === s.version ? '' : ` (from v${p.parsedSubject.version})`;
      out.push(`  [${p.index}/${s.total}] ${p.parsedSubject.title}${from}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function filesOf(patches: readonly Series['patches'][number][]): string[] {
  const paths = new Set<string>();
  for (const p of patches)
    for (const f of p.files) paths.add(f.change === 'deleted' ? f.oldPath : f.newPath);
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// Which message a warning is about, as mbox position and Message-ID, before the text itself.
function warningText(w: IngestWarning): string {
  if (w.position === undefined) return w.message;
  return `#${w.position}${w.messageId === undefined ? '' : ` <${w.messageId}>`}: ${w.message}`;
}
