// The process runner: a program's status and output whatever the status, and a ProcessError
// (with what it said on stderr) when it cannot start, runs too long or prints too much.
import { describe, expect, it } from 'vitest';
import { ProcessError, runProcess } from '../../src/process/run.ts';

const sh = (script: string, options = {}) => runProcess('/bin/sh', ['-c', script], options);

async function failure(p: Promise<unknown>): Promise<ProcessError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ProcessError))
    throw new Error(`expected a ProcessError, got ${String(err)}`);
  return err;
}

describe('runProcess()', () => {
  it('resolves with the status, stdout and stderr of a program that fails', async () => {
    const r = await sh('echo out; echo err >&2; exit 3');
    expect([r.status, r.stdout.toString(), r.stderr]).toEqual([3, 'out\n', 'err\n']);
  });

  it('feeds the input on stdin', async () => {
    const r = await runProcess('cat', [], { input: Buffer.from([0xe9, 0x0a]) });
    expect([...r.stdout]).toEqual([0xe9, 0x0a]);
  });

  it('kills a program that outruns its time limit and says so', async () => {
    const err = await failure(sh('echo started >&2; sleep 30', { timeoutMs: 200 }));
    expect(err.message).toBe('Cannot run "/bin/sh -c": still running after 200 ms');
    expect(err.stderr).toBe('started\n');
  });

  it('kills a program that prints more than its cap', async () => {
    const err = await failure(sh('yes', { maxOutputBytes: 1000 }));
    expect(err.message).toBe('Cannot run "/bin/sh -c": output is larger than 1000 bytes');
  });

  it('names a program that cannot be started, with a hint', async () => {
    const err = await failure(runProcess('/nonexistent/kreview-tool', ['x'], {}, 'GIT_FAILED'));
    expect(err.code).toBe('GIT_FAILED');
    expect(err.message).toMatch(/^Cannot run "\/nonexistent\/kreview-tool x": .*ENOENT/);
    expect(err.hint).toBe('Install /nonexistent/kreview-tool and make sure it is on PATH.');
  });
});
