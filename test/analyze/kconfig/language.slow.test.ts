// The recorded answers of language-cases.ts against the two real conf binaries (6.12 and 7.3),
// and kreview-conf with each tree's language probed from its scripts/kconfig sources
// (KREVIEW_KCONFIG_SOURCES) against the same binaries.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfCompat } from '../../../tools/conf/conf-compat.ts';
import { kernelSetup } from '../../../tools/oracle/kernel-setup.ts';
import { type ConfAnswer, LANGUAGE_CASES } from './language-cases.ts';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const setup = await kernelSetup(repoRoot);
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kreview-language-'));
});
afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

async function realConf(conf: string, dir: string): Promise<ConfAnswer> {
  const env = { PATH: '/usr/bin:/bin', srctree: '.', LC_ALL: 'C' };
  return execFileAsync(conf, ['--olddefconfig', 'Kconfig'], { cwd: dir, env }).then(
    (r) => ({ status: 0, stderr: r.stderr }),
    (e: { code?: number; stderr?: string }) => ({ status: e.code ?? -1, stderr: e.stderr ?? '' }),
  );
}

async function kreviewConf(tree: string, dir: string): Promise<ConfAnswer> {
  let stderr = '';
  const status = await runConfCompat(['--olddefconfig', 'Kconfig'], {
    stdout: { write: () => true },
    stderr: {
      write: (c: string) => {
        stderr += c;
        return true;
      },
    },
    stdin: Readable.from([]),
    env: { srctree: '.', KREVIEW_KCONFIG_SOURCES: tree },
    cwd: dir,
  });
  return { status, stderr };
}

describe.each(LANGUAGE_CASES)('$name', (c) => {
  const kernels = [
    ['6.12', setup.conf, setup.tree, c.conf612],
    ['7.3', setup.conf73, setup.tree73, c.conf73],
  ] as const;
  it.each(kernels)(
    '%s: conf answers as recorded, and kreview-conf as conf',
    async (v, conf, tree, recorded) => {
      if (conf === undefined || tree === undefined)
        throw new Error(`no ${v} tree: run scripts/kernel-setup.sh`);
      const dir = path.join(work, `${c.name}-${v}`);
      await execFileAsync('mkdir', ['-p', dir]);
      await writeFile(path.join(dir, 'Kconfig'), c.kconfig);
      for (const [name, text] of Object.entries(c.files ?? {}))
        await writeFile(path.join(dir, name), text);
      const want = await realConf(conf, dir);
      expect(want).toEqual(recorded);
      await rm(path.join(dir, '.config'), { force: true });
      expect(await kreviewConf(tree, dir)).toEqual(want);
    },
  );
});
