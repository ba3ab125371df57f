// `kreview review`: ingest → apply → matrices → checks, printed as text, JSON, replies or b4
// checks, and delivered to an outbox, over SMTP or to Patchwork when asked.
import { checkDelivery, deliveryOptions } from '../deliver/delivery-options.ts';
import { deliverReview } from '../deliver/review-output.ts';
import { KreviewError, usageError } from '../domain/errors.ts';
import type { MatrixSpec } from '../domain/matrix.ts';
import type { Series } from '../domain/series.ts';
import { parseMessageId } from '../ingest/message-id.ts';
import { archList, oneMbox, parseCommandArgs, revisionNumber } from './args.ts';
import { cachePaths } from './cache-paths.ts';
import type { Command, CommandIo } from './command.ts';
import { loadPreset, loadSpecFile, withArches } from './presets.ts';
import { progressReporter } from './progress.ts';
import { reviewWithPrevious } from './review-revisions.ts';
import { readSeriesInput, SERIES_INPUT_HELP } from './series-input.ts';

const HELP = `Usage: kreview review <mbox|-|msgid> --tree DIR [options]

Applies the newest series of the mbox to the kernel git repository DIR without a checkout,
evaluates the Kconfig it touches before and after (matrices from presets and derived from the
series itself), and prints what changed: matrix tables and findings anchored to patch lines.

Options:
${SERIES_INPUT_HELP}
  --tree DIR          The kernel git repository (required); nothing in it is modified
  --base REV          Apply on REV when the series has no usable base-commit: trailer
  --preset NAME       Also run a shipped matrix preset (repeatable), e.g. vfio-noiommu
  --spec FILE         Also run a matrix spec file (repeatable)
  --no-derive         Do not derive a matrix from the series
  --arch A,B          Run every matrix on these architectures instead
  --revision N        Review revision N (default: the newest in the thread)
  --message-id ID     Review the series whose cover letter or first patch has this Message-ID
  --previous MBOX     Compare with the older revision in MBOX (default: the one in the same
                      mbox, linked by change-id, reply, author and title, or patch-id): it is
                      reviewed too, and the review says what was fixed, what remains, what is new
  --no-previous       Do not look for an older revision to compare with
  --repeat-still-there Repeat in the replies findings still there on patches unchanged since
                      the older revision (default: only the summary lists them)

Output and delivery (nothing is sent unless --send or --patchwork is given):
  --format F          text (default), json (the review), email (the replies, as an mbox), or
                      b4-check: a JSON list of {tool, status, summary, url, details, msgid}, one
                      entry per patch then one for the series; status is pass, warn or fail, and
                      details is a JSON list of {status, description} (b4's check-command shape),
                      or b4-review: b4's review-agent folder in --out DIR (DIR/<head>/identity.txt,
                      series.txt, 0001.txt, …: the patch quoted whole, kreview's comments inline)
  --out DIR           Where --format b4-review writes its folder
  --json              Same as --format json
  --date ISO          The replies' Date (default: now), e.g. 2026-03-10T12:00:00Z
  --from ADDR         The replies' sender, "Name <addr>" (default: $KREVIEW_FROM, else git's
                      user.name and user.email)
  --outbox DIR        Write one .eml per reply (0001-….eml, in send order) and outbox.mbox to DIR
  --send              Send the outbox over SMTP (needs --outbox and --smtp-host); replies listed
                      in DIR/sent.log were sent before and are not sent again
  --smtp-host HOST    SMTP server
  --smtp-port N       Port (default: 465 with --smtp-tls tls, else 587)
  --smtp-tls MODE     starttls (default), tls or none
  --smtp-user USER    Log in as USER; the password is read from $KREVIEW_SMTP_PASSWORD
  --patchwork URL     Post one check per patch (context "kreview-kconfig") to this Patchwork
                      (e.g. https://patchwork.kernel.org); the token is read from
                      $KREVIEW_PATCHWORK_TOKEN, or --patchwork-token
  --patchwork-token T Patchwork API token
  --target-url URL    The checks' link (e.g. the archived summary reply)

Examples:
  kreview review fixtures/mbox/vfio-noiommu.mbox --tree ~/.cache/kreview/linux-6.12 --preset vfio-noiommu
  kreview review v6.mbx --tree ~/linux --previous v5.mbx
  kreview review t.mbx --tree ~/linux --format email --from "Kconfig Bot <bot@example.org>" --outbox out/
`;

/** The `review` command. */
export const reviewCommand: Command = {
  help: HELP,
  run,
};

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const path = oneMbox('review', positionals);
  if (values.tree === undefined)
    throw usageError('Cannot review: no --tree given', 'pass --tree with a kernel git repository');
  const arches = archList('review', values.arch);
  revisionNumber('review', values.revision);
  checkDelivery(values, io.env);
  const specs: MatrixSpec[] = [];
  for (const name of values.preset ?? []) specs.push(withArches(await loadPreset(name), arches));
  for (const file of values.spec ?? []) specs.push(withArches(await loadSpecFile(file), arches));

  const ingested = await readSeriesInput(path, io, values.lore);
  for (const w of ingested.warnings) io.stderr.write(`warning: ${w.message}\n`);
  const series = pickSeries(ingested.series, ingested.latest, values, path);
  const progress = progressReporter(io.stderr);
  progress(
    `reviewing "${series.subject}" v${series.version} (${series.patches.length} of ${series.total})`,
  );
  const given =
    values.previous === undefined
      ? undefined
      : (await readSeriesInput(values.previous, io, values.lore)).series;
  const source = {
    candidates: values['no-previous'] === true ? [] : ingested.series,
    given: values['no-previous'] === true ? undefined : given,
  };
  const review = await reviewWithPrevious(series, source, {
    tree: values.tree,
    base: values.base,
    presets: specs,
    derive: values['no-derive'] !== true,
    arches,
    env: io.env,
    progress,
    toolchainCache: cachePaths(io.env, io.cwd).toolchain,
    mboxSeries: ingested.series,
  });
  progress.done();
  const delivery = deliveryOptions(values, series, review.base, io);
  await deliverReview(
    review,
    { ...delivery, repeatStillThere: values['repeat-still-there'] === true },
    {
      stdout: io.stdout,
      progress,
    },
  );
  progress.done();
  return review.base === undefined ? 1 : 0;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('review', argv, {
    options: {
      lore: { type: 'string' },
      tree: { type: 'string' },
      base: { type: 'string' },
      preset: { type: 'string', multiple: true },
      spec: { type: 'string', multiple: true },
      'no-derive': { type: 'boolean' },
      arch: { type: 'string' },
      revision: { type: 'string' },
      'message-id': { type: 'string' },
      previous: { type: 'string' },
      'no-previous': { type: 'boolean' },
      'repeat-still-there': { type: 'boolean' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      date: { type: 'string' },
      from: { type: 'string' },
      outbox: { type: 'string' },
      out: { type: 'string' },
      send: { type: 'boolean' },
      'smtp-host': { type: 'string' },
      'smtp-port': { type: 'string' },
      'smtp-tls': { type: 'string' },
      'smtp-user': { type: 'string' },
      patchwork: { type: 'string' },
      'patchwork-token': { type: 'string' },
      'target-url': { type: 'string' },
    },
    allowPositionals: true,
  });
}

function pickSeries(
  all: readonly Series[],
  latest: readonly Series[],
  values: { revision?: string | undefined; 'message-id'?: string | undefined },
  path: string,
): Series {
  // `<id>`, a bare id or a lore URL: the one normal form every Message-ID is compared in.
  const id = parseMessageId(values['message-id']);
  const revision = revisionNumber('review', values.revision);
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
