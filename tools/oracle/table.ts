// The differential's report for one tree: a row per arch (cases, equal, differing, cases conf
// cannot run here), then the first difference of each disagreement and make's reason for each
// case it could not run.
import type { CaseOutcome } from './differential.ts';

const HEADER = `  ${'arch'.padEnd(10)} ${'cases'.padStart(5)} ${'equal'.padStart(5)} ${'differ'.padStart(6)} ${'conf-cannot-run'.padStart(15)}`;

function firstLines(text: string, n: number): string[] {
  const lines = text.trimEnd().split('\n');
  return lines.length <= n ? lines : [...lines.slice(0, n), `(${lines.length - n} more lines)`];
}

/** The table and details for one tree, as lines ending in a blank line. */
export function differentialTable(
  title: string,
  outcomes: ReadonlyMap<string, readonly CaseOutcome[]>,
): string {
  const rows: string[] = [title, HEADER];
  const details: string[] = [];
  const sum = { cases: 0, equal: 0, differ: 0, cannot: 0 };
  for (const [arch, list] of outcomes) {
    const cannot = list.filter((o) => o.confFailed !== undefined);
    const equal = list.filter((o) => o.agrees).length;
    const differ = list.length - equal - cannot.length;
    sum.cases += list.length;
    sum.equal += equal;
    sum.differ += differ;
    sum.cannot += cannot.length;
    rows.push(
      `  ${arch.padEnd(10)} ${String(list.length).padStart(5)} ${String(equal).padStart(5)} ${String(differ).padStart(6)} ${String(cannot.length).padStart(15)}`,
    );
    for (const o of list) {
      if (o.agrees) continue;
      if (o.confFailed !== undefined) {
        details.push(
          `- ${o.name}: conf cannot run here`,
          ...firstLines(o.confFailed, 4).map((l) => `    ${l}`),
        );
        continue;
      }
      details.push(`- ${o.name}`);
      for (const d of o.differences) details.push(...firstLines(d, 12).map((l) => `    ${l}`));
    }
  }
  rows.push(
    `  ${'total'.padEnd(10)} ${String(sum.cases).padStart(5)} ${String(sum.equal).padStart(5)} ${String(sum.differ).padStart(6)} ${String(sum.cannot).padStart(15)}`,
  );
  return [...rows, '', ...(details.length === 0 ? ['  (no differences)'] : details), '', ''].join(
    '\n',
  );
}
