// Crash safety of `kreview watch`: runs killed with SIGKILL while fetching, while reviewing, after
// the replies were written but before delivery, and in the middle of delivery; the next run
// finishes the work, and the SMTP server ends up with exactly the replies of an uninterrupted
// run, none twice. Two runs started together: exactly one works.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelTree } from '../helpers/kernel-series.ts';
import { CORPUS, missingShared } from '../helpers/shared-data.ts';
import { kbuildThreads, SECOND_NOW, writeConfig } from './lore-setup.ts';
import {
  createInbox,
  ensurePublicInbox,
  importMessages,
  serveInbox,
  stopInbox,
  type TestInbox,
} from './public-inbox.ts';
import { type SmtpSink, startSmtpSink, startWatch } from './watch-process.ts';

const skip = missingShared('the watcher crash tests', CORPUS);

let dir: string;
let inbox: TestInbox;
let url: string;
let tree: string;
const sinks: SmtpSink[] = [];

beforeAll(async () => {
  if (skip) return;
  if (!ensurePublicInbox())
    throw new Error('public-inbox is not installed and cannot be (not root)');
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-crash-'));
  const batches = await kbuildThreads();
  inbox = createInbox(join(dir, 'pi'), 'linux-kbuild');
  importMessages(
    inbox,
    [...batches.first, ...batches.second].map((m) => m.raw),
    new Date(),
  );
  url = await serveInbox(inbox);
  tree = kernelTree();
}, 300_000);

afterAll(async () => {
  if (skip) return;
  await stopInbox(inbox);
  await Promise.all(sinks.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function setup(stateDir: string): Promise<{ sink: SmtpSink; config: string }> {
  const sink = await startSmtpSink();
  sinks.push(sink);
  return { sink, config: writeConfig(dir, { url, tree, smtpPort: sink.port, stateDir }) };
}

const kill = (child: ChildProcess) => child.kill('SIGKILL');

describe.skipIf(skip)('kreview watch killed with SIGKILL', () => {
  it('finishes the work on the next run: every reply delivered once, none lost', async () => {
    const reference = await setup('reference');
    const clean = await startWatch(['--config', reference.config, '--now', SECOND_NOW]).done;
    expect(clean.code, clean.stderr).toBe(0);
    const expected = [...reference.sink.accepted].sort();
    expect(expected.length).toBeGreaterThanOrEqual(6);

    const { sink, config } = await setup('crashed');
    const args = ['--config', config, '--now', SECOND_NOW];
    // 1: while fetching the first thread.
    const fetching = await startWatch(args, (line, child) => {
      if (/fetching the thread/.test(line)) kill(child);
    }).done;
    expect(fetching.signal).toBe('SIGKILL');
    // 2: while reviewing the second series.
    let reviews = 0;
    const reviewing = await startWatch(args, (line, child) => {
      if (/: reviewing "/.test(line) && ++reviews === 2) kill(child);
    }).done;
    expect(reviewing.signal).toBe('SIGKILL');
    expect(sink.accepted).toEqual([]);
    // 3: replies written, killed as it connects to deliver them.
    const connecting = startWatch(args);
    sink.onConnect = () => kill(connecting.child);
    expect((await connecting.done).signal).toBe('SIGKILL');
    expect(sink.accepted).toEqual([]);
    // 4: killed while delivering, before the server accepted the second message.
    let messages = 0;
    const delivering = startWatch(args);
    sink.onConnect = undefined;
    sink.onMessage = () => {
      if (++messages < 2) return false;
      kill(delivering.child);
      return true;
    };
    expect((await delivering.done).signal).toBe('SIGKILL');
    expect(sink.accepted.length).toBe(1);
    sink.onMessage = undefined;
    // 5: the next run finishes.
    const last = await startWatch([...args, '--json']).done;
    expect(last.code, last.stderr).toBe(0);
    const summary = JSON.parse(last.stdout) as { state: { written: number; reviews: number } };
    expect(summary.state.written).toBe(0);
    expect([...sink.accepted].sort()).toEqual(expected);
    expect(new Set(sink.accepted).size).toBe(sink.accepted.length);
  }, 600_000);

  it('lets exactly one of two runs started together work', async () => {
    const { config } = await setup('together');
    const args = ['--config', config, '--now', SECOND_NOW];
    const [a, b] = await Promise.all([startWatch(args).done, startWatch(args).done]);
    const refused = [a, b].filter((r) => /another run is active/.test(r.stderr));
    const worked = [a, b].filter((r) => /kreview: watch: 1 of 1 list/.test(r.stderr));
    expect(refused.length).toBe(1);
    expect(worked.length).toBe(1);
    expect(refused[0]?.code).toBe(1);
    expect(worked[0]?.code).toBe(0);
  }, 600_000);
});
