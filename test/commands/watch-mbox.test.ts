// `kreview watch` over a local mbox and maildir, on a small git tree: an incomplete series waits
// for its grace period and is then reviewed as incomplete, a new revision is a new review, a
// repost is not, muted authors get no reply, and a broken config is misuse (exit 2).
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { patchMail } from '../watch/small-series.ts';

let dir: string;
let repo: TestRepo;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-mbox-'));
  repo = makeRepo({ Kconfig: 'config FOO\n\tbool "foo"\n' });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  repo.remove();
});

function config(source: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'watch.json');
  writeFileSync(
    path,
    JSON.stringify({
      stateDir: 'state',
      tree: repo.dir,
      from: 'Kconfig Bot <bot@example.org>',
      graceMinutes: 60,
      // The patches do not apply to this tree: the short note is what is mailed for them.
      lists: [
        {
          name: 'kbuild',
          base: 'main',
          ...source,
          delivery: { mode: 'print', ...extra },
          policy: { replyOnApplyFailure: true },
        },
      ],
    }),
  );
  return path;
}

async function watch(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(['watch', ...args], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: {},
    cwd: dir,
  });
  const json = stdout.slice(stdout.lastIndexOf('\n{\n') + 1);
  return { status, stdout, stderr, summary: JSON.parse(json) as Record<string, number> };
}

const DATE = 'Tue, 02 Jan 2024 03:00:00 +0000';

describe('kreview watch on a local mbox', () => {
  it('waits for missing patches, then reviews the series as incomplete after the grace period', async () => {
    const mbox = join(dir, 'in.mbox');
    writeFileSync(mbox, patchMail(1, 1, 3, DATE) + patchMail(1, 3, 3, DATE));
    const cfg = config({ mbox });
    const early = await watch(['--config', cfg, '--json', '--now', '2024-01-02T03:30:00Z']);
    expect(early.status, early.stderr).toBe(0);
    expect(early.summary).toMatchObject({ reviewed: 0, pending: 1, delivered: 0 });
    expect(early.stderr).toContain('waiting for 1 missing patch(es) of "kconfig: change 1" v1');
    const late = await watch(['--config', cfg, '--json', '--now', '2024-01-02T04:30:00Z']);
    expect(late.summary).toMatchObject({ reviewed: 1, incomplete: 1, pending: 0 });
    expect(late.summary.delivered).toBeGreaterThan(0);
    expect(late.stdout).toContain('In-Reply-To: <v1-1@example.org>');
    const again = await watch(['--config', cfg, '--json', '--now', '2024-01-03T00:00:00Z']);
    expect(again.summary).toMatchObject({ reviewed: 0, delivered: 0, pending: 0 });
  });

  it('reviews a new revision, not a repost of the same one', async () => {
    const mbox = join(dir, 'in.mbox');
    writeFileSync(mbox, patchMail(1, 1, 1, DATE));
    const cfg = config({ mbox });
    const first = await watch(['--config', cfg, '--json', '--now', '2024-01-02T04:00:00Z']);
    expect(first.summary).toMatchObject({ reviewed: 1 });
    appendFileSync(mbox, patchMail(1, 1, 1, DATE, 'RESEND ') + patchMail(2, 1, 1, DATE));
    const second = await watch(['--config', cfg, '--json', '--now', '2024-01-02T05:00:00Z']);
    expect(second.summary).toMatchObject({ reviewed: 1, repeats: 1 });
    expect(second.stdout).toContain('In-Reply-To: <v2-1@example.org>');
    expect(second.stdout).not.toContain('In-Reply-To: <resend-v1-1@example.org>');
  });

  it('reviews a RESEND that carries patches the first posting lacked, and not one that does not', async () => {
    const mbox = join(dir, 'in.mbox');
    const resend = (index: number) =>
      patchMail(1, index, 3, DATE, 'RESEND ').replace(
        /<v1-1@example\.org>/g,
        '<resend-v1-1@example.org>',
      );
    // First posting: 1 and 2 of 3; reviewed as incomplete after the grace period.
    writeFileSync(mbox, patchMail(1, 1, 3, DATE) + patchMail(1, 2, 3, DATE));
    const cfg = config({ mbox });
    const first = await watch(['--config', cfg, '--json', '--now', '2024-01-02T05:00:00Z']);
    expect(first.summary).toMatchObject({ reviewed: 1, incomplete: 1 });
    // The RESEND has all three: patch 3 is new, so it is reviewed again.
    appendFileSync(mbox, resend(1) + resend(2) + resend(3));
    const second = await watch(['--config', cfg, '--json', '--now', '2024-01-02T06:00:00Z']);
    expect(second.summary).toMatchObject({ reviewed: 1, incomplete: 0, repeats: 0 });
    expect(second.stdout).toContain('In-Reply-To: <resend-v1-1@example.org>');
    // The same three again, in a thread of their own: nothing new.
    appendFileSync(
      mbox,
      [1, 2, 3].map((i) => resend(i).replace(/resend-v1-/g, 'again-v1-')).join(''),
    );
    const third = await watch(['--config', cfg, '--json', '--now', '2024-01-02T07:00:00Z']);
    expect(third.summary).toMatchObject({ reviewed: 0, repeats: 1 });
  });

  it('holds a series for embargoHours after its Date, and one dated in the future no longer than after it was first seen', async () => {
    const mbox = join(dir, 'in.mbox');
    writeFileSync(mbox, patchMail(1, 1, 1, 'Tue, 02 Jan 2024 03:00:00 +0000'));
    const path = config({ mbox });
    const raw = JSON.parse(readFileSync(path, 'utf8'));
    raw.lists[0].policy.embargoHours = 12;
    writeFileSync(path, JSON.stringify(raw));
    const held = await watch(['--config', path, '--json', '--now', '2024-01-02T14:59:00Z']);
    expect(held.summary).toMatchObject({ reviewed: 0, held: 1, delivered: 0 });
    const released = await watch(['--config', path, '--json', '--now', '2024-01-02T15:00:00Z']);
    expect(released.summary).toMatchObject({ reviewed: 1, held: 0 });
    // Dated ten days ahead: the embargo counts from the pass that first saw it.
    appendFileSync(mbox, patchMail(2, 1, 1, 'Fri, 12 Jan 2024 03:00:00 +0000'));
    const early = await watch(['--config', path, '--json', '--now', '2024-01-03T00:00:00Z']);
    expect(early.summary).toMatchObject({ reviewed: 0, held: 1 });
    const later = await watch(['--config', path, '--json', '--now', '2024-01-03T12:00:00Z']);
    expect(later.summary).toMatchObject({ reviewed: 1, held: 0 });
  });

  it('reviews only the newest revision of a thread: a v2 sent in reply to its v1', async () => {
    const mbox = join(dir, 'in.mbox');
    const v2 = patchMail(2, 1, 1, DATE).replace(
      'Message-ID: <v2-1@example.org>',
      'Message-ID: <v2-1@example.org>\nIn-Reply-To: <v1-1@example.org>\nReferences: <v1-1@example.org>',
    );
    writeFileSync(mbox, patchMail(1, 1, 1, DATE) + v2);
    const run = await watch([
      '--config',
      config({ mbox }),
      '--json',
      '--now',
      '2024-01-02T04:00:00Z',
    ]);
    expect(run.summary).toMatchObject({ reviewed: 1 });
    expect(run.stdout).toContain('In-Reply-To: <v2-1@example.org>');
    expect(run.stdout).not.toContain('In-Reply-To: <v1-1@example.org>');
  });

  it('reads a maildir, and keeps replies to muted authors unsent', async () => {
    const maildir = join(dir, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    writeFileSync(
      join(maildir, 'new', '1.eml'),
      patchMail(1, 1, 1, DATE).replace(/^From mboxrd.*\n/, ''),
    );
    const cfg = config({ maildir }, { mutedAuthors: ['Ada@Example.org'] });
    const run = await watch(['--config', cfg, '--json', '--now', '2024-01-02T04:00:00Z']);
    expect(run.summary).toMatchObject({ reviewed: 1, delivered: 0 });
    expect((run.summary.state as unknown as { muted: number }).muted).toBeGreaterThan(0);
    expect(run.stdout).not.toContain('In-Reply-To:');
  });

  it('reports an unreachable inbox as a fault; exits 1 only when nothing could be done', async () => {
    const mbox = join(dir, 'in.mbox');
    writeFileSync(mbox, patchMail(1, 1, 1, DATE));
    const dead = { name: 'dead', lore: 'http://127.0.0.1:9/linux-kbuild' };
    const write = (lists: unknown[]) => {
      const path = join(dir, 'faults.json');
      writeFileSync(
        path,
        JSON.stringify({
          stateDir: 'state',
          tree: repo.dir,
          from: 'Bot <bot@example.org>',
          http: { attempts: 2, backoffMs: 1 },
          lists,
        }),
      );
      return path;
    };
    const both = await watch([
      '--config',
      write([{ name: 'kbuild', mbox }, dead]),
      '--json',
      '--now',
      '2024-01-03T00:00:00Z',
    ]);
    expect(both.status).toBe(0);
    expect(both.summary).toMatchObject({ lists: 2, listsFailed: 1, reviewed: 1 });
    expect(both.stderr).toMatch(
      /fault: Cannot fetch "http:\/\/127\.0\.0\.1:9\/linux-kbuild\/\?q=rt%3A\d+\.\.&x=A&o=0": fetch failed/,
    );
    const only = await watch([
      '--config',
      write([dead]),
      '--json',
      '--now',
      '2024-01-03T00:00:00Z',
    ]);
    expect(only.status).toBe(1);
    expect(only.stderr).toContain('kreview: watch: 0 of 1 list(s) read');
  });

  it('gives up on a series whose review fails on every run, after three runs', async () => {
    // The patch applies to this toy tree, but the tree has no defconfig to evaluate.
    const mbox = join(dir, 'in.mbox');
    const applying = patchMail(1, 1, 1, DATE).replace(
      ' config BAR\n-\tbool "bar 1"\n+\tbool "bar 2"',
      ' config FOO\n-\tbool "foo"\n+\tbool "foo 2"',
    );
    writeFileSync(mbox, applying);
    const cfg = config({ mbox });
    const faults: string[][] = [];
    for (let run = 0; run < 4; run++) {
      const r = await watch(['--config', cfg, '--json', '--now', '2024-01-03T00:00:00Z']);
      expect(r.status).toBe(0);
      faults.push(r.summary.faults as unknown as string[]);
    }
    expect(faults.map((f) => f.length)).toEqual([1, 1, 1, 0]);
    expect(faults[0]?.[0]).toMatch(
      /^Cannot review "kconfig: change 1" v1: Cannot run "make defconfig": can't find default configuration "arch\/x86\/configs\/defconfig"/,
    );
    expect(faults[2]?.[0]).toMatch(/; gave up after 3 attempts$/);
  });

  it.each([
    ['no --config', [], 'Cannot watch: no --config given'],
    ['a config without lists', ['--config', 'EMPTY'], '"lists" must name at least one list'],
    [
      '--once with --interval',
      ['--config', 'x', '--once', '--interval', '5'],
      '--once and --interval disagree',
    ],
  ])('kreview watch with %s is misuse (exit 2)', async (_name, args, message) => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ stateDir: 's', tree: '.', lists: [] }));
    let stderr = '';
    const status = await main(['watch', ...args.map((a) => (a === 'EMPTY' ? empty : a))], {
      stdout: { write: () => true },
      stderr: { write: (c: string) => (stderr += c) },
      stdin: Readable.from([]),
      env: {},
      cwd: dir,
    });
    expect(status).toBe(2);
    expect(stderr).toContain(message);
  });
});
