// Runs scripts/kernel-setup.sh (idempotent) and returns the base tree and conf it prepared.
import path from 'node:path';
import { KreviewError } from '../../src/domain/errors.ts';
import { runProcess } from '../../src/process/run.ts';

/** The trusted base tree (a git repository) and the kernel's conf built from it. */
export interface KernelSetup {
  readonly tree: string;
  readonly conf: string;
  /** The 7.3 tree and its conf, when the script printed them (`tree73=`, `conf73=`). */
  readonly tree73?: string;
  readonly conf73?: string;
}

/** Parses the `tree=` and `conf=` lines that scripts/kernel-setup.sh prints. */
export function parseSetupOutput(stdout: string): KernelSetup {
  const value = (key: string) =>
    stdout
      .split('\n')
      .find((line) => line.startsWith(`${key}=`))
      ?.slice(key.length + 1);
  const tree = value('tree');
  const conf = value('conf');
  if (tree === undefined || conf === undefined) {
    throw new KreviewError(
      'Cannot read the output of "scripts/kernel-setup.sh": no tree= or conf= line',
      'INTERNAL',
    );
  }
  const tree73 = value('tree73');
  const conf73 = value('conf73');
  return {
    tree,
    conf,
    ...(tree73 === undefined ? {} : { tree73 }),
    ...(conf73 === undefined ? {} : { conf73 }),
  };
}

/** Makes sure the kernel tree and conf exist (first run: minutes), then says where they are. */
export async function kernelSetup(repoRoot: string): Promise<KernelSetup> {
  const script = path.join(repoRoot, 'scripts/kernel-setup.sh');
  const fail = (cause: unknown) =>
    new KreviewError(
      'Cannot set up the kernel tree: "scripts/kernel-setup.sh" failed',
      'TREE_NOT_FOUND',
      {
        cause,
        hint: 'run "bash scripts/kernel-setup.sh" and read its messages',
      },
    );
  const run = await runProcess('bash', [script], { maxOutputBytes: 1 << 20 }).catch(
    (error: unknown) => {
      throw fail(error);
    },
  );
  if (run.status !== 0) throw fail(new Error(run.stderr.trim() || `exit status ${run.status}`));
  const stdout = run.stdout.toString('utf8');
  return parseSetupOutput(stdout);
}
