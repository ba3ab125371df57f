import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configDiff } from '../../../src/analyze/matrix/config-diff.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kreview-config-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** git's own hunks for the same two files (`git diff --no-index -U0`), headers dropped. */
function gitHunks(before: string, after: string): string {
  writeFileSync(path.join(dir, 'a'), before);
  writeFileSync(path.join(dir, 'b'), after);
  let out = '';
  try {
    execFileSync('git', ['diff', '--no-index', '-U0', '--no-color', 'a', 'b'], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: the files differ
  }
  // git adds the nearest "function" line after a hunk header; a .config has none to name.
  return out.slice(out.indexOf('@@')).replace(/^(@@ [^@]+ @@).*$/gm, '$1');
}

const before = [
  '#',
  '# Compression',
  '#',
  'CONFIG_KERNEL_GZIP=y',
  '# CONFIG_KERNEL_XZ is not set',
  'CONFIG_LOG_BUF_SHIFT=17',
  'CONFIG_VFIO=y',
  'CONFIG_VFIO_NOIOMMU=y',
  '',
].join('\n');
const after = [
  '#',
  '# Compression',
  '#',
  '# CONFIG_KERNEL_GZIP is not set',
  'CONFIG_KERNEL_XZ=y',
  'CONFIG_LOG_BUF_SHIFT=18',
  'CONFIG_VFIO=y',
  'CONFIG_VFIO_DEVICE_CDEV=y',
  '# CONFIG_VFIO_NOIOMMU is not set',
  '',
].join('\n');

describe('configDiff', () => {
  it('is undefined for equal .configs', () => {
    expect(configDiff('x86_64 defconfig', before, before)).toBeUndefined();
  });

  it('heads the diff with the target and has the hunks git writes', () => {
    const diff = configDiff('x86_64 defconfig', before, after) ?? '';
    const lines = diff.split('\n');
    expect(lines.slice(0, 2)).toEqual(['--- a/x86_64 defconfig', '+++ b/x86_64 defconfig']);
    expect(diff.slice(diff.indexOf('@@'))).toBe(gitHunks(before, after));
  });

  it('gives no diff when the texts differ in more edits than it will compute', () => {
    const many = (tag: string) =>
      Array.from({ length: 3000 }, (_, i) => `CONFIG_S${i}=${tag}`).join('\n');
    expect(configDiff('arm defconfig', many('y'), many('m'))).toBeUndefined();
  });

  it('cuts a long diff and says how many lines it left out', () => {
    const list = (tag: string) =>
      Array.from({ length: 600 }, (_, i) => `CONFIG_S${i}=${tag}`).join('\n');
    const diff = configDiff('arm defconfig', list('y'), `${list('y')}\n${list('m')}`) ?? '';
    const lines = diff.trimEnd().split('\n');
    expect(lines).toHaveLength(401);
    expect(lines.at(-1)).toMatch(/^\.\.\. \d+ more lines of diff not shown$/);
  });
});
