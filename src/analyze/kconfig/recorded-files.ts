// A loaded Kconfig is a function of the files its load asked about (and the environment and
// toolchain profile, which the caller keys on). Noting each question and its answer lets a
// later commit be checked to give the same answers, and so the same Kconfig, without a parse.
import type { KconfigFiles } from './files.ts';

/** What was asked of a tree during loads: `i:<path>` → blob id (or '' for absent), `l:<dir>`. */
export type Answers = ReadonlyMap<string, string>;

/** `files`, noting every question asked of it and its answer. */
export function recordingFiles(files: KconfigFiles): { files: KconfigFiles; answers: Answers } {
  const answers = new Map<string, string>();
  const identity = async (path: string) => {
    const id = await files.identity(path);
    answers.set(`i:${path}`, id ?? '');
    return id;
  };
  const recorded: KconfigFiles = {
    identity,
    read: async (path) => {
      await identity(path);
      return files.read(path);
    },
  };
  const list = files.list;
  if (list !== undefined)
    recorded.list = async (dir) => {
      const names = await list.call(files, dir);
      answers.set(`l:${dir}`, names.join('\0'));
      return names;
    };
  return { files: recorded, answers };
}

/** Whether `files` answers every recorded question as it was answered (symlinks included). */
export async function sameAnswers(answers: Answers, files: KconfigFiles): Promise<boolean> {
  const checks = [...answers].map(async ([key, answer]) => {
    const path = key.slice(2);
    if (key.startsWith('l:')) return ((await files.list?.(path)) ?? []).join('\0') === answer;
    return ((await files.identity(path)) ?? '') === answer;
  });
  return (await Promise.all(checks)).every(Boolean);
}
