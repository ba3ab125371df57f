// The `prerequisite-patch-id:` lines of a series (as `git format-patch --base` writes them), looked
// up among the other patches of the same mbox by `git patch-id --stable`, as a maintainer would
// before applying: a prerequisite carried in the mbox is applied first, one that is not is named
// as missing.
import type { GitProcessPort } from './process-port.ts';

/** A prerequisite the series names and the mbox patch that has its patch-id, when there is one. */
export interface Prerequisite<P> {
  readonly id: string;
  readonly patch: P | undefined;
}

/** The stable patch-id of each diff (undefined for one git finds no change in), in order. */
export async function patchIds(
  port: GitProcessPort,
  diffs: readonly Buffer[],
): Promise<(string | undefined)[]> {
  if (diffs.length === 0) return [];
  // One run for all: a "commit <id>" line before each diff tells git where one patch ends, and
  // the made-up ids (the position in hex) say which diff each answer is for.
  const input = Buffer.concat(
    diffs.flatMap((diff, i) => [
      Buffer.from(`commit ${fakeId(i)}\n`),
      diff,
      ...(diff.length === 0 || diff.at(-1) === 10 ? [] : [Buffer.from('\n')]),
    ]),
  );
  const result = await port.run(['patch-id', '--stable'], { input, maxOutputBytes: 1 << 22 });
  const out: (string | undefined)[] = diffs.map(() => undefined);
  if (result.status !== 0) return out;
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [id, commit] = line.trim().split(/\s+/);
    if (id === undefined || commit === undefined) continue;
    const at = Number.parseInt(commit, 16) - 1;
    if (at >= 0 && at < out.length && commit === fakeId(at)) out[at] = id;
  }
  return out;
}

/**
 * Each prerequisite id, in the order named (duplicates dropped), with the first candidate whose
 * stable patch-id it is.
 */
export async function findPrerequisites<P extends { readonly diff: Buffer }>(
  port: GitProcessPort,
  ids: readonly string[],
  candidates: readonly P[],
): Promise<Prerequisite<P>[]> {
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return [];
  const known = await patchIds(
    port,
    candidates.map((c) => c.diff),
  );
  return wanted.map((id) => {
    const at = known.indexOf(id);
    return { id, patch: at < 0 ? undefined : candidates[at] };
  });
}

function fakeId(i: number): string {
  return (i + 1).toString(16).padStart(40, '0');
}
