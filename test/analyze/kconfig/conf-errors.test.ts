import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CONF = path.join(homedir(), '.cache/kreview/linux-6.12-build/scripts/kconfig/conf');
const KREVIEW_CONF = path.resolve(import.meta.dirname, '../../../bin/kreview-conf');

function run(cmd: string, args: string[], cwd: string): Promise<{ stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, srctree: cwd } }, (error, _out, stderr) =>
      resolve({ stderr, code: error === null ? 0 : Number(error.code ?? 1) }),
    );
  });
}

async function bothOn(kconfig: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kreview-conf-errors-'));
  try {
    await writeFile(path.join(dir, 'Kconfig'), kconfig);
    const conf = await run(CONF, ['--alldefconfig', 'Kconfig'], dir);
    const engine = await run(process.execPath, [KREVIEW_CONF, '--alldefconfig', 'Kconfig'], dir);
    return { conf, engine };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!existsSync(CONF))('kreview-conf errors match 6.12 conf byte for byte', () => {
  it('a recursive dependency prints conf text alone, with no kreview line', async () => {
    const { conf, engine } = await bothOn(
      'config A\n\tbool "a"\n\tdepends on B\n\nconfig B\n\tbool "b"\n\tdepends on A\n',
    );
    expect(conf.stderr).toContain('error: recursive dependency detected!');
    expect(engine).toEqual(conf);
  });
});
