// `kreview apply`: applies the first series of an mbox to a kernel git tree without a checkout,
// and says per patch whether it applied and why not.
import { resolve } from 'node:path';
import { prerequisiteNote } from '../analyze/evaluated.ts';
import { KreviewError } from '../domain/errors.ts';
import type { Series } from '../domain/series.ts';
import { applySeries } from '../git/apply.ts';
import type { ApplyOutcome, PatchResult } from '../git/apply-outcome.ts';
import { gitEnvironment, gitProcessPort } from '../git/process-port.ts';
import { openRepo } from '../git/repo.ts';
import { otherPatches, seriesPrerequisiteIds } from '../ingest/prerequisite-ids.ts';
import { oneMbox, parseCommandArgs } from './args.ts';
import type { Command, CommandIo } from './command.ts';
import { readSeriesInput, SERIES_INPUT_HELP } from './series-input.ts';

const HELP = `Usage: kreview apply <mbox|-|msgid> [--tree DIR] [--base REV] [--branch NAME] [--json]

Applies the first patch series of an mbox to a git tree without a checkout: the work tree, the
index, HEAD and branches stay as they are (only git objects are added). Each patch becomes a
commit with the mail's author, date and message and a fixed committer, so the same series gives
the same commit ids on every run. The base is the series' base-commit: when the tree has it,
else --base, else the tree's HEAD, as git am applies: exact context, then offsets, then a 3-way
merge where the preimage blobs exist; the base line names the base by its tag and says when
offsets or a 3-way merge were needed. A prerequisite-patch-id: of the series is looked up among
the other patches of the mbox (git patch-id --stable) and applied first, or named as missing. A
patch that still does not apply is named with its file and hunk; the patches before it are the
result.

Exit status 0 when the series was tried (even if a patch did not apply), 1 when it could not be
(no base, no tree), 2 for misuse.

Options:
${SERIES_INPUT_HELP}
  --tree DIR      The kernel git repository (default: the current directory)
  --base REV      Base to use when the series has no base-commit: the tree knows
  --branch NAME   Point refs/heads/NAME at the result (update-ref only; never a checkout)
  --json          Print { "base", "baseReason": { "kind", "commit", "tag", "text", "note" },
                  "ok", "start", "head", "prerequisites": [...], "patches": [...] }

Example:
  bash scripts/kernel-setup.sh
  kreview apply fixtures/mbox/vfio-noiommu.mbox --tree ~/.cache/kreview/linux-6.12 --base v6.12 --branch review/vfio
`;

/** The `apply` command: a series onto a tree, as commits, without touching the work tree. */
export const applyCommand: Command = {
  help: HELP,
  run,
};

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(argv);
  const path = oneMbox('apply', parsed.positionals);
  const { tree, base, branch, json } = parsed.values;

  const ingested = await readSeriesInput(path, io, parsed.values.lore);
  const series = ingested.series[0];
  if (series === undefined) {
    throw new KreviewError(`Cannot apply "${path}": it holds no patch series`, 'INPUT_UNREADABLE', {
      hint: 'check with "kreview show" what the mbox holds',
    });
  }
  const total = ingested.series.length;
  if (total > 1) io.stderr.write(`Applying series 1 of ${total}: ${describe(series)}\n`);
  if (series.missing.length > 0) {
    io.stderr.write(`warning: series is incomplete: no patch ${series.missing.join(', ')}\n`);
  }

  const env = gitEnvironment(io.env);
  const repo = await openRepo(resolve(io.cwd, tree ?? '.'), env);
  const outcome = await applySeries(gitProcessPort(repo.root, env), repo, {
    patches: series.patches,
    baseCommit: series.baseCommit,
    base,
    prerequisiteIds: seriesPrerequisiteIds(series),
    candidates: otherPatches(series, ingested.series),
    // A progress line on a terminal only: piped output stays the result alone.
    onPatch: io.stderr.isTTY
      ? (patch, position, count) =>
          io.stderr.write(`\rApplying ${position}/${count}: ${patch.subject.slice(0, 60)}\x1b[K`)
      : undefined,
  });
  if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
  io.stdout.write(
    json === true ? `${JSON.stringify(applyJson(outcome), null, 2)}\n` : applyText(outcome),
  );
  if (!outcome.base.found) {
    throw new KreviewError(
      `Cannot apply "${series.subject}": ${outcome.base.reason}`,
      'GIT_FAILED',
      {
        hint: outcome.base.fix,
      },
    );
  }
  if (branch !== undefined && outcome.head !== undefined) {
    if (outcome.ok) {
      await repo.setBranch(branch, outcome.head);
      io.stderr.write(`Branch "${branch}" now points at ${outcome.head}\n`);
    } else io.stderr.write(`Branch "${branch}" not set: a patch did not apply\n`);
  }
  return 0;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('apply', argv, {
    options: {
      lore: { type: 'string' },
      tree: { type: 'string' },
      base: { type: 'string' },
      branch: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
  });
}

function describe(series: Series): string {
  return `"${series.subject}" v${series.version}`;
}

/** The JSON form of `apply`: the base and why, and per patch applied or not and why. */
export function applyJson(outcome: ApplyOutcome): unknown {
  const base = outcome.base;
  return {
    base: base.found ? base.commit : null,
    // As data, so a consumer need not parse the sentence: which rule chose the base, and notes.
    baseReason: base.found
      ? {
          kind: base.how,
          commit: base.commit,
          tag: base.name ?? null,
          text: base.reason,
          note: base.note ?? null,
        }
      : { kind: 'none', commit: null, tag: null, text: `${base.reason}. ${base.fix}`, note: null },
    ok: outcome.ok,
    start: outcome.start ?? null,
    head: outcome.head ?? null,
    prerequisites: outcome.prerequisites.map((p) => ({
      id: p.id,
      status: p.status,
      subject: p.subject ?? null,
    })),
    patches: outcome.patches.map((p) => ({
      index: p.index,
      subject: p.subject,
      applied: p.status === 'applied',
      commit: p.status === 'applied' ? p.commit : null,
      fit: p.status === 'applied' ? p.fit : null,
      error: errorOf(p, outcome),
    })),
  };
}

function errorOf(p: PatchResult, outcome: ApplyOutcome): unknown {
  switch (p.status) {
    case 'applied':
      return null;
    case 'failed':
      return { file: p.error.file ?? null, hunk: p.error.hunk ?? null, message: p.error.message };
    case 'already-applied':
      return {
        file: null,
        hunk: null,
        message: 'Already applied at the base: its reverse applies',
      };
    case 'not-tried': {
      const failed = outcome.patches.find((q) => q.status === 'failed');
      const why = failed === undefined ? 'there is no base' : `patch ${failed.index} did not apply`;
      return { file: null, hunk: null, message: `Not tried: ${why}` };
    }
  }
}

/** The text form: base, one line per patch, the head. */
export function applyText(outcome: ApplyOutcome): string {
  const base = outcome.base;
  const lines = [
    base.found
      ? `Base: ${base.name === undefined ? base.commit : `${base.name} (${base.commit})`}: ${base.reason}`
      : `Base: none: ${base.reason}`,
  ];
  if (base.found && base.note !== undefined) lines.push(`Note: ${base.note}`);
  const prerequisites = prerequisiteNote(outcome.prerequisites);
  if (prerequisites !== undefined) lines.push(`Note: ${prerequisites}`);
  const total = outcome.patches.length;
  for (const p of outcome.patches) {
    const tag = `[${p.index}/${total}]`;
    if (p.status === 'applied') lines.push(`${tag} applied ${p.commit.slice(0, 12)} ${p.subject}`);
    else if (p.status === 'already-applied') lines.push(`${tag} already applied: ${p.subject}`);
    else if (p.status === 'not-tried') lines.push(`${tag} not tried: ${p.subject}`);
    else {
      const where = [p.error.file, p.error.hunk === undefined ? undefined : `hunk ${p.error.hunk}`]
        .filter((x) => x !== undefined && x !== '')
        .join(' ');
      lines.push(
        `${tag} FAILED ${p.subject}`,
        `      ${where === '' ? '' : `${where}: `}${p.error.message}`,
      );
    }
  }
  if (outcome.head !== undefined)
    lines.push(`Head: ${outcome.head}${outcome.ok ? '' : ' (stopped at the failed patch)'}`);
  return `${lines.join('\n')}\n`;
}
