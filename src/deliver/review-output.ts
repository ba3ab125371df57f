// After a review: print it in the asked format, write the outbox, send it, post Patchwork checks.
// Printing is the default; sending happens only when asked for.
import type { Address } from '../domain/message.ts';
import type { Review } from '../domain/review.ts';
import { b4CheckJson } from '../report/b4-check.ts';
import { repliesMbox } from '../report/mbox-out.ts';
import { buildReplies } from '../report/replies.ts';
import { reviewJson } from '../report/review-json.ts';
import { reviewText } from '../report/review-text.ts';
import { writeB4Review } from './b4-review-dir.ts';
import { removeStale, writeOutbox } from './outbox.ts';
import { postPatchworkChecks } from './patchwork-checks.ts';
import { type SmtpSettings, sendOutbox } from './smtp.ts';

export type OutputFormat = 'text' | 'json' | 'email' | 'b4-check' | 'b4-review';

export interface DeliveryOptions {
  readonly format: OutputFormat;
  /** The replies' sender; only looked up when replies are made. */
  readonly from: () => Promise<Address>;
  readonly now: Date;
  /** The commands that reproduce the review, for the sign-off. */
  readonly reproduce: readonly string[];
  readonly outbox: string | undefined;
  /** The folder --format b4-review writes b4's review-agent files to. */
  readonly out?: string | undefined;
  readonly smtp: SmtpSettings | undefined;
  readonly patchwork: { readonly url: string; readonly token: string } | undefined;
  readonly targetUrl: string | undefined;
  /** Repeat findings still there on patches unchanged since the older revision. */
  readonly repeatStillThere?: boolean;
}

export interface DeliveryIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly progress: (message: string) => void;
}

/** Prints, writes, sends and posts what `options` asks for, in that order. */
export async function deliverReview(
  review: Review,
  options: DeliveryOptions,
  io: DeliveryIo,
): Promise<void> {
  const needReplies = options.format === 'email' || options.outbox !== undefined;
  const replies = needReplies
    ? buildReplies(review, {
        from: await options.from(),
        now: options.now,
        reproduce: options.reproduce,
        repeatStillThere: options.repeatStillThere === true,
      })
    : [];
  if (options.format === 'text') io.stdout.write(reviewText(review));
  else if (options.format === 'json') io.stdout.write(reviewJson(review));
  else if (options.format === 'b4-check') io.stdout.write(b4CheckJson(review, options.targetUrl));
  else if (options.format === 'b4-review') {
    const written = await writeB4Review(options.out ?? '.', review, await options.from());
    io.progress(`wrote ${written.length} b4 review file(s) to "${options.out}"`);
  } else io.stdout.write(repliesMbox(replies));

  if (options.outbox !== undefined) {
    const entries = await writeOutbox(options.outbox, replies);
    const stale = await removeStale(options.outbox, entries);
    if (stale.length > 0)
      io.progress(
        `removed ${stale.length} reply file(s) of an earlier review: ${stale.join(', ')}`,
      );
    io.progress(
      `wrote ${entries.length} repl${entries.length === 1 ? 'y' : 'ies'} to "${options.outbox}"`,
    );
    if (options.smtp !== undefined) {
      const result = await sendOutbox(options.outbox, entries, options.smtp);
      io.progress(
        `sent ${result.sent.length} repl${result.sent.length === 1 ? 'y' : 'ies'} through ${options.smtp.host}` +
          (result.skipped.length > 0 ? `; ${result.skipped.length} already sent before` : ''),
      );
    }
  }
  if (options.patchwork !== undefined) {
    const posted = await postPatchworkChecks(review, {
      ...options.patchwork,
      targetUrl: options.targetUrl,
    });
    const fresh = posted.filter((p) => !p.unchanged).length;
    io.progress(
      `posted ${fresh} check(s) to ${options.patchwork.url}, ${posted.length - fresh} unchanged`,
    );
  }
}
