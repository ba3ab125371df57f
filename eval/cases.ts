// The cases of the evaluation set: one YAML file per real series in eval/cases/, read and checked.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Claim, Severity } from './match.ts';

/** One labelled series. */
export interface EvalCase {
  /** The file name without .yaml: the case's name in the output. */
  readonly name: string;
  /** Corpus file under ../shared/corpus, e.g. linux-kbuild-2024h1.mbox.gz. */
  readonly corpus: string;
  /** Root of the thread to cut out (default: messageId). */
  readonly thread: string;
  /** Message-ID of the series' cover letter or first patch (kreview's --message-id). */
  readonly messageId: string;
  readonly revision: number;
  /**
   * The base the series is reviewed on: `tree` is the tree's HEAD (v6.12) as a user would;
   * `revert` is HEAD with this very series reverse-applied (for series merged before 6.12: the
   * tree as it was just before them, so what they change is measured on real Kconfig).
   */
  readonly base: 'tree' | 'revert';
  /** With `base: revert`, the patches to reverse-apply (default: all of them). */
  readonly revert: readonly number[] | undefined;
  /** The classes of issue 13 the case covers (choice-default, new-symbol, no-effect, …). */
  readonly classes: readonly string[];
  readonly summary: string;
  readonly mustSay: readonly Claim[];
  readonly maySay: readonly Claim[];
  readonly mustNotSay: readonly Claim[];
}

const CASES_DIR = path.join(import.meta.dirname, 'cases');
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** Every case in eval/cases (or `dir`), sorted by name; a malformed file is an error. */
export async function loadCases(dir = CASES_DIR): Promise<EvalCase[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const cases: EvalCase[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    let raw: Record<string, unknown>;
    try {
      raw = parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`eval/cases/${file}: ${(error as Error).message}`, { cause: error });
    }
    cases.push(readCase(file.replace(/\.yaml$/, ''), raw));
  }
  return cases;
}

function readCase(name: string, raw: Record<string, unknown>): EvalCase {
  const fail = (what: string): never => {
    throw new Error(`eval/cases/${name}.yaml: ${what}`);
  };
  const text = (key: string): string =>
    typeof raw[key] === 'string' ? (raw[key] as string) : fail(`"${key}" must be a string`);
  const claims = (key: string): Claim[] => {
    const list = raw[key] ?? [];
    if (!Array.isArray(list)) fail(`"${key}" must be a list`);
    return (list as Record<string, unknown>[]).map((c, i) => {
      const where = `${key}[${i}]`;
      if (typeof c.check !== 'string') fail(`${where}.check must be a string`);
      if (typeof c.why !== 'string' || c.why.trim() === '') fail(`${where}.why is required`);
      if (c.severity !== undefined && !SEVERITIES.includes(c.severity as Severity))
        fail(`${where}.severity must be info, warning or error`);
      if (
        c.symbol === undefined &&
        c.pattern === undefined &&
        c.check === '*' &&
        key !== 'mustNotSay'
      )
        fail(`${where} names neither a check, a symbol nor a pattern`);
      return c as unknown as Claim;
    });
  };
  const base = raw.base ?? 'tree';
  if (base !== 'tree' && base !== 'revert') fail('"base" must be tree or revert');
  const messageId = text('messageId');
  return {
    name,
    corpus: text('corpus'),
    thread: typeof raw.thread === 'string' ? raw.thread : messageId,
    messageId,
    revision: typeof raw.revision === 'number' ? raw.revision : fail('"revision" must be a number'),
    base: base as 'tree' | 'revert',
    revert: Array.isArray(raw.revert) ? (raw.revert as number[]) : undefined,
    classes: Array.isArray(raw.classes) ? (raw.classes as string[]) : fail('"classes" is required'),
    summary: text('summary'),
    mustSay: claims('mustSay'),
    maySay: claims('maySay'),
    mustNotSay: claims('mustNotSay'),
  };
}
