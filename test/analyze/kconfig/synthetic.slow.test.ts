// The engine against the kernel's own conf on random small Kconfig trees (synthetic-tree.ts):
// every target, byte for byte in .config, stderr and stdout. Where the 6.12 tree exercises few warnings,
// these trees raise unmet-dependency warnings, choices, ranges and m/y rewrites in many shapes.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfTarget, loadKconfig } from '../../../src/analyze/kconfig/engine.ts';
import { memoryFiles } from '../../../src/analyze/kconfig/files.ts';
import { LINUX_6_12_LANGUAGE } from '../../../src/analyze/kconfig/language.ts';
import { kernelSetup } from '../../../tools/oracle/kernel-setup.ts';
import { type SyntheticShape, syntheticCase } from './synthetic-tree.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const CASES = Number.parseInt(process.env.KREVIEW_SYNTHETIC_CASES ?? '60', 10);
const TARGETS: readonly ConfTarget[] = [
  'olddefconfig',
  'allnoconfig',
  'allyesconfig',
  'allmodconfig',
  'alldefconfig',
  'savedefconfig',
];
let conf: string;
let work: string;

beforeAll(async () => {
  conf = (await kernelSetup(repoRoot)).conf;
  work = await mkdtemp(path.join(os.tmpdir(), 'kreview-synthetic-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Runs the kernel's conf on the tree in `dir`; the result file and what conf printed on stderr.
async function runConf(dir: string, target: ConfTarget, input: string | undefined) {
  await rm(path.join(dir, '.config'), { force: true });
  if (input !== undefined) await writeFile(path.join(dir, '.config'), input);
  const mode = target === 'savedefconfig' ? '--savedefconfig=defconfig' : `--${target}`;
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    KCONFIG_AUTOCONFIG: 'auto.conf',
    KCONFIG_AUTOHEADER: 'autoconf.h',
    KCONFIG_RUSTCCFG: 'rustc_cfg',
  };
  const r = spawnSync(conf, [mode, 'Kconfig'], { cwd: dir, env, encoding: 'latin1' });
  if (r.status !== 0) throw new Error(`conf ${mode} failed: ${r.stderr}`);
  const out = await readFile(
    path.join(dir, target === 'savedefconfig' ? 'defconfig' : '.config'),
    'latin1',
  );
  return { config: out, stderr: r.stderr, stdout: r.stdout };
}

const SHAPES: readonly [string, SyntheticShape][] = [
  ['dependencies forward', {}],
  ['dependencies backward (automatic submenus)', { reverse: true }],
  ['backward, with properties conf warns about', { reverse: true, badProps: true }],
];

describe('synthetic Kconfig trees agree with conf', () => {
  it.each(SHAPES)(
    `run() matches conf on ${CASES} random trees, every target: %s`,
    async (label, shape) => {
      let warned = 0;
      const disagreements: string[] = [];
      for (let seed = 1; seed <= CASES; seed++) {
        const { kconfig, config } = syntheticCase(seed * 7919, shape);
        const dir = path.join(work, `${label.length}-case-${seed}`);
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir);
        await writeFile(path.join(dir, 'Kconfig'), kconfig);
        // The trees carry no scripts/kconfig to probe: say they are read as 6.12's conf reads.
        const k = await loadKconfig(
          memoryFiles({ Kconfig: kconfig }),
          { arch: 'x86_64', language: LINUX_6_12_LANGUAGE },
          { commands: new Map() },
        );
        for (const target of TARGETS) {
          const input =
            target === 'olddefconfig' || target === 'savedefconfig' ? config : undefined;
          const want = await runConf(dir, target, input);
          const got = k.run(target, input === undefined ? {} : { config: input });
          if (want.stderr.includes('WARNING')) warned++;
          const stdout = k.info.map((l) => `${l}\n`).join('') + got.stdout;
          if (got.config !== want.config || got.stderr !== want.stderr || stdout !== want.stdout)
            disagreements.push(`seed ${seed * 7919} ${target}`);
        }
      }
      expect(disagreements).toEqual([]);
      // the cases are only worth something if conf warned in a good share of them
      expect(warned).toBeGreaterThan(CASES / 4);
    },
    300_000,
  );
});
