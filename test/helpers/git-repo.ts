// Small real git repositories in temp dirs, built from inline file trees, for the git tier tests.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Series } from '../../src/domain/series.ts';
import { applySeries } from '../../src/git/apply.ts';
import type { ApplyOutcome } from '../../src/git/apply-outcome.ts';
import { gitEnvironment, gitProcessPort } from '../../src/git/process-port.ts';
import { openRepo } from '../../src/git/repo.ts';
import { readMbox } from '../../src/sources/mbox-file.ts';

/** A file's content, or content with a mode (`100755`), or null to delete it. */
export type FileSpec =
  | string
  | Buffer
  | { content: string | Buffer; mode: '100644' | '100755' }
  | null;

/** A temp repository and the git commands tests use on it. */
export interface TestRepo {
  readonly dir: string;
  git(...args: string[]): string;
  /** Writes the files (null deletes), stages everything and commits; returns the commit id. */
  commit(message: string, files: Record<string, FileSpec>, date?: string): string;
  remove(): void;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'A U Thor',
  GIT_AUTHOR_EMAIL: 'author@example.org',
  GIT_COMMITTER_NAME: 'C O Mitter',
  GIT_COMMITTER_EMAIL: 'committer@example.org',
};

/** The environment test git commands run with: no user config, fixed identities. */
export function testGitEnv(date = '2024-01-02T03:04:05Z'): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    ...IDENTITY,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}

/** Runs git in `dir` and returns stdout. */
export function runGit(dir: string, args: readonly string[], env = testGitEnv()): string {
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** A new repository (branch main) whose first commit holds `files`. */
export function makeRepo(files: Record<string, FileSpec>): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'kreview-test-repo-'));
  runGit(dir, ['init', '-q', '-b', 'main']);
  runGit(dir, ['config', 'core.autocrlf', 'false']);
  const repo: TestRepo = {
    dir,
    git: (...args) => runGit(dir, args),
    commit(message, changes, date) {
      writeTree(dir, changes);
      runGit(dir, ['add', '-A', '-f', '.']);
      runGit(dir, ['commit', '-q', '--allow-empty', '-m', message], testGitEnv(date));
      return runGit(dir, ['rev-parse', 'HEAD']).trim();
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  repo.commit('Initial tree', files);
  return repo;
}

function writeTree(dir: string, files: Record<string, FileSpec>): void {
  for (const [path, spec] of Object.entries(files)) {
    const full = join(dir, path);
    if (spec === null) {
      rmSync(full, { force: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    const isPlain = typeof spec === 'string' || Buffer.isBuffer(spec);
    writeFileSync(full, isPlain ? spec : spec.content);
    chmodSync(full, !isPlain && spec.mode === '100755' ? 0o755 : 0o644);
  }
}

/** `git format-patch --stdout` of a range, as mbox text. */
export function formatPatch(repo: TestRepo, range: string, extra: string[] = []): string {
  return repo.git('format-patch', '--stdout', '--binary', '--thread=shallow', ...extra, range);
}

/** Reads mbox text through kreview's ingest and returns the first series. */
export async function seriesOf(mbox: string): Promise<Series> {
  const { series } = await readMbox('-', Readable.from([Buffer.from(mbox)]));
  const first = series[0];
  if (first === undefined) throw new Error('the mbox holds no series');
  return first;
}

/**
 * A fingerprint of everything apply must leave alone: HEAD, every ref, the index file and the
 * work tree (names, modes, contents). Objects are not in it: apply adds objects, nothing else.
 */
export function repoState(dir: string): string {
  const hash = createHash('sha256');
  const gitDir = join(dir, '.git');
  hash.update(readFileSync(join(gitDir, 'HEAD')));
  hash.update(runGit(dir, ['for-each-ref', '--format=%(refname) %(objectname)']));
  for (const name of ['index', 'packed-refs', 'ORIG_HEAD', 'FETCH_HEAD']) {
    hash.update(`\0${name}\0`);
    try {
      hash.update(readFileSync(join(gitDir, name)));
    } catch {
      hash.update('absent');
    }
  }
  walk(dir, '', (path, content, mode) => hash.update(`${path}\0${mode}\0`).update(content));
  return hash.digest('hex');
}

function walk(
  root: string,
  rel: string,
  visit: (path: string, content: Buffer, mode: number) => void,
): void {
  for (const name of readdirSync(join(root, rel)).sort()) {
    if (rel === '' && name === '.git') continue;
    const path = rel === '' ? name : `${rel}/${name}`;
    const info = statSync(join(root, path));
    if (info.isDirectory()) walk(root, path, visit);
    else visit(path, readFileSync(join(root, path)), info.mode);
  }
}

/** Applies the first series of an mbox to the repo, as `kreview apply` does. */
export async function applyMbox(
  repo: TestRepo,
  mbox: string,
  options: { base?: string; inMemory?: boolean; maxPatchBytes?: number } = {},
): Promise<ApplyOutcome> {
  const series = await seriesOf(mbox);
  const env = gitEnvironment(process.env);
  return applySeries(gitProcessPort(repo.dir, env), await openRepo(repo.dir, env), {
    patches: series.patches,
    baseCommit: series.baseCommit,
    base: options.base,
    inMemory: options.inMemory,
    maxPatchBytes: options.maxPatchBytes,
  });
}

/** A one-message mbox around a hand-written diff, for patches git would never produce. */
export function mailWithDiff(subject: string, diff: string): string {
  return [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    'From: Eve Hostile <eve@example.org>',
    'Date: Tue, 2 Jan 2024 03:04:05 +0000',
    `Subject: [PATCH] ${subject}`,
    '',
    `${subject}.`,
    '',
    'Signed-off-by: Eve Hostile <eve@example.org>',
    '---',
    diff.endsWith('\n') ? diff.slice(0, -1) : diff,
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}
