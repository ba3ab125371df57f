// The shared set-up of the lore watcher tests: real kbuild threads of 2023 in two batches, a
// public-inbox serving them, an SMTP sink, and a config for `kreview watch`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CorpusMail, corpusMail, resend } from './corpus-batches.ts';

/** The hostaudio series v1–v5 with their replies (not the stable backports), and a small one. */
export async function kbuildThreads(): Promise<{
  first: CorpusMail[];
  second: CorpusMail[];
  repost: Buffer;
}> {
  const mails = (await corpusMail([/hostaudio build errors/, /usr\/Kconfig: fix typos/])).filter(
    (m) => !/\[PATCH \d+\.\d+ \d+\/\d+\]/.test(m.message.headers.subject),
  );
  const cut = Date.parse(FIRST_NOW);
  const first = mails.filter((m) => Date.parse(m.message.headers.dateIso ?? '') < cut);
  const second = mails.filter((m) => !first.includes(m));
  const v2 = mails.find((m) => /^\[PATCH v2\]/.test(m.message.headers.subject));
  if (v2 === undefined) throw new Error('the corpus has no hostaudio v2');
  return { first, second, repost: resend(v2) };
}

/** The clock of the run after the first batch, and after the second. */
export const FIRST_NOW = '2023-07-25T00:00:00Z';
export const SECOND_NOW = '2023-12-11T00:00:00Z';

/** Writes a watch config for one lore list delivering over SMTP to the sink; returns its path. */
export function writeConfig(
  dir: string,
  options: { url: string; tree: string; smtpPort: number; stateDir?: string; feed?: 'atom' },
): string {
  const path = join(dir, `watch-${options.stateDir ?? 'state'}.json`);
  const config = {
    stateDir: options.stateDir ?? 'state',
    tree: options.tree,
    from: 'Kconfig Bot <kconfig-bot@example.org>',
    graceMinutes: 60,
    since: '2023-01-01T00:00:00Z',
    http: { attempts: 3, backoffMs: 50, timeoutMs: 10_000 },
    lists: [
      {
        name: 'linux-kbuild',
        lore: options.url,
        ...(options.feed === undefined ? {} : { feed: options.feed }),
        base: 'v6.12',
        // The loudest policy: these tests are about what the watcher reviews and delivers once,
        // so every reviewed series gets its mail (the policy itself: watch-policy.slow.test.ts).
        policy: {
          replyTo: 'author+list',
          quietWhenClean: false,
          minSeverity: 'info',
          replyOnApplyFailure: true,
        },
        delivery: {
          mode: 'send',
          outbox: `outbox-${options.stateDir ?? 'state'}`,
          smtp: { host: '127.0.0.1', port: options.smtpPort, tls: 'none', user: 'bot' },
        },
      },
    ],
  };
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/** The Message-IDs of the patch mail among `mails` (what replies answer), sorted. */
export function patchIds(mails: readonly CorpusMail[]): string[] {
  return mails
    .filter((m) => /^\[(RESEND )?PATCH/.test(m.message.headers.subject))
    .map((m) => m.message.id)
    .sort();
}
