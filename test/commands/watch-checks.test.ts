// `kreview watch` posting Patchwork checks for each review, to a stand-in that checks every
// request against Patchwork's published schema: posted once, not again on the next run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import {
  patchwork,
  schemaMissing,
  stopPatchworks,
  TOKEN,
} from '../sources/patchwork/patchwork-server.ts';
import { patchMail } from '../watch/small-series.ts';

const skip = schemaMissing('the watch Patchwork-checks tests');

let dir: string;
let repo: TestRepo;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kreview-watch-checks-'));
  repo = makeRepo({ Kconfig: 'config FOO\n\tbool "foo"\n' });
});
afterEach(async () => {
  await stopPatchworks();
  rmSync(dir, { recursive: true, force: true });
  repo.remove();
});

async function watch(config: string, env: Record<string, string>) {
  let stderr = '';
  const status = await main(['watch', '--config', config, '--now', '2024-01-03T00:00:00Z'], {
    stdout: { write: () => true },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env,
    cwd: dir,
  });
  return { status, stderr };
}

describe.skipIf(skip)('kreview watch with Patchwork checks', () => {
  it('posts one check per patch of each review, once', async () => {
    const pw = await patchwork({ 41: 'v1-1@example.org' });
    const mbox = join(dir, 'in.mbox');
    writeFileSync(mbox, patchMail(1, 1, 1, 'Tue, 02 Jan 2024 03:00:00 +0000'));
    const config = join(dir, 'watch.json');
    writeFileSync(
      config,
      JSON.stringify({
        stateDir: 'state',
        tree: repo.dir,
        from: 'Bot <bot@example.org>',
        lists: [
          {
            name: 'kbuild',
            mbox,
            base: 'main',
            delivery: { mode: 'outbox', outbox: 'out', patchwork: pw.url },
          },
        ],
      }),
    );
    const first = await watch(config, { KREVIEW_PATCHWORK_TOKEN: TOKEN });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('1 check(s) posted');
    expect(pw.log.filter((l) => !l.checked.ok)).toEqual([]);
    // It does not apply to the configured base (not the author's): a warning, not a failure.
    expect(pw.checks).toMatchObject([{ patch: 41, context: 'kreview-kconfig', state: 'warning' }]);
    const second = await watch(config, { KREVIEW_PATCHWORK_TOKEN: TOKEN });
    expect(second.status).toBe(0);
    expect(pw.checks.length).toBe(1);
    const tokenless = await watch(config, {});
    expect(tokenless.status).toBe(2);
    expect(tokenless.stderr).toContain('Cannot post checks for "kbuild": no Patchwork token');
  });
});
