// bench:watch — a month of the 2023 linux-kbuild corpus replayed through `kreview watch` as cron
// would see it: the month's mail lands day by day in a maildir (or, with `lore`, in a real
// public-inbox served on 127.0.0.1), and after each day one watch pass runs (in this process,
// clock set to the end of that day) against the Debian 6.12 tree, writing replies to an outbox.
// Prints series reviewed per minute of watcher time and the peak RSS.
//
//   npm run bench:watch [-- MONTH [maildir|lore]]        (default 2023-07 maildir)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.ts';
import { kernelTree } from '../test/helpers/kernel-series.ts';
import { corpusMail } from '../test/watch/corpus-batches.ts';
import {
  createInbox,
  importMessages,
  refreshInbox,
  serveInbox,
  stopInbox,
  type TestInbox,
} from '../test/watch/public-inbox.ts';

const MONTH = process.argv[2] ?? '2023-07';
const SOURCE = process.argv[3] ?? 'maildir';
if (SOURCE !== 'maildir' && SOURCE !== 'lore')
  throw new Error(`Cannot replay through "${SOURCE}": use maildir or lore`);
const start = Date.parse(`${MONTH}-01T00:00:00Z`);
if (Number.isNaN(start)) throw new Error(`Cannot replay "${MONTH}": not a month like 2023-07`);
const end = new Date(start);
end.setUTCMonth(end.getUTCMonth() + 1);

const tree = kernelTree();
const mails = (await corpusMail([/./])).filter((m) => {
  const t = Date.parse(m.message.headers.dateIso ?? '');
  return t >= start && t < end.getTime();
});
const dir = mkdtempSync(join(tmpdir(), 'kreview-bench-watch-'));
const maildir = join(dir, 'maildir');
for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
let inbox: TestInbox | undefined;
const config = join(dir, 'watch.json');
const writeConfig = (source: Record<string, string>) =>
  writeFileSync(
    config,
    JSON.stringify({
      stateDir: 'state',
      tree,
      from: 'Kconfig Bot <kconfig-bot@example.org>',
      graceMinutes: 24 * 60,
      since: new Date(start).toISOString(),
      lists: [
        {
          name: 'linux-kbuild',
          ...source,
          base: 'v6.12',
          delivery: { mode: 'outbox', outbox: 'outbox' },
        },
      ],
    }),
  );
if (SOURCE === 'maildir') writeConfig({ maildir: 'maildir' });

// The mail of one day reaches the source: files in the maildir, or commits in the inbox (which
// is served once it holds mail, and told to look again after each import).
async function arrive(today: typeof mails): Promise<void> {
  if (SOURCE === 'maildir') {
    for (const m of today)
      writeFileSync(
        join(maildir, 'new', `${String(m.message.position).padStart(6, '0')}.eml`),
        m.raw,
      );
    return;
  }
  const last = today.at(-1);
  if (last === undefined) return;
  if (inbox === undefined) {
    inbox = createInbox(join(dir, 'pi'), 'linux-kbuild');
    importMessages(
      inbox,
      today.map((m) => m.raw),
      new Date(),
    );
    writeConfig({ lore: await serveInbox(inbox) });
    return;
  }
  importMessages(
    inbox,
    today.map((m) => m.raw),
    new Date(),
  );
  await refreshInbox(inbox, last.message.id);
}

let reviewed = 0;
let replies = 0;
let passes = 0;
let watcherMs = 0;
for (let day = start; day < end.getTime(); day += 86_400_000) {
  const today = mails.filter((m) => {
    const t = Date.parse(m.message.headers.dateIso ?? '');
    return t >= day && t < day + 86_400_000;
  });
  await arrive(today);
  if (SOURCE === 'lore' && inbox === undefined) continue;
  let json = '';
  const began = performance.now();
  const status = await main(
    ['watch', '--config', config, '--json', '--now', new Date(day + 86_400_000).toISOString()],
    {
      stdout: { write: (c: string) => (json += c) },
      stderr: { write: () => true },
      stdin: process.stdin,
      env: process.env,
      cwd: dir,
    },
  );
  watcherMs += performance.now() - began;
  if (status !== 0)
    throw new Error(`the watch pass after ${new Date(day).toISOString()} exited ${status}`);
  const summary = JSON.parse(json) as { reviewed: number; replies: number };
  reviewed += summary.reviewed;
  replies += summary.replies;
  passes++;
}
if (inbox !== undefined) await stopInbox(inbox);
const minutes = watcherMs / 60_000;
const rssMiB = process.resourceUsage().maxRSS / 1024;
console.log(`bench:watch ${MONTH} (${SOURCE}): ${mails.length} messages, ${passes} daily passes`);
console.log(
  `  ${reviewed} series reviewed, ${replies} replies written; watcher time ${(minutes * 60).toFixed(1)} s`,
);
console.log(`  ${(reviewed / minutes).toFixed(1)} series/min, peak RSS ${rssMiB.toFixed(0)} MiB`);
rmSync(dir, { recursive: true, force: true });
