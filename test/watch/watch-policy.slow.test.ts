// The bot's delivery policy, field by field, against a real public-inbox on 127.0.0.1 and a real
// SMTP server: a tiny kernel-shaped tree, a handful of one-patch series (one with warnings, one
// clean, one without Kconfig, one that does not apply, an RFC, one from an opted-out author, one
// from the bot itself), and `kreview watch` runs with one policy each, asserting what was mailed,
// to whom, and what was recorded instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { openState } from '../../src/state/db.ts';
import { WatchStore } from '../../src/state/store.ts';
import { formatPatch, makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { TINY_KCONFIG, tinyTreeFiles } from '../helpers/tiny-tree.ts';
import {
  createInbox,
  ensurePublicInbox,
  importMessages,
  serveInbox,
  stopInbox,
  type TestInbox,
} from './public-inbox.ts';
import { type SmtpSink, startSmtpSink } from './watch-process.ts';

const TREE = tinyTreeFiles();

const BOT = 'kconfig-bot@example.org';
const LIST = 'linux-kbuild@vger.kernel.org';
const DATE = '2024-01-02T03:00:00Z';

let dir: string;
let repo: TestRepo;
let inbox: TestInbox;
let sink: SmtpSink;
let cache: string;

// One single-patch series made on a branch of the tree, as a raw mail from `author`.
function series(
  id: string,
  author: string,
  subject: string,
  files: Record<string, string>,
  tag = 'PATCH',
): Buffer {
  repo.git('checkout', '-q', '-b', id, 'main');
  repo.commit(subject, files, DATE);
  const text = formatPatch(repo, `main..${id}`, [`--subject-prefix=${tag}`, '--no-thread']);
  repo.git('checkout', '-q', 'main');
  const mail = text
    .replace(/^From [0-9a-f]{40} .*\n/, '')
    .replace(/^From: .*$/m, `From: ${author}\nTo: ${LIST}\nCc: Maintainer <maint@example.org>`)
    .replace(/^(Subject: .*)$/m, `$1\nMessage-ID: <${id}@example.org>`);
  return Buffer.from(mail);
}

const SERIES = {
  warns: () =>
    series('warns', 'Ada Lovelace <ada@example.org>', 'drivers: rename FAST_PATH to QUICK_PATH', {
      'drivers/Kconfig': TINY_KCONFIG.replace('config FAST_PATH', 'config QUICK_PATH'),
    }),
  clean: () =>
    series('clean', 'Bob Builder <bob@example.org>', 'drivers: say what FAST_PATH is', {
      'drivers/Kconfig': TINY_KCONFIG.replace(
        '\tdefault y\n',
        '\tdefault y\n\thelp\n\t  The fast path.\n',
      ),
    }),
  // Only warnings: FAST_PATH changes in a case, and is lost on upgrade; no symbol goes missing.
  warnOnly: () =>
    series('warnonly', 'Wanda Warn <wanda@example.org>', 'drivers: FAST_PATH without NET', {
      'drivers/Kconfig': TINY_KCONFIG.replace('\tdepends on NET\n', '\tdepends on !NET\n'),
    }),
  plain: () =>
    series('plain', 'Carol Coder <carol@example.org>', 'drivers: a comment', {
      'drivers/plain.c': '/* no configuration here */\n',
    }),
  rfc: () =>
    series(
      'rfc',
      'Eve Early <eve@example.org>',
      'drivers: rename FAST_PATH to SWIFT_PATH',
      { 'drivers/Kconfig': TINY_KCONFIG.replace('config FAST_PATH', 'config SWIFT_PATH') },
      'RFC PATCH',
    ),
  optedOut: () =>
    series('opted', 'Otto Out <otto@example.org>', 'drivers: rename FAST_PATH to RAPID_PATH', {
      'drivers/Kconfig': TINY_KCONFIG.replace('config FAST_PATH', 'config RAPID_PATH'),
    }),
  own: () =>
    series('own', `Kconfig Bot <${BOT}>`, 'drivers: rename FAST_PATH to BOT_PATH', {
      'drivers/Kconfig': TINY_KCONFIG.replace('config FAST_PATH', 'config BOT_PATH'),
    }),
};

// A series made on a tree the watched one does not have: its context is not there.
function doesNotApply(): Buffer {
  const tristate = TINY_KCONFIG.replace('\tbool "Fast path"\n', '\ttristate "Fast path"\n');
  repo.git('checkout', '-q', '-b', 'elsewhere', 'main');
  repo.commit('drivers: FAST_PATH is a tristate', { 'drivers/Kconfig': tristate }, DATE);
  repo.commit(
    'drivers: FAST_PATH defaults to m',
    { 'drivers/Kconfig': tristate.replace('\tdefault y\n', '\tdefault m\n') },
    DATE,
  );
  const text = formatPatch(repo, 'elsewhere~1..elsewhere', ['--no-thread']);
  repo.git('checkout', '-q', 'main');
  // Nor its blobs: no 3-way merge can help.
  repo.git('branch', '-q', '-D', 'elsewhere');
  repo.git('reflog', 'expire', '--expire=now', '--all');
  repo.git('gc', '-q', '--prune=now');
  return Buffer.from(
    text
      .replace(/^From [0-9a-f]{40} .*\n/, '')
      .replace(/^From: .*$/m, `From: Dan Diff <dan@example.org>\nTo: ${LIST}`)
      .replace(/^(Subject: .*)$/m, '$1\nMessage-ID: <noapply@example.org>'),
  );
}

beforeAll(async () => {
  if (!ensurePublicInbox())
    throw new Error('public-inbox is not installed and cannot be (not root)');
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-policy-'));
  cache = join(dir, 'cache');
  repo = makeRepo(TREE);
  inbox = createInbox(join(dir, 'pi'), 'linux-kbuild');
  const mails = [
    SERIES.warns(),
    SERIES.clean(),
    SERIES.warnOnly(),
    SERIES.plain(),
    SERIES.rfc(),
    SERIES.optedOut(),
    SERIES.own(),
    doesNotApply(),
  ];
  importMessages(inbox, mails, new Date());
  await serveInbox(inbox);
  sink = await startSmtpSink();
}, 300_000);

afterAll(async () => {
  await stopInbox(inbox);
  await sink.close();
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  reviewed: number;
  skipped: number;
  held: number;
  delivered: number;
  notes: string[];
  faults: string[];
}

// One watch run with `policy` (and its own state), at `now`; what it mailed and recorded.
async function watch(name: string, policy: Record<string, unknown>, now = '2024-01-05T00:00:00Z') {
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      stateDir: `state-${name}`,
      tree: repo.dir,
      from: `Kconfig Bot <${BOT}>`,
      graceMinutes: 60,
      since: '2024-01-01T00:00:00Z',
      http: { attempts: 2, backoffMs: 50, timeoutMs: 10_000 },
      lists: [
        {
          name: 'linux-kbuild',
          lore: inbox.url,
          base: 'main',
          delivery: {
            mode: 'send',
            outbox: `outbox-${name}`,
            smtp: { host: '127.0.0.1', port: sink.port, tls: 'none', user: 'bot' },
          },
          policy,
        },
      ],
    }),
  );
  const before = sink.accepted.length;
  let stdout = '';
  let stderr = '';
  const status = await main(['watch', '--config', path, '--json', '--now', now], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      KREVIEW_CACHE: cache,
      KREVIEW_SMTP_PASSWORD: 's3cret',
    },
    cwd: dir,
  });
  expect(status, stderr).toBe(0);
  const summary = JSON.parse(stdout) as Summary;
  expect(summary.faults, stderr).toEqual([]);
  const mailed = sink.accepted.slice(before).map((id) => ({
    id,
    inReplyTo: sink.inReplyTo.get(id) ?? '',
    text: sink.texts.get(id) ?? '',
  }));
  const db = openState(join(dir, `state-${name}`));
  const outcomes = new Map(
    [...new WatchStore(db).mailOutcomes('linux-kbuild').values()].map((o) => [o.subject, o.mail]),
  );
  db.close();
  return { summary, stderr, mailed, outcomes };
}

const header = (text: string, name: string) =>
  new RegExp(`^${name}: (.*)$`, 'mi').exec(text.split(/\r?\n\r?\n/)[0] ?? '')?.[1];

describe('the watch policy against a real public-inbox', () => {
  it('the defaults mail only the series with warnings, to their authors alone', async () => {
    const { summary, mailed, outcomes, stderr } = await watch('defaults', {});
    // One reply per message: a single patch's summary is joined to its one reply.
    expect(mailed.map((m) => m.inReplyTo).sort()).toEqual([
      'opted@example.org',
      'rfc@example.org',
      'warnonly@example.org',
      'warns@example.org',
    ]);
    const mail = mailed.find((m) => m.inReplyTo === 'warns@example.org');
    expect(header(mail?.text ?? '', 'To')).toBe('Ada Lovelace <ada@example.org>');
    expect(header(mail?.text ?? '', 'Cc')).toBeUndefined();
    // Never a tag the bot gives, never its own mail reviewed.
    expect(mail?.text).not.toMatch(/^(Reviewed|Acked|Tested)-by:/m);
    expect(outcomes.get('drivers: rename FAST_PATH to BOT_PATH')).toBeUndefined();
    expect(Object.fromEntries(outcomes)).toEqual({
      'drivers: rename FAST_PATH to QUICK_PATH': 'mailed',
      'drivers: say what FAST_PATH is': 'clean',
      'drivers: FAST_PATH without NET': 'mailed',
      'drivers: a comment': 'not-kconfig',
      'drivers: rename FAST_PATH to SWIFT_PATH': 'mailed',
      'drivers: rename FAST_PATH to RAPID_PATH': 'mailed',
      'drivers: FAST_PATH defaults to m': 'does-not-apply',
    });
    expect(summary.skipped).toBe(1);
    // A series that does not apply is a line for the operator, with patch, file, hunk and base.
    expect(summary.notes).toEqual([
      'linux-kbuild: "drivers: FAST_PATH defaults to m" v1 was not mailed: patch 1/1 ("[PATCH] drivers: FAST_PATH defaults to m") does not apply to ' +
        `${repo.git('rev-parse', 'main').trim().slice(0, 12)} at drivers/Kconfig, hunk 1`,
    ]);
    expect(stderr).toContain('kreview: note: linux-kbuild: "drivers: FAST_PATH defaults to m"');
  }, 300_000);

  it('opt-out addresses and subject prefixes: no mail to or about them; replyTo author+list', async () => {
    const { mailed, outcomes } = await watch('opt-out', {
      replyTo: 'author+list',
      optOutAddresses: ['Otto@Example.org', 'maint@example.org'],
      optOutSubjects: ['rfc'],
    });
    expect(outcomes.get('drivers: rename FAST_PATH to RAPID_PATH')).toBe('opted-out-author');
    expect(outcomes.get('drivers: rename FAST_PATH to SWIFT_PATH')).toBe('opted-out-subject');
    expect([...new Set(mailed.map((m) => m.inReplyTo))].sort()).toEqual([
      'warnonly@example.org',
      'warns@example.org',
    ]);
    for (const m of mailed) {
      expect(header(m.text, 'Cc')).toBe(LIST);
      expect(m.text).not.toContain('maint@example.org');
    }
  }, 300_000);

  it('replyTo list with a listAddress: To the list alone; the opt-out line closes each reply', async () => {
    const optOutLine = 'No more of these: mail kbuild-bot-owner@example.org';
    const { mailed } = await watch('to-list', { replyTo: 'list', listAddress: LIST, optOutLine });
    expect(mailed.length).toBeGreaterThan(0);
    for (const m of mailed) {
      expect(header(m.text, 'To')).toBe(LIST);
      expect(header(m.text, 'Cc')).toBeUndefined();
      expect(m.text.replace(/\r\n/g, '\n').trimEnd().endsWith(`\n${optOutLine}`)).toBe(true);
    }
  }, 300_000);

  it('minSeverity error: a series with warnings only gets no mail; errors still do', async () => {
    const { outcomes } = await watch('errors-only', { minSeverity: 'error' });
    expect(outcomes.get('drivers: FAST_PATH without NET')).toBe('clean');
    expect(outcomes.get('drivers: rename FAST_PATH to QUICK_PATH')).toBe('mailed');
  }, 300_000);

  it('quietWhenClean false: the clean series gets its summary too', async () => {
    const { mailed, outcomes } = await watch('loud', { quietWhenClean: false });
    expect(outcomes.get('drivers: say what FAST_PATH is')).toBe('mailed');
    expect(mailed.map((m) => m.inReplyTo)).toContain('clean@example.org');
  }, 300_000);

  it('onlyKconfig false: a series without Kconfig is reviewed, not skipped', async () => {
    const { summary, outcomes } = await watch('all-series', { onlyKconfig: false });
    expect(outcomes.get('drivers: a comment')).not.toBe('not-kconfig');
    expect(summary.skipped).toBe(0);
  }, 300_000);

  it('replyOnApplyFailure: one short note naming the patch, file, hunk and base', async () => {
    const { mailed, outcomes } = await watch('apply-note', { replyOnApplyFailure: true });
    expect(outcomes.get('drivers: FAST_PATH defaults to m')).toBe('mailed');
    const notes = mailed.filter((m) => m.inReplyTo === 'noapply@example.org');
    expect(notes).toHaveLength(1);
    const text = notes[0]?.text ?? '';
    expect(header(text, 'To')).toBe('Dan Diff <dan@example.org>');
    const body = text.slice(text.search(/\r?\n\r?\n/)).replace(/\r\n/g, '\n');
    const base = repo.git('rev-parse', 'main').trim().slice(0, 12);
    expect(body.replace(/\s+/g, ' ')).toContain(
      `Patch 1/1 ("[PATCH] drivers: FAST_PATH defaults to m") does not apply to ${base} at drivers/Kconfig, hunk 1. No Kconfig was evaluated`,
    );
    for (const line of body.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  }, 300_000);

  it('embargoHours: replies wait after the newest patch, and the series is reviewed later', async () => {
    const policy = { embargoHours: 48 };
    const early = await watch('embargo', policy, '2024-01-03T03:00:00Z');
    expect(early.mailed).toEqual([]);
    expect(early.summary.held).toBe(6);
    expect(early.outcomes.get('drivers: rename FAST_PATH to QUICK_PATH')).toBeUndefined();
    // Skipped by policy is decided at once: it never waits.
    expect(early.outcomes.get('drivers: a comment')).toBe('not-kconfig');
    const still = await watch('embargo', policy, '2024-01-04T02:59:00Z');
    expect(still.mailed).toEqual([]);
    expect(still.summary.held).toBe(6);
    const late = await watch('embargo', policy, '2024-01-04T03:00:00Z');
    expect(late.summary.held).toBe(0);
    expect(late.outcomes.get('drivers: rename FAST_PATH to QUICK_PATH')).toBe('mailed');
    expect([...new Set(late.mailed.map((m) => m.inReplyTo))]).toContain('warns@example.org');
  }, 300_000);
});
