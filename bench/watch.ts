// bench:watch — a month of the 2023 linux-kbuild corpus replayed through `kreview watch` as cron
// would see it: the month's mail lands in a maildir day by day, and after each day one watch pass
// runs (in this process, clock set to the end of that day) against the Debian 6.12 tree, writing
// replies to an outbox. Prints series reviewed per minute and the peak RSS.
//
//   npm run bench:watch [-- MONTH]        (default 2023-07)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.ts';
import { kernelTree } from '../test/helpers/kernel-series.ts';
import { corpusMail } from '../test/watch/corpus-batches.ts';

const MONTH = process.argv[2] ?? '2023-07';
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
const config = join(dir, 'watch.json');
writeFileSync(
  config,
  JSON.stringify({
    stateDir: 'state',
    tree,
    from: 'Kconfig Bot <kconfig-bot@example.org>',
    graceMinutes: 24 * 60,
    lists: [
      {
        name: 'linux-kbuild',
        maildir: 'maildir',
        base: 'v6.12',
        delivery: { mode: 'outbox', outbox: 'outbox' },
      },
    ],
  }),
);

let reviewed = 0;
let replies = 0;
let passes = 0;
const began = performance.now();
for (let day = start; day < end.getTime(); day += 86_400_000) {
  const today = mails.filter((m) => {
    const t = Date.parse(m.message.headers.dateIso ?? '');
    return t >= day && t < day + 86_400_000;
  });
  for (const m of today)
    writeFileSync(
      join(maildir, 'new', `${String(m.message.position).padStart(6, '0')}.eml`),
      m.raw,
    );
  let json = '';
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
  if (status !== 0)
    throw new Error(`the watch pass after ${new Date(day).toISOString()} exited ${status}`);
  const summary = JSON.parse(json) as { reviewed: number; replies: number };
  reviewed += summary.reviewed;
  replies += summary.replies;
  passes++;
}
const minutes = (performance.now() - began) / 60_000;
const rssMiB = process.resourceUsage().maxRSS / 1024;
console.log(`bench:watch ${MONTH}: ${mails.length} messages, ${passes} daily passes`);
console.log(
  `  ${reviewed} series reviewed, ${replies} replies written in ${(minutes * 60).toFixed(1)} s`,
);
console.log(`  ${(reviewed / minutes).toFixed(1)} series/min, peak RSS ${rssMiB.toFixed(0)} MiB`);
rmSync(dir, { recursive: true, force: true });
