// The CLI's edges, as a user meets them through bin/kreview.js on the project's Node 24: misused
// options fail with exit status 2 before any work, naming the valid values; --version; and an
// internal error says how to report it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { KNOWN_ARCHES } from '../../src/commands/args.ts';
import { fixture, repoRoot } from '../ingest/helpers.ts';

const projectNode = path.join(repoRoot, 'node_modules/node/bin/node');
const NODE = existsSync(projectNode) ? projectNode : process.execPath;
const BIN = path.join(repoRoot, 'bin/kreview.js');
const VERSION = (
  JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
// A tree that does not exist: a check that ran after any work would fail on it instead.
const NO_TREE = path.join(repoRoot, 'no-such-tree');

function kreview(args: string[]) {
  const r = spawnSync(NODE, [BIN, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 15_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kreview misuse exits 2 before any work, listing the valid values', () => {
  const mbox = fixture('vfio-noiommu.mbox');
  for (const [name, args] of [
    ['review --arch sparc99', ['review', mbox, '--tree', NO_TREE, '--arch', 'sparc99']],
    ["review --arch ''", ['review', mbox, '--tree', NO_TREE, '--arch', '']],
    [
      'review --arch x86_64,sparc99',
      ['review', mbox, '--tree', NO_TREE, '--arch', 'x86_64,sparc99'],
    ],
    [
      'matrix --arch sparc99',
      [
        'matrix',
        '--tree',
        NO_TREE,
        '--rev',
        'v6.12',
        '--preset',
        'vfio-noiommu',
        '--arch',
        'sparc99',
      ],
    ],
    ['kconfig --arch sparc99', ['kconfig', 'allnoconfig', '--tree', NO_TREE, '--arch', 'sparc99']],
    ["kconfig --arch ''", ['kconfig', 'allnoconfig', '--tree', NO_TREE, '--arch', '']],
  ] as const) {
    it(name, () => {
      const { status, stderr } = kreview([...args]);
      expect(status).toBe(2);
      expect(stderr).toMatch(/unknown architecture "sparc99"|empty --arch/);
      expect(stderr).toContain(`give one of ${KNOWN_ARCHES.join(', ')}`);
      expect(stderr).toContain('x86_64, xtensa');
      expect(stderr).not.toMatch(/no-such-tree|Internal error/);
    });
  }

  for (const revision of ['abc', '0']) {
    it(`review --revision '${revision}'`, () => {
      const { status, stderr } = kreview([
        'review',
        mbox,
        '--tree',
        NO_TREE,
        '--revision',
        revision,
      ]);
      expect(status).toBe(2);
      expect(stderr).toContain(`invalid --revision "${revision}"`);
      expect(stderr).toContain('give a positive whole number, e.g. 2 or v2');
      expect(stderr).not.toMatch(/no-such-tree|Internal error/);
    });
  }
});

describe('kreview --version', () => {
  it('prints the version from package.json and exits 0', () => {
    for (const flag of ['--version', '-V']) {
      const { status, stdout, stderr } = kreview([flag]);
      expect({ status, stdout, stderr }).toEqual({
        status: 0,
        stdout: `kreview ${VERSION}\n`,
        stderr: '',
      });
    }
  });
});

describe('an unexpected internal error', () => {
  it('prints the stack and how to report it: the version and the command line', async () => {
    let stderr = '';
    const status = await main(['show', fixture('vfio-noiommu.mbox')], {
      stdout: {
        write: () => {
          throw new TypeError('boom in a test stdout');
        },
      },
      stderr: { write: (c: string) => (stderr += c) },
      stdin: Readable.from([]),
      env: {},
      cwd: repoRoot,
    }).catch(() => -1);
    expect(status).toBe(1);
    expect(stderr).toContain('kreview: Internal error: TypeError: boom in a test stdout');
    expect(stderr).toMatch(/\n {4}at /);
    expect(stderr).toContain('This is a bug in kreview. Please report it');
    expect(stderr).toContain(`version:      kreview ${VERSION} on Node ${process.versions.node}`);
    expect(stderr).toContain(`command line: kreview show ${fixture('vfio-noiommu.mbox')}`);
  });
});
