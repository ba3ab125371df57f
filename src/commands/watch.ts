// `kreview watch`: the cron side of kreview. Each pass lists new patch mail of every configured
// list, reviews each new series revision once, records it with its replies in the state database
// and delivers them; one run at a time.
import { parseArgs } from 'node:util';
import { resolveSender } from '../deliver/sender.ts';
import { usageError } from '../domain/errors.ts';
import type { MatrixSpec } from '../domain/matrix.ts';
import type { WatchSource } from '../domain/source.ts';
import { gitEnvironment, gitProcessPort } from '../git/process-port.ts';
import { openRepo } from '../git/repo.ts';
import { seriesPatchIds } from '../git/series-patch-ids.ts';
import { localSource } from '../sources/local-source.ts';
import { loreSource } from '../sources/lore.ts';
import { httpPort } from '../sources/lore-http.ts';
import { patchworkClient } from '../sources/patchwork/client.ts';
import { patchworkSource } from '../sources/patchwork/events.ts';
import { openState } from '../state/db.ts';
import { takeRunLock } from '../state/lock.ts';
import { WatchStore } from '../state/store.ts';
import { type ListConfig, readWatchConfig, type WatchConfig } from '../watch/config.ts';
import { deliverPending } from '../watch/deliver.ts';
import { collectAndReview } from '../watch/run.ts';
import { checkSecrets } from '../watch/secrets.ts';
import { summaryJson, summaryLine } from '../watch/summary.ts';
import { cachePaths } from './cache-paths.ts';
import type { Command, CommandIo } from './command.ts';
import { loadPreset } from './presets.ts';
import { progressReporter } from './progress.ts';
import { runReview } from './review-run.ts';

const HELP = `Usage: kreview watch --config FILE [--once | --interval SECONDS] [--json]

Watches mailing lists (public-inbox/lore over HTTP, Patchwork's series-completed events, a local
mbox or maildir) and reviews each new series revision once: complete series at once, incomplete
ones when "graceMinutes" passed since their newest patch. A repost of a revision is not reviewed
again. What was seen, reviewed and delivered is kept in an SQLite database in "stateDir"; a run
killed at any point is finished by the next one. A second run while one is active exits at once.

Options:
  --config FILE       The JSON config (required); paths in it are relative to the file
  --once              One pass, for cron (the default)
  --interval SECONDS  Keep running, one pass every SECONDS
  --json              Print the summary as JSON on stdout (progress stays on stderr)
  --now ISO           Take this as the current time (replays), e.g. 2023-08-01T00:00:00Z

Config:
  {
    "stateDir": "state", "tree": "/root/.cache/kreview/linux-6.12",
    "from": "Kconfig Bot <kconfig-bot@example.org>", "graceMinutes": 1440,
    "since": "2026-11-01T00:00:00Z",
    "lists": [
      { "name": "linux-kbuild", "lore": "https://lore.kernel.org/linux-kbuild",
        "base": "v6.12", "remotes": ["origin"], "presets": [],
        "policy": { "replyTo": "author+list", "embargoHours": 24, "optOutSubjects": ["rfc"] },
        "delivery": { "mode": "send", "outbox": "outbox",
                      "smtp": { "host": "smtp.example.org", "port": 587, "user": "bot" },
                      "mutedAuthors": ["someone@example.org"] } },
      { "name": "kbuild-pw", "patchwork": { "url": "https://patchwork.kernel.org",
        "project": "linux-kbuild" }, "delivery": { "mode": "outbox", "outbox": "pw-outbox" } },
      { "name": "local", "mbox": "incoming.mbox", "delivery": { "mode": "print" } }
    ]
  }
  delivery.mode: print (replies on stdout), outbox (one directory per series), send (SMTP,
  password from $KREVIEW_SMTP_PASSWORD); delivery.patchwork: a Patchwork URL to post checks to
  ($KREVIEW_PATCHWORK_TOKEN). Lore is listed by search (rt:, received time); an inbox without
  search (HTTP 501) is read through new.atom, its newest 25 entries; "feed": "atom" forces that.
  remotes: git remotes (names or URLs) fetched into the tree at the start of each pass; a
  base-commit the tree lacks is asked of them by id before the list's base is used instead.
  policy (all optional, quiet by default): replyTo "author" | "author+list" | "list",
  listAddress, quietWhenClean (true), minSeverity ("warning"), embargoHours (0), onlyKconfig
  (true), optOutAddresses, optOutSubjects, optOutLine, replyOnApplyFailure (false),
  repeatStillThere (false); see the README.

Exit status: 0 when the pass ran (faults are reported and left for the next run), 1 when
nothing could be done (every source failed and nothing was delivered), 2 for misuse.

Example:
  kreview watch --config ~/.config/kreview/watch.json   # from cron, every 10 minutes
`;

/** The `watch` command. */
export const watchCommand: Command = {
  help: HELP,
  run,
};

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const values = parse(argv);
  if (values.config === undefined)
    throw usageError('Cannot watch: no --config given', 'pass --config with a JSON file');
  if (values.once === true && values.interval !== undefined)
    throw usageError('Cannot watch: --once and --interval disagree', 'give one of them');
  const interval = values.interval === undefined ? undefined : Number(values.interval);
  if (interval !== undefined && !(interval > 0))
    throw usageError(`Cannot watch: --interval "${values.interval}" is not a number of seconds`);
  const fixed = values.now === undefined ? undefined : new Date(values.now);
  if (fixed !== undefined && Number.isNaN(fixed.getTime()))
    throw usageError(
      `Cannot watch: --now "${values.now}" is not a date`,
      'write it as 2023-08-01T00:00:00Z',
    );
  const now = () => fixed ?? new Date();
  const config = await readWatchConfig(values.config, now());
  const { toolchain: toolchainCache } = cachePaths(io.env, io.cwd);
  checkSecrets(config.lists, io.env);
  const progress = progressReporter(io.stderr);
  const from = await resolveSender(config.from, io.env, io.cwd);
  const presets = new Map<string, MatrixSpec[]>();
  for (const list of config.lists)
    presets.set(list.name, await Promise.all(list.presets.map((p) => loadPreset(p))));

  const lock = takeRunLock(config.stateDir, process.pid, now());
  const db = openState(config.stateDir);
  try {
    const store = new WatchStore(db);
    const http = httpPort(config.http);
    const source = (list: ListConfig): WatchSource => {
      const s = list.source;
      if (s.kind === 'lore')
        return loreSource(http, { url: s.url, feed: s.feed, firstSince: config.since, progress });
      if (s.kind === 'patchwork')
        return patchworkSource(patchworkClient(s.url, io.env.KREVIEW_PATCHWORK_TOKEN), http, {
          project: s.project,
          firstSince: new Date(config.since * 1000).toISOString(),
          progress,
        });
      return localSource(s.kind, s.path);
    };
    let status = 0;
    for (;;) {
      const fetched = await fetchRemotes(config, io.env, progress);
      // Replies a killed run wrote but did not deliver go out first.
      const before = await deliverPending(store, config.lists, { ...io, progress, now });
      const pass = await collectAndReview(config, {
        store,
        source,
        review: (series, list, thread) =>
          runReview(series, {
            tree: config.tree,
            base: list.base,
            presets: presets.get(list.name) ?? [],
            derive: list.derive,
            env: io.env,
            progress,
            toolchainCache,
            remotes: list.remotes,
            mboxSeries: thread,
            onlyKconfig: list.policy.onlyKconfig,
          }),
        patchIds: (series) =>
          seriesPatchIds(gitProcessPort(config.tree, gitEnvironment(io.env)), series),
        treeOpens: () =>
          openRepo(config.tree, gitEnvironment(io.env)).then(
            () => true,
            () => false,
          ),
        from,
        now,
        progress,
      });
      const after = await deliverPending(store, config.lists, { ...io, progress, now });
      const summary = {
        ...pass,
        delivered: before.delivered + after.delivered,
        checks: before.checks + after.checks,
        faults: [...fetched, ...before.faults, ...pass.faults, ...after.faults],
        state: store.counts(),
      };
      for (const note of summary.notes) progress(`note: ${note}`);
      for (const fault of summary.faults) progress(`fault: ${fault}`);
      progress.done();
      io.stderr.write(`${summaryLine(summary)}\n`);
      if (values.json === true) io.stdout.write(summaryJson(summary));
      const nothing =
        pass.listsFailed === pass.lists && pass.reviewed === 0 && summary.delivered === 0;
      status = nothing && summary.faults.length > 0 ? 1 : 0;
      if (interval === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    }
    return status;
  } finally {
    db.close();
    lock.release();
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        once: { type: 'boolean' },
        interval: { type: 'string' },
        json: { type: 'boolean' },
        now: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw usageError(
      error instanceof Error ? error.message : String(error),
      'see "kreview watch --help"',
    );
  }
}

// The tree stays current: each pass first fetches every remote a list names (once each).
async function fetchRemotes(
  config: WatchConfig,
  env: Readonly<Record<string, string | undefined>>,
  progress: (message: string) => void,
): Promise<string[]> {
  const remotes = [...new Set(config.lists.flatMap((l) => l.remotes))];
  if (remotes.length === 0) return [];
  const repo = await openRepo(config.tree, gitEnvironment(env));
  const faults: string[] = [];
  for (const remote of remotes) {
    progress(`fetching ${remote}`);
    const got = await repo.fetch(remote);
    if (!got.ok) faults.push(`Cannot fetch "${remote}": ${got.detail}`);
  }
  return faults;
}
