// Copies the parts of a commit that Kconfig probes execute (scripts/ and arch/*/tools/) into a
// directory, so the base tree's probes can run without a checkout of the whole tree.
import { exitStatus, ProcessError, startProcess } from '../process/run.ts';
import type { GitProcessPort } from './process-port.ts';

const PROBE_DIR = /^(scripts|arch\/[^/]+\/tools)$/;

/** Extracts the probe scripts of `commit` into `dir` (which must exist and be empty). */
export async function materializeProbes(
  port: GitProcessPort,
  commit: string,
  dir: string,
): Promise<void> {
  // git archive refuses a pathspec that matches nothing, and a tree may lack either directory.
  const listing = await port.run([
    'ls-tree',
    '-d',
    '-r',
    '--name-only',
    commit,
    '--',
    'scripts',
    'arch',
  ]);
  const paths = listing.stdout
    .toString('utf8')
    .split('\n')
    .filter((p) => PROBE_DIR.test(p));
  if (paths.length === 0) return;
  const git = port.spawn(['archive', '--format=tar', commit, '--', ...paths]);
  const tar = startProcess('tar', ['-x', '-C', dir], {
    env: { PATH: process.env.PATH, LC_ALL: 'C' },
  });
  tar.stdout.resume();
  git.stdout.pipe(tar.stdin);
  const errors: string[] = [];
  git.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
  tar.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
  const [gitStatus, tarStatus] = await Promise.all([exitStatus(git), exitStatus(tar)]);
  if (gitStatus !== 0 || tarStatus !== 0) {
    const why = errors.join('').trim() || 'git archive or tar failed';
    throw new ProcessError(
      'git archive',
      `cannot copy the probe scripts of ${commit.slice(0, 12)}: ${why}`,
      {
        code: 'GIT_FAILED',
        stderr: errors.join(''),
      },
    );
  }
}
