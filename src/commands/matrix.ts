// `kreview matrix`: a matrix spec evaluated on one tree, or on two (before → after), as tables.
import { runMatrix } from '../analyze/matrix/run.ts';
import { KreviewError, usageError } from '../domain/errors.ts';
import type { MatrixReport, MatrixRun, MatrixSpec } from '../domain/matrix.ts';
import { gitEnvironment, gitProcessPort } from '../git/process-port.ts';
import { openRepo } from '../git/repo.ts';
import { renderMatrixTable } from '../report/matrix-table.ts';
import { matricesJson } from '../report/review-json.ts';
import { archList, parseCommandArgs } from './args.ts';
import { cachePaths } from './cache-paths.ts';
import type { Command, CommandIo } from './command.ts';
import { loadPreset, loadSpecFile, withArches } from './presets.ts';
import { progressReporter } from './progress.ts';
import { treePorts } from './review-ports.ts';

const HELP = `Usage: kreview matrix --tree DIR --rev REV [--against REV] (--preset NAME | --spec FILE) [options]

Evaluates a matrix spec on the Kconfig of REV (read from git objects, no checkout): every
combination of the axes from the spec's base configuration through olddefconfig, one table per
architecture. With --against, the same spec also runs on that revision and the table shows
"before → after" where a value differs (REV is the after-tree).

Options:
  --tree DIR       The kernel git repository
  --rev REV        The revision to evaluate (the after-tree with --against)
  --against REV    The before-tree; its toolchain profile answers both trees' Kconfig macros
  --preset NAME    A shipped preset (e.g. vfio-noiommu)
  --spec FILE      A matrix spec file (JSON; see presets/ for the shape)
  --arch A,B       Architectures instead of the spec's
  --json           Print { "matrices": [...] } as in "kreview review --json"

Example:
  kreview matrix --tree ~/.cache/kreview/linux-6.12 --rev v6.12 --preset vfio-noiommu --arch x86_64
`;

/** The `matrix` command. */
export const matrixCommand: Command = {
  help: HELP,
  run,
};

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const values = parse(argv);
  if (values.tree === undefined || values.rev === undefined) {
    throw usageError(
      'Cannot evaluate a matrix: --tree and --rev are required',
      'see "kreview matrix --help"',
    );
  }
  if ((values.preset === undefined) === (values.spec === undefined)) {
    throw usageError(
      'Cannot evaluate a matrix: give one of --preset or --spec',
      'see "kreview matrix --help"',
    );
  }
  const arches = archList('matrix', values.arch);
  const spec = withArches(
    values.preset !== undefined
      ? await loadPreset(values.preset)
      : await loadSpecFile(values.spec ?? ''),
    arches,
  );
  const env = gitEnvironment(io.env);
  const repo = await openRepo(values.tree, env);
  const resolve = async (rev: string) => {
    const commit = await repo.resolveCommit(rev);
    if (commit === undefined) {
      throw new KreviewError(
        `Cannot evaluate a matrix: "${values.tree}" has no revision "${rev}"`,
        'INPUT_NOT_FOUND',
        {
          hint: 'fetch it, or name a branch, tag or commit the repository has',
        },
      );
    }
    return commit;
  };
  const after = await resolve(values.rev);
  const before = values.against === undefined ? undefined : await resolve(values.against);
  const progress = progressReporter(io.stderr);
  const ports = treePorts(
    gitProcessPort(repo.root, env),
    before ?? after,
    progress,
    cachePaths(io.env, io.cwd).toolchain,
  );
  const reports: MatrixReport[] = [];
  try {
    for (const arch of spec.arches) {
      const evaluate = async (commit: string): Promise<MatrixRun> => {
        const kconfig = await ports.load(commit, arch);
        const defconfig = spec.base.defconfigs[arch];
        if (defconfig !== undefined) await kconfig.loadDefconfig(defconfig);
        return runMatrix(spec, arch, kconfig).run;
      };
      const afterRun = await evaluate(after);
      const beforeRun = before === undefined ? afterRun : await evaluate(before);
      reports.push({ spec, arch, before: beforeRun, after: afterRun });
    }
  } finally {
    await ports.close();
    progress.done();
  }
  io.stdout.write(
    values.json === true ? matrixJson(reports) : matrixText(spec, reports, before !== undefined),
  );
  return 0;
}

function matrixText(spec: MatrixSpec, reports: readonly MatrixReport[], compared: boolean): string {
  const blocks = reports.map((r) => {
    const title = `${spec.name} on ${r.arch}${compared ? ', before -> after' : ''}:`;
    const table = renderMatrixTable(spec, r.after, compared ? r.before : undefined);
    return `${title}\n\n${table
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n`;
  });
  return `${[...spec.notes, ''].join('\n')}${blocks.join('\n')}`;
}

function matrixJson(reports: readonly MatrixReport[]): string {
  return `${JSON.stringify({ matrices: matricesJson(reports) }, null, 2)}\n`;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs('matrix', argv, {
    options: {
      tree: { type: 'string' },
      rev: { type: 'string' },
      against: { type: 'string' },
      preset: { type: 'string' },
      spec: { type: 'string' },
      arch: { type: 'string' },
      json: { type: 'boolean' },
    },
  }).values;
}
