import { describe, expect, it } from 'vitest';
import { parseDiff } from '../../src/ingest/diff-parse.ts';
import { splitPatchText } from '../../src/ingest/patch-text.ts';

const lines = (text: string) => text.split('\n');

type Want = { files: [string, string, string][]; problems: string[]; end: number };
const cases: [string, { given: string; want: Want }][] = [
  [
    'parseDiff() reports a hunk that ends early and keeps reading the next file',
    {
      given:
        'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,3 +1,3 @@\n x\n-y\ndiff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -1 +1 @@\n-p\n+q\n',
      want: {
        files: [
          ['modified', 'a', 'a'],
          ['modified', 'b', 'b'],
        ],
        problems: ['hunk "@@ -1,3 +1,3 @@" of "a" ends early: 1 old and 2 new lines missing'],
        end: 12,
      },
    },
  ],
  [
    'parseDiff() reports a hunk with more lines than its header counts',
    {
      given: 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n+z\n',
      want: {
        files: [['modified', 'a', 'a']],
        problems: ['a hunk of "a" has more lines than its header counts'],
        end: 6,
      },
    },
  ],
  [
    'parseDiff() reports a hunk header it cannot read',
    {
      given: 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -x +y @@\n-x\n',
      want: {
        files: [['modified', 'a', 'a']],
        problems: ['Cannot read hunk header "@@ -x +y @@" of "a"'],
        end: 4,
      },
    },
  ],
  [
    'parseDiff() reads a diff without diff --git (quilt style) and stops at the signature',
    {
      given: '--- a/x.c\t2023-01-01\n+++ b/x.c\t2023-01-02\n@@ -1 +1 @@\n-- \n+-\n-- \n2.43.0\n',
      want: { files: [['modified', 'x.c', 'x.c']], problems: [], end: 5 },
    },
  ],
  [
    'parseDiff() reads C-quoted paths with spaces and UTF-8',
    {
      given:
        'diff --git "a/sp ace/t\\303\\244st" "b/sp ace/t\\303\\244st"\nnew file mode 100644\n--- /dev/null\n+++ "b/sp ace/t\\303\\244st"\n@@ -0,0 +1 @@\n+x\n',
      want: { files: [['added', 'sp ace/täst', 'sp ace/täst']], problems: [], end: 6 },
    },
  ],
  [
    'parseDiff() takes an empty line inside a hunk as an empty context line (a mailer ate the space)',
    {
      given: 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,3 +1,3 @@\n x\n\n-y\n+z\n',
      want: { files: [['modified', 'a', 'a']], problems: [], end: 8 },
    },
  ],
];

describe('parseDiff()', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const parsed = parseDiff(lines(given), 0);
    expect(parsed.files.map((f) => [f.change, f.oldPath, f.newPath])).toEqual(want.files);
    expect(parsed.problems).toEqual(want.problems);
    expect(parsed.end).toBe(want.end);
  });

  it('a hunk deleting a line "- " is not mistaken for the signature', () => {
    const parsed = parseDiff(lines('--- a/x.c\n+++ b/x.c\n@@ -1 +0,0 @@\n-- \n-- \n2.43.0\n'), 0);
    expect(parsed.files[0]?.hunks[0]?.lines).toEqual([
      { kind: 'del', text: '- ', oldLine: 1, newLine: undefined },
    ]);
    expect(parsed.end).toBe(4);
  });
});

describe('splitPatchText()', () => {
  it('splits message, notes after ---, diff and the base-commit after it', () => {
    const text = splitPatchText(
      [
        'Summary body.',
        '',
        'Signed-off-by: A <a@example.org>',
        '---',
        'v2: notes for reviewers',
        ' a | 1 +',
        '',
        'diff --git a/a b/a',
        '--- a/a',
        '+++ b/a',
        '@@ -0,0 +1 @@',
        '+x',
        '',
        'base-commit: 0123456789abcdef0123456789abcdef01234567',
        'prerequisite-patch-id: 89abcdef0123456789abcdef0123456789abcdef',
        '-- ',
        '2.43.0',
        '',
      ].join('\n'),
    );
    expect(text.message).toBe('Summary body.\n\nSigned-off-by: A <a@example.org>');
    expect(text.diff.toString()).toBe('diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -0,0 +1 @@\n+x\n');
    expect(text.baseCommit).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(text.prerequisitePatchIds).toEqual(['89abcdef0123456789abcdef0123456789abcdef']);
  });
});
