// The kernel's own Kconfig test suite (scripts/kconfig/tests, pytest) of both trees (6.12 and 7.3)
// run against kreview through bin/kreview-conf, a conf-compatible command, with each tree's
// Kconfig language (KREVIEW_KCONFIG_SOURCES). conftest.py runs "scripts/kconfig/conf" relative to
// pytest's working directory, so the suite is copied into a temp dir whose scripts/kconfig/conf is
// a wrapper around kreview-conf (and, as a control, the tree's real conf).
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelSetup } from '../../../tools/oracle/kernel-setup.ts';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const node = process.execPath;
const setup = await kernelSetup(repoRoot);
const TREES = [
  ['6.12', setup.tree, setup.conf],
  ['7.3', setup.tree73, setup.conf73],
] as const;

let work: string;

async function findPython(): Promise<string | undefined> {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const ok = await execFileAsync(candidate, ['-c', 'import pytest']).then(
      () => true,
      () => false,
    );
    if (ok) return candidate;
  }
  return undefined;
}
const python = await findPython();
if (python === undefined)
  console.info(
    "kernel-suite: skipped: no python3 with pytest (apt-get install python3-pytest) to run the kernel's Kconfig tests",
  );

/** Runs a tree's suite with `conf` as scripts/kconfig/conf; returns each case's outcome and the log. */
async function runSuite(
  name: string,
  tree: string,
  conf: string,
): Promise<{ outcomes: Map<string, string>; log: string }> {
  const dir = path.join(work, name);
  await mkdir(path.join(dir, 'scripts/kconfig'), { recursive: true });
  await cp(path.join(tree, 'scripts/kconfig/tests'), path.join(dir, 'scripts/kconfig/tests'), {
    recursive: true,
  });
  const wrapper = path.join(dir, 'scripts/kconfig/conf');
  await writeFile(wrapper, `#!/bin/sh\nexec ${conf} "$@"\n`);
  await chmod(wrapper, 0o755);
  const args = ['-B', '-m', 'pytest', 'scripts/kconfig/tests', '-p', 'no:cacheprovider', '-v'];
  const run = await execFileAsync(python as string, args, {
    cwd: dir,
    env: { ...process.env, KREVIEW_KCONFIG_SOURCES: tree },
    maxBuffer: 16 << 20,
    timeout: 600_000,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const outcomes = new Map<string, string>();
  for (const m of run.stdout.matchAll(
    /^scripts\/kconfig\/tests\/(\S+)\/__init__\.py::(\S+) (PASSED|FAILED|ERROR)/gm,
  )) {
    outcomes.set(`${m[1]}::${m[2]}`, m[3] as string);
  }
  return { outcomes, log: run.stdout + run.stderr };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kreview-kconfig-suite-'));
});

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe.skipIf(python === undefined).each(TREES)(
  "the %s kernel's Kconfig test suite",
  (v, tree, conf) => {
    let control: Map<string, string>;

    it("passes every case with the tree's own conf (the harness works)", async () => {
      if (tree === undefined || conf === undefined)
        throw new Error(`no ${v} tree: run scripts/kernel-setup.sh`);
      const { outcomes, log } = await runSuite(`conf-${v}`, tree, conf);
      control = outcomes;
      expect(outcomes.size, log).toBeGreaterThanOrEqual(16);
      expect(
        [...outcomes.values()].every((o) => o === 'PASSED'),
        log,
      ).toBe(true);
    }, 300_000);

    it('passes every case with kreview-conf', async () => {
      if (tree === undefined) throw new Error(`no ${v} tree: run scripts/kernel-setup.sh`);
      const { outcomes, log } = await runSuite(
        `kreview-${v}`,
        tree,
        `"${node}" "${path.join(repoRoot, 'bin/kreview-conf')}"`,
      );
      const failed = [...outcomes].filter(([, o]) => o !== 'PASSED').map(([n]) => n);
      console.info(
        `kreview-conf passes ${outcomes.size - failed.length} of ${outcomes.size} ${v} Kconfig tests`,
      );
      expect([...outcomes.keys()].sort(), log).toEqual([...(control ?? outcomes).keys()].sort());
      expect(failed, log).toEqual([]);
    }, 600_000);
  },
);
