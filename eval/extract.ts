// Writes the mbox of an evaluation case, cut out of the corpus at run time, for labelling by
// hand: `node eval/extract.ts NAME [--series-only] > x.mbox` (--series-only: just the patches of
// the case's revision, in order, as `git am` takes them; default: the whole thread, as reviewed).
import { parseArgs } from 'node:util';
import { loadCases } from './cases.ts';
import { corpusPath, corpusThreads, pickSeries, seriesMbox, threadMbox } from './corpus.ts';

const { values, positionals } = parseArgs({
  options: { 'series-only': { type: 'boolean' } },
  allowPositionals: true,
});
const name = positionals[0];
const c = (await loadCases()).find((x) => x.name === name);
if (c === undefined) throw new Error(`No case eval/cases/${name}.yaml`);
const file = corpusPath(c.corpus);
if (file === undefined) throw new Error(`The corpus file ${c.corpus} is missing`);
const thread = (await corpusThreads(file, [c.thread])).get(c.thread);
if (thread === undefined) throw new Error(`The corpus has no thread <${c.thread}>`);
const series = pickSeries(thread, c.messageId, c.revision);
if (series === undefined) throw new Error(`No v${c.revision} <${c.messageId}> in the thread`);
process.stdout.write(
  values['series-only'] === true ? seriesMbox(thread, series) : threadMbox(thread),
);
