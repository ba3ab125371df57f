import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

const TREE: Record<string, string> = {
  Makefile: 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 2\nEXTRAVERSION = -rc3\n',
  Kconfig:
    'mainmenu "Linux/$(ARCH) $(KERNELVERSION) Kernel Configuration"\n\nsource "arch/$(SRCARCH)/Kconfig"\n',
  'arch/x86/Kconfig':
    'config X86\n\tdef_bool y\n\nconfig FEATURE\n\tbool "feature"\n\tselect NEEDS_DEP\n\nconfig NEEDS_DEP\n\tbool\n\tdepends on OTHER\n\nconfig OTHER\n\tbool "other"\n',
  'arch/x86/Makefile':
    'ifeq ($(ARCH),x86)\n        KBUILD_DEFCONFIG := i386_defconfig\nelse\n        KBUILD_DEFCONFIG := $(ARCH)_defconfig\nendif\n',
  'arch/x86/configs/x86_64_defconfig': 'CONFIG_FEATURE=y\n',
};

function makeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kreview-kconfig-cmd-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const cache = mkdtempSync(path.join(tmpdir(), 'kreview-cache-'));
  const status = await main(argv, {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    stdin: Readable.from([]),
    env: { KREVIEW_CACHE: cache, PATH: process.env.PATH },
    cwd,
  });
  return { status, stdout, stderr };
}

const HEADER =
  '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 6.1.2-rc3 Kernel Configuration\n#\n';
const WARNING =
  '\nWARNING: unmet direct dependencies detected for NEEDS_DEP\n  Depends on [n]: OTHER [=n]\n  Selected by [y]:\n  - FEATURE [=y]\n';

describe('kreview kconfig', () => {
  it('writes defconfig from KBUILD_DEFCONFIG with conf warnings on stderr', async () => {
    const tree = makeTree(TREE);
    const r = await run(
      ['kconfig', 'defconfig', '--tree', tree, '--arch', 'x86_64', '--out', 'out.config'],
      tree,
    );
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(tree, 'out.config'), 'utf8')).toBe(
      `${HEADER}CONFIG_X86=y\nCONFIG_FEATURE=y\nCONFIG_NEEDS_DEP=y\n# CONFIG_OTHER is not set\n`,
    );
    // conf reads the defconfig (warning once), then writes (warning again, in menu order)
    expect(r.stderr).toBe(WARNING + WARNING);
    expect(r.stdout).toBe('');
  });

  it('reads Kconfig from a commit with --rev, not from the files in the directory', async () => {
    const tree = makeTree(TREE);
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', tree, ...args], { stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'base');
    writeFileSync(path.join(tree, 'arch/x86/Kconfig'), 'config X86\n\tdef_bool y\n');
    const r = await run(
      ['kconfig', 'allnoconfig', '--tree', tree, '--arch', 'x86_64', '--rev', 'HEAD'],
      tree,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `${HEADER}CONFIG_X86=y\n# CONFIG_FEATURE is not set\n# CONFIG_OTHER is not set\n`,
    );
  });

  it('never runs a command that only the --rev commit asks for: it is listed and counts as failed', async () => {
    const tree = makeTree(TREE);
    const marker = path.join(tree, 'ran');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', tree, ...args], { stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    writeFileSync(
      path.join(tree, 'arch/x86/Kconfig'),
      `if-success = $(shell,{ $(1); } >/dev/null 2>&1 && echo "$(2)" || echo "$(3)")\n${TREE['arch/x86/Kconfig']}\nconfig PROBED\n\tbool "probed"\n\tdefault $(if-success,touch ${marker},y,n)\n`,
    );
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'patched');
    // the directory itself is the base: the patch's command is not in it
    writeFileSync(path.join(tree, 'arch/x86/Kconfig'), TREE['arch/x86/Kconfig'] as string);
    const r = await run(
      ['kconfig', 'alldefconfig', '--tree', tree, '--arch', 'x86_64', '--rev', 'HEAD'],
      tree,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# CONFIG_PROBED is not set\n');
    expect(r.stderr).toContain(
      `command not answered by the toolchain profile (counted as failed): touch ${marker}\n`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('runs olddefconfig on --config', async () => {
    const tree = makeTree(TREE);
    writeFileSync(path.join(tree, 'in.config'), 'CONFIG_OTHER=y\n');
    const r = await run(
      ['kconfig', 'olddefconfig', '--tree', '.', '--arch', 'x86_64', '--config', 'in.config'],
      tree,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${HEADER}CONFIG_X86=y\n# CONFIG_FEATURE is not set\nCONFIG_OTHER=y\n`);
  });

  it.each([
    [
      'an unknown target',
      ['kconfig', 'bogusconfig', '--tree', '.', '--arch', 'x86_64'],
      'unknown target "bogusconfig"',
    ],
    ['no --arch', ['kconfig', 'allnoconfig', '--tree', '.'], '--arch is required'],
    ['no --tree', ['kconfig', 'allnoconfig', '--arch', 'x86_64'], '--tree is required'],
  ])('exits 2 for %s', async (_name, argv, message) => {
    const r = await run(argv, tmpdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('exits 1 when the directory has no Kconfig', async () => {
    const r = await run(
      ['kconfig', 'allnoconfig', '--tree', '.', '--arch', 'x86_64'],
      makeTree({ README: 'x\n' }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('has no Kconfig');
  });
});
