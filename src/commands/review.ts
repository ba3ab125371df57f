// `kreview review`: ingest → apply → matrices → checks, printed as text or JSON.
import { parseArgs } from 'node:util';
import { KreviewError, usageError } from '../domain/errors.ts';
import type { MatrixSpec } from '../domain/matrix.ts';
import type { Series } from '../domain/series.ts';
import { reviewJson } from '../report/review-json.ts';
import { reviewText } from '../report/review-text.ts';
import { readMbox } from '../sources/mbox-file.ts';
import type { Command, CommandIo } from './command.ts';
import { loadPreset, loadSpecFile, withArches } from './presets.ts';
import { runReview } from './review-run.ts';

const HELP = `Usage: kreview review <mbox|-> --tree DIR [options]

Applies the newest series of the mbox to the kernel git repository DIR without a checkout,
evaluates the Kconfig it touches before and after (matrices from presets and derived from the
series itself), and prints what changed: matrix tables and findings anchored to patch lines.

Options:
  --tree DIR          The kernel git repository (required); nothing in it is modified
  --base REV          Apply on REV when the series has no usable base-commit: trailer
  --preset NAME       Also run a shipped matrix preset (repeatable), e.g. vfio-noiommu
  --spec FILE         Also run a matrix spec file (repeatable)
  --no-derive         Do not derive a matrix from the series
  --arch A,B          Run every matrix on these architectures instead
  --revision N        Review revision N (default: the newest in the thread)
  --message-id ID     Review the series whose cover letter or first patch has this Message-ID
  --json              Print the review as JSON

Example:
  kreview review fixtures/mbox/vfio-noiommu.mbox --tree ~/.cache/kreview/linux-6.12 --preset vfio-noiommu
`;

/** The `review` command. */
export const reviewCommand: Command = {
  name: 'review',
  summary: 'Review a series: apply it, evaluate its Kconfig before and after, report findings',
  help: HELP,
  run,
};

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const [path, ...extra] = positionals;
  if (path === undefined)
    throw usageError('Cannot review: no mbox given', 'pass a path, or "-" for standard input');
  if (extra.length > 0)
    throw usageError(`Cannot review: unexpected argument "${extra[0]}"`, 'give one mbox');
  if (values.tree === undefined)
    throw usageError('Cannot review: no --tree given', 'pass --tree with a kernel git repository');
  const arches = values.arch
    ?.split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const specs: MatrixSpec[] = [];
  for (const name of values.preset ?? []) specs.push(withArches(await loadPreset(name), arches));
  for (const file of values.spec ?? []) specs.push(withArches(await loadSpecFile(file), arches));

  const ingested = await readMbox(path, io.stdin);
  for (const w of ingested.warnings) io.stderr.write(`warning: ${w.message}\n`);
  const series = pickSeries(ingested.series, ingested.latest, values, path);
  const progress = (message: string) => io.stderr.write(`kreview: ${message}\n`);
  progress(
    `reviewing "${series.subject}" v${series.version} (${series.patches.length} of ${series.total})`,
  );
  const review = await runReview(series, {
    tree: values.tree,
    base: values.base,
    presets: specs,
    derive: values['no-derive'] !== true,
    env: io.env,
    progress,
  });
  io.stdout.write(values.json === true ? reviewJson(review) : reviewText(review));
  return review.base === undefined ? 1 : 0;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        tree: { type: 'string' },
        base: { type: 'string' },
        preset: { type: 'string', multiple: true },
        spec: { type: 'string', multiple: true },
        'no-derive': { type: 'boolean' },
        arch: { type: 'string' },
        revision: { type: 'string' },
        'message-id': { type: 'string' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(
      error instanceof Error ? error.message : String(error),
      'see "kreview review --help"',
    );
  }
}

function pickSeries(
  all: readonly Series[],
  latest: readonly Series[],
  values: { revision?: string | undefined; 'message-id'?: string | undefined },
  path: string,
): Series {
  const id = values['message-id']?.replace(/^<|>$/g, '');
  const revision =
    values.revision === undefined ? undefined : Number(values.revision.replace(/^v/i, ''));
  const candidates = all.filter(
    (s) =>
      (id === undefined || s.messageId === id) &&
      (revision === undefined || s.version === revision),
  );
  const chosen = id === undefined && revision === undefined ? latest[0] : candidates[0];
  if (chosen === undefined) {
    const found = all.map((s) => `v${s.version} "${s.subject}" <${s.messageId}>`).join('; ');
    throw new KreviewError(`Cannot review "${path}": no series matches`, 'INPUT_UNREADABLE', {
      hint: found === '' ? 'the mbox holds no patch series' : `series found: ${found}`,
    });
  }
  return chosen;
}
