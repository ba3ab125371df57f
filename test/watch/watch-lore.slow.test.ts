// `kreview watch` against a real public-inbox on 127.0.0.1 fed with real 2023 kbuild mail in two
// batches, replies sent to a real SMTP server: the second run reviews only what is new, a repost
// of a revision is not reviewed again, and a third run with no new mail does nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelTree } from '../helpers/kernel-series.ts';
import { CORPUS, missingShared } from '../helpers/shared-data.ts';
import type { CorpusMail } from './corpus-batches.ts';
import { FIRST_NOW, kbuildThreads, patchIds, SECOND_NOW, writeConfig } from './lore-setup.ts';
import {
  createInbox,
  ensurePublicInbox,
  importMessages,
  refreshInbox,
  serveInbox,
  stopInbox,
  type TestInbox,
} from './public-inbox.ts';
import { type SmtpSink, startSmtpSink, startWatch } from './watch-process.ts';

const skip = missingShared('the lore watcher tests', CORPUS);

let dir: string;
let inbox: TestInbox;
let sink: SmtpSink;
let config: string;
let tree: string;
let batches: { first: CorpusMail[]; second: CorpusMail[]; repost: Buffer };

beforeAll(async () => {
  if (skip) return;
  if (!ensurePublicInbox())
    throw new Error('public-inbox is not installed and cannot be (not root)');
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-'));
  batches = await kbuildThreads();
  inbox = createInbox(join(dir, 'pi'), 'linux-kbuild');
  importMessages(
    inbox,
    batches.first.map((m) => m.raw),
    new Date(),
  );
  const url = await serveInbox(inbox);
  sink = await startSmtpSink();
  tree = kernelTree();
  config = writeConfig(dir, { url, tree, smtpPort: sink.port });
}, 300_000);

afterAll(async () => {
  if (skip) return;
  await stopInbox(inbox);
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  reviewed: number;
  repeats: number;
  delivered: number;
  faults: string[];
  state: { written: number; delivered: number };
}

async function watchOnce(
  now: string,
): Promise<{ code: number | null; summary: Summary; stderr: string }> {
  const run = await startWatch(['--config', config, '--now', now, '--json']).done;
  return { code: run.code, summary: JSON.parse(run.stdout) as Summary, stderr: run.stderr };
}

describe.skipIf(skip)('kreview watch on a public-inbox', () => {
  it('reviews the first batch: hostaudio v1 and v2, one summary reply each at least', async () => {
    const { code, summary, stderr } = await watchOnce(FIRST_NOW);
    expect(code, stderr).toBe(0);
    expect(summary.reviewed).toBe(2);
    expect(summary.faults).toEqual([]);
    expect(summary.delivered).toBe(sink.accepted.length);
    expect(new Set(sink.accepted).size).toBe(sink.accepted.length);
    const answered = [...new Set(sink.inReplyTo.values())].sort();
    expect(answered).toEqual(patchIds(batches.first));
    expect(stderr).toMatch(/^kreview: watch: 1 of 1 list\(s\) read, .*2 series reviewed/m);
  }, 300_000);

  it('reviews only what is new in the second batch; the repost of v2 is not reviewed again', async () => {
    const before = sink.accepted.length;
    importMessages(inbox, [...batches.second.map((m) => m.raw), batches.repost], new Date());
    await refreshInbox(
      inbox,
      `resend-${batches.first.find((m) => /v2\]/.test(m.message.headers.subject))?.message.id}`,
    );
    const { code, summary, stderr } = await watchOnce(SECOND_NOW);
    expect(code, stderr).toBe(0);
    // v3, v4, v5 of hostaudio and the usr/Kconfig typo fix.
    expect(summary.reviewed, stderr).toBe(4);
    expect(summary.repeats).toBeGreaterThanOrEqual(1);
    expect(summary.faults).toEqual([]);
    const fresh = sink.accepted.slice(before);
    expect(fresh.length).toBe(summary.delivered);
    expect(new Set(sink.accepted).size).toBe(sink.accepted.length);
    const answered = [...new Set(fresh.map((id) => sink.inReplyTo.get(id)))].sort();
    expect(answered).toEqual(patchIds(batches.second));
  }, 300_000);

  it('does nothing on a run without new mail', async () => {
    const before = sink.accepted.length;
    const { code, summary } = await watchOnce(SECOND_NOW);
    expect(code).toBe(0);
    expect(summary.reviewed).toBe(0);
    expect(summary.delivered).toBe(0);
    expect(summary.state.written).toBe(0);
    expect(sink.accepted.length).toBe(before);
  }, 300_000);

  it('reads new.atom for an inbox without search: the same series, each once', async () => {
    const atomSink = await startSmtpSink();
    try {
      const atomConfig = writeConfig(dir, {
        url: inbox.url,
        tree,
        smtpPort: atomSink.port,
        stateDir: 'atom',
        feed: 'atom',
      });
      const run = await startWatch(['--config', atomConfig, '--now', SECOND_NOW, '--json']).done;
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout) as Summary;
      // hostaudio v1–v5 and the usr/Kconfig fix; the repost of v2 is the same series as v2.
      expect(summary.reviewed).toBe(6);
      expect(summary.repeats).toBeGreaterThanOrEqual(1);
      expect([...atomSink.accepted].sort()).toEqual([...sink.accepted].sort());
    } finally {
      await atomSink.close();
    }
  }, 300_000);
});
