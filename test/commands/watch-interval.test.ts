// `kreview watch --interval`: a long-running watcher makes one pass per interval, and mail that
// arrives between passes is reviewed by the next one.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { patchMail } from '../watch/small-series.ts';
import { startWatch } from '../watch/watch-process.ts';

let dir: string;
let repo: TestRepo;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-interval-'));
  repo = makeRepo({ Kconfig: 'config FOO\n\tbool "foo"\n' });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  repo.remove();
});

describe('kreview watch --interval', () => {
  it('reviews mail that arrives between passes in the next pass', async () => {
    const date = 'Tue, 02 Jan 2024 03:00:00 +0000';
    const mbox = join(dir, 'in.mbox');
    writeFileSync(mbox, patchMail(1, 1, 1, date));
    const config = join(dir, 'watch.json');
    writeFileSync(
      config,
      JSON.stringify({
        stateDir: join(dir, 'state'),
        tree: repo.dir,
        from: 'Bot <bot@example.org>',
        // The patch does not apply to this tree: the short note is what is mailed for it.
        lists: [
          {
            name: 'kbuild',
            mbox,
            base: 'main',
            delivery: { mode: 'print' },
            policy: { replyOnApplyFailure: true },
          },
        ],
      }),
    );
    const summaries: string[] = [];
    const run = startWatch(
      ['--config', config, '--interval', '1', '--now', '2024-01-03T00:00:00Z'],
      (line, child) => {
        if (!line.startsWith('kreview: watch: ')) return;
        summaries.push(line);
        if (summaries.length === 1) appendFileSync(mbox, patchMail(2, 1, 1, date));
        if (summaries.length === 3) child.kill('SIGTERM');
      },
    );
    const done = await run.done;
    expect(done.signal).toBe('SIGTERM');
    expect(summaries.map((s) => /(\d+) series reviewed/.exec(s)?.[1])).toEqual(['1', '1', '0']);
    expect(done.stdout).toContain('In-Reply-To: <v1-1@example.org>');
    expect(done.stdout).toContain('In-Reply-To: <v2-1@example.org>');
  }, 60_000);
});
