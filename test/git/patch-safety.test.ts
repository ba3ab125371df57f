import { describe, expect, it } from 'vitest';
import { checkPatchSafety, pathProblem } from '../../src/git/patch-safety.ts';

describe('pathProblem()', () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ['accepts an ordinary kernel path', { given: 'drivers/vfio/Kconfig', want: undefined }],
    [
      'accepts .gitignore, which only starts like .git',
      { given: 'tools/.gitignore', want: undefined },
    ],
    [
      'accepts /dev/null, the side of a new or deleted file',
      { given: '/dev/null', want: undefined },
    ],
    [
      'refuses ".." anywhere',
      { given: 'a/b/../../../x', want: 'path climbs out of the tree ("..")' },
    ],
    ['refuses an absolute path', { given: '/etc/passwd', want: 'absolute path' }],
    ['refuses .git as a component', { given: 'x/.git/config', want: 'path leads into ".git"' }],
    [
      'refuses .Git in mixed case',
      { given: '.Git/hooks/pre-push', want: 'path leads into ".git"' },
    ],
    [
      'refuses ".git." (the same name on Windows)',
      { given: '.git./config', want: 'path leads into ".git"' },
    ],
    ['refuses the 8.3 short name GIT~1', { given: 'GIT~1/config', want: 'path leads into ".git"' }],
    ['refuses a newline in a name', { given: 'a\nb', want: 'path contains a control character' }],
  ];
  it.each(cases)('pathProblem() %s', (_name, { given, want }) => {
    expect(pathProblem(given)).toBe(want);
  });
});

describe('checkPatchSafety()', () => {
  const cases: [string, { given: string; want: { path: string; reason: string }[] }][] = [
    [
      'passes an ordinary diff',
      {
        given:
          'diff --git a/x.c b/x.c\nindex 1234567..89abcde 100644\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n',
        want: [],
      },
    ],
    [
      'reads C-quoted names the way git writes them',
      {
        given:
          'diff --git "a/\\056git/x" "b/\\056git/x"\nnew file mode 100644\n--- /dev/null\n+++ "b/\\056git/x"\n',
        want: [{ path: '.git/x', reason: 'path leads into ".git"' }],
      },
    ],
    [
      'checks rename targets',
      {
        given: 'diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to ../y\n',
        want: [{ path: '../y', reason: 'path climbs out of the tree ("..")' }],
      },
    ],
    [
      'names the file that becomes a symlink',
      {
        given:
          'diff --git a/lnk b/lnk\nnew file mode 120000\n--- /dev/null\n+++ b/lnk\n@@ -0,0 +1 @@\n+/etc\n',
        want: [{ path: 'lnk', reason: 'symbolic links are not applied (mode 120000)' }],
      },
    ],
  ];
  it.each(cases)('checkPatchSafety() %s', (_name, { given, want }) => {
    expect(checkPatchSafety(Buffer.from(given))).toEqual(want);
  });

  it('checkPatchSafety() refuses a 65 MiB diff by its size alone at the default cap', () => {
    const huge = `diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n x\n+${'y'.repeat(65 * 1024 * 1024)}\n`;
    expect(checkPatchSafety(Buffer.from(huge))).toEqual([
      { path: '', reason: `diff is ${huge.length} bytes, more than the limit of 67108864` },
    ]);
  });
});
