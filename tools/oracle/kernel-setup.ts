// Runs scripts/kernel-setup.sh (idempotent) and returns the base tree and conf it prepared.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { KreviewError } from '../../src/domain/errors.ts';

const execFileAsync = promisify(execFile);

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
  const { stdout } = await execFileAsync('bash', [script], { maxBuffer: 1 << 20 }).catch(
    (error: unknown) => {
      throw new KreviewError(
        'Cannot set up the kernel tree: "scripts/kernel-setup.sh" failed',
        'TREE_NOT_FOUND',
        {
          cause: error,
          hint: 'run "bash scripts/kernel-setup.sh" and read its messages',
        },
      );
    },
  );
  return parseSetupOutput(stdout);
}
