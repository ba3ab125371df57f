// The delivery options of `kreview review` (--format, --date, --from, --outbox, --send, SMTP,
// Patchwork): checked before the review runs, then turned into the options of deliverReview.
import { usageError } from '../domain/errors.ts';
import type { Series } from '../domain/series.ts';
import type { DeliveryOptions, OutputFormat } from './review-output.ts';
import { parseAddress, resolveSender } from './sender.ts';

/** The options of `kreview review` that this module reads. */
export interface DeliveryFlags {
  readonly json?: boolean | undefined;
  readonly format?: string | undefined;
  readonly date?: string | undefined;
  readonly from?: string | undefined;
  readonly outbox?: string | undefined;
  readonly out?: string | undefined;
  readonly send?: boolean | undefined;
  readonly 'smtp-host'?: string | undefined;
  readonly 'smtp-port'?: string | undefined;
  readonly 'smtp-tls'?: string | undefined;
  readonly 'smtp-user'?: string | undefined;
  readonly patchwork?: string | undefined;
  readonly 'patchwork-token'?: string | undefined;
  readonly 'target-url'?: string | undefined;
  // The analysis options, for the reproduce command.
  readonly base?: string | undefined;
  readonly preset?: readonly string[] | undefined;
  readonly spec?: readonly string[] | undefined;
  readonly 'no-derive'?: boolean | undefined;
  readonly arch?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'email', 'b4-check', 'b4-review'];
const TLS_MODES = ['starttls', 'tls', 'none'] as const;

// Checked before the review runs, so misuse is reported in a second, not after the matrices.
/** Refuses misused delivery options (usage errors), before any work is done. */
export function checkDelivery(values: DeliveryFlags, env: Env): void {
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as OutputFormat))
    throw usageError(
      `Cannot review: unknown --format "${format}"`,
      `use one of ${FORMATS.join(', ')}`,
    );
  if (values.json === true && values.format !== undefined && values.format !== 'json')
    throw usageError('Cannot review: --json and --format disagree', 'give one of them');
  if (format === 'b4-review' && values.out === undefined)
    throw usageError(
      'Cannot write the b4 review: --format b4-review needs --out DIR',
      'b4 reads the folder kreview writes there',
    );
  if (values.out !== undefined && format !== 'b4-review')
    throw usageError('Cannot use --out without --format b4-review', 'use --outbox for replies');
  if (values.date !== undefined && Number.isNaN(Date.parse(values.date)))
    throw usageError(
      `Cannot review: --date "${values.date}" is not a date`,
      'write it as 2026-03-10T12:00:00Z',
    );
  if (values.send === true && (values.outbox === undefined || values['smtp-host'] === undefined))
    throw usageError(
      'Cannot send: --send needs --outbox and --smtp-host',
      'the outbox keeps what was sent',
    );
  const tls = values['smtp-tls'] ?? 'starttls';
  if (!(TLS_MODES as readonly string[]).includes(tls))
    throw usageError(
      `Cannot send: unknown --smtp-tls "${tls}"`,
      `use one of ${TLS_MODES.join(', ')}`,
    );
  const from = values.from ?? env.KREVIEW_FROM;
  if (from !== undefined && parseAddress(from) === undefined)
    throw usageError(
      `Cannot use "${from}" as the sender: it is not an address`,
      'write it as "Name <name@example.org>"',
    );
  if (
    values.patchwork !== undefined &&
    (env.KREVIEW_PATCHWORK_TOKEN ?? values['patchwork-token']) === undefined
  )
    throw usageError('Cannot post to Patchwork: no token', 'set KREVIEW_PATCHWORK_TOKEN');
  if (values['smtp-port'] !== undefined && !/^\d{1,5}$/.test(values['smtp-port']))
    throw usageError(`Cannot send: --smtp-port "${values['smtp-port']}" is not a port`);
}

/** The delivery options of a review run from the command line and the environment. */
export function deliveryOptions(
  values: DeliveryFlags,
  series: Series,
  base: string | undefined,
  io: { readonly env: Env; readonly cwd: string },
): DeliveryOptions {
  const format = (values.json === true ? 'json' : (values.format ?? 'text')) as OutputFormat;
  const tls = (values['smtp-tls'] ?? 'starttls') as (typeof TLS_MODES)[number];
  const token = io.env.KREVIEW_PATCHWORK_TOKEN ?? values['patchwork-token'];
  return {
    format,
    from: () => resolveSender(values.from, io.env, io.cwd),
    now: values.date === undefined ? new Date() : new Date(values.date),
    reproduce: reproduceCommands(values, series, base),
    outbox: values.outbox,
    out: values.out,
    smtp:
      values.send === true && values['smtp-host'] !== undefined
        ? {
            host: values['smtp-host'],
            port: Number(values['smtp-port'] ?? (tls === 'tls' ? 465 : 587)),
            tls,
            user: values['smtp-user'],
            password: io.env.KREVIEW_SMTP_PASSWORD,
          }
        : undefined,
    patchwork:
      values.patchwork === undefined || token === undefined
        ? undefined
        : { url: values.patchwork, token },
    targetUrl: values['target-url'],
  };
}

// What a reader of the reply runs to get the same review: the thread from lore with b4, then the
// same analysis options (never the local paths or the delivery options).
function reproduceCommands(
  values: DeliveryFlags,
  series: Series,
  base: string | undefined,
): string[] {
  const args = ['kreview review', `${series.messageId}.mbx`, '--tree linux'];
  if (values.base !== undefined && base !== undefined) args.push(`--base ${base}`);
  for (const name of values.preset ?? []) args.push(`--preset ${name}`);
  // A spec file is named, not its local path: the reader needs the file itself to reproduce.
  for (const file of values.spec ?? []) args.push(`--spec ${file.split('/').pop() ?? file}`);
  if (values['no-derive'] === true) args.push('--no-derive');
  if (values.arch !== undefined) args.push(`--arch ${values.arch}`);
  args.push(`--revision ${series.version}`);
  return [`b4 mbox ${series.messageId}`, args.join(' ')];
}
