// Patch text is bytes: a patch whose context and added lines hold Latin-1 (not UTF-8) applies as
// git am applies it, whatever charset and transfer encoding the mail declares, in memory and with
// `git apply --cached`. git am itself, on a worktree of the same repository, is the reference.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { applySeries } from '../../src/git/apply.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { openRepo } from '../../src/git/repo.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';
import { applied, repoFactory } from '../helpers/apply-fixtures.ts';
import { runGit, type TestRepo, testGitEnv } from '../helpers/git-repo.ts';

const repoWith = repoFactory();

// A C file whose comment has "Grüße" in Latin-1: the ü and ß are single bytes, invalid UTF-8.
const BEFORE = Buffer.from(
  '/* Gr\xfc\xdfe aus M\xfcnchen */\nint a;\nint b;\nint c;\nint d;\nint e;\n',
  'latin1',
);
// The change is next to the comment (a context line) and adds a Latin-1 line of its own.
const AFTER = Buffer.from(
  '/* Gr\xfc\xdfe aus M\xfcnchen */\nint a;\n/* \xdcbergr\xf6\xdfe */\nint b2;\nint c;\nint d;\nint e;\n',
  'latin1',
);

function latin1Repo(): { repo: TestRepo; base: string; mbox: Buffer } {
  const repo = repoWith({ 'drivers/gruss.c': BEFORE });
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.commit('gruss: one more comment', { 'drivers/gruss.c': AFTER });
  // As bytes: format-patch writes the file's bytes into the mail as they are.
  const mbox = execFileSync('git', ['format-patch', '--stdout', `${base}..HEAD`], {
    cwd: repo.dir,
    env: testGitEnv(),
  });
  expect(mbox.includes(Buffer.from(' /* Gr\xfc\xdfe aus M\xfcnchen */\n', 'latin1'))).toBe(true);
  return { repo, base, mbox };
}

// The tree `git am` makes of the mbox on `base`, in a worktree of its own.
function gitAmTree(repo: TestRepo, base: string, mbox: Buffer): string {
  const wt = join(repo.dir, '.git', 'am-worktree');
  runGit(repo.dir, ['worktree', 'add', '-q', '--detach', wt, base]);
  try {
    execFileSync('git', ['am', '-q'], { cwd: wt, env: testGitEnv(), input: mbox });
    return runGit(wt, ['rev-parse', 'HEAD^{tree}']).trim();
  } finally {
    runGit(repo.dir, ['worktree', 'remove', '--force', wt]);
  }
}

async function kreviewApply(repo: TestRepo, base: string, mbox: Buffer, inMemory: boolean) {
  const { series } = await readMbox('-', Readable.from([mbox]));
  const first = series[0];
  if (first === undefined) throw new Error('the mbox holds no series');
  const env = gitEnvironment(process.env);
  const outcome = await applySeries(gitProcessPort(repo.dir, env), await openRepo(repo.dir, env), {
    patches: first.patches,
    baseCommit: undefined,
    base,
    inMemory,
  });
  return { outcome, patch: first.patches[0] };
}

// The mail as format-patch wrote it, and rewritten the ways mailers send 8-bit text.
const MAILS: [string, (mbox: Buffer) => Buffer][] = [
  ['as git format-patch writes it (8-bit, no charset)', (mbox) => mbox],
  ['declared ISO-8859-1', (mbox) => withHeaders(mbox, 'charset=ISO-8859-1', '8bit')],
  ['declared UTF-8 though it is not', (mbox) => withHeaders(mbox, 'charset=UTF-8', '8bit')],
  ['quoted-printable (=FC)', (mbox) => quotedPrintable(mbox)],
];

describe('a patch with Latin-1 bytes in its lines', () => {
  it.each(MAILS)(
    '%s: applies as git am applies it, in memory and through git apply',
    async (_name, mail) => {
      const { repo, base, mbox: written } = latin1Repo();
      const mbox = mail(written);
      const want = gitAmTree(repo, base, mbox);
      // git am's result is the author's file, byte for byte.
      expect(want).toBe(repo.git('rev-parse', 'HEAD^{tree}').trim());

      const fast = await kreviewApply(repo, base, mbox, true);
      const memory = applied(fast.outcome.patches[0]);
      expect(memory).toMatchObject({ via: 'memory', fit: 'exact' });
      expect(memory.tree).toBe(want);

      const reference = await kreviewApply(repo, base, mbox, false);
      const indexed = applied(reference.outcome.patches[0]);
      // Exact: not a 3-way merge that the preimage blob ids would rescue a mangled diff with.
      expect(indexed).toMatchObject({ via: 'git-apply', fit: 'exact' });
      expect(indexed.tree).toBe(want);
      expect(indexed.commit).toBe(memory.commit);

      // The bytes reach git; the parsed lines are the decoded text, for analysis and display.
      expect(fast.patch?.diff.includes(Buffer.from('+/* \xdcbergr\xf6\xdfe */\n', 'latin1'))).toBe(
        true,
      );
      const added = fast.patch?.files[0]?.hunks[0]?.lines.find((l) => l.kind === 'add');
      expect(added?.text).toMatch(/^\/\* .bergr.(ss|.)e \*\/$/);
    },
  );
});

// Gives the mail a MIME text/plain part with the charset and transfer encoding named.
function withHeaders(mbox: Buffer, charset: string, encoding: string): Buffer {
  const text = mbox.toString('latin1');
  const end = text.indexOf('\n\n');
  const headers = text
    .slice(0, end)
    .split('\n')
    .filter((l) => !/^(MIME-Version|Content-Type|Content-Transfer-Encoding):/i.test(l));
  headers.push(
    'MIME-Version: 1.0',
    `Content-Type: text/plain; ${charset}`,
    `Content-Transfer-Encoding: ${encoding}`,
  );
  return Buffer.from(`${headers.join('\n')}${text.slice(end)}`, 'latin1');
}

// The body quoted-printable: every 8-bit byte (and "=") as =XX; lines are short, no soft breaks.
function quotedPrintable(mbox: Buffer): Buffer {
  const declared = withHeaders(mbox, 'charset=ISO-8859-1', 'quoted-printable').toString('latin1');
  const end = declared.indexOf('\n\n');
  const body = declared
    .slice(end)
    .replace(
      /[=\x80-\xff]/g,
      (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
  expect(body).toContain('=FC');
  return Buffer.from(declared.slice(0, end) + body, 'latin1');
}
