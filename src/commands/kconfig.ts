// `kreview kconfig`: runs one conf target with the kreview engine, as `make ARCH=… <target>` would.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CONF_TARGETS,
  type ConfTarget,
  type Kconfig,
  loadKconfig,
} from '../analyze/kconfig/engine.ts';
import type { KconfigFiles } from '../analyze/kconfig/files.ts';
import { KreviewError, usageError } from '../domain/errors.ts';
import { decodeKconfigText } from '../domain/kconfig-files.ts';
import { openObjectReader } from '../git/cat-file.ts';
import { gitEnvironment, gitProcessPort } from '../git/process-port.ts';
import { gitTreeFiles } from '../git/tree-files.ts';
import { dirFiles } from '../sources/dir-files.ts';
import { recordProfile } from '../toolchain/record-profile.ts';
import { oneArch, parseCommandArgs } from './args.ts';
import { cachePaths } from './cache-paths.ts';
import type { Command, CommandIo } from './command.ts';

const TARGETS: readonly ConfTarget[] = CONF_TARGETS;

const HELP = `Usage: kreview kconfig TARGET --tree DIR --arch ARCH [--rev REV] [--config IN]
                      [--defconfig NAME] [--out FILE] [--json]

Runs one Kconfig target with kreview's engine and writes the .config exactly as the kernel's
conf would (\`make ARCH=ARCH TARGET\`), with conf's warnings on stderr. TARGET is one of
${TARGETS.join(', ')}.

Commands that Kconfig macros run ($(shell,…), cc-option, …) are answered from a toolchain profile
recorded once from the tree in DIR with the host toolchain (cached in ~/.cache/kreview/toolchain,
or $KREVIEW_CACHE/toolchain).
With --rev, Kconfig is read from that commit of the git repository DIR (no checkout); commands
only that commit asks are not run: they are listed on stderr and count as failed.

Options:
  --tree DIR        The kernel tree (a directory; a git repository for --rev)
  --arch ARCH       ARCH as given to make: x86_64, arm64, arm, riscv, …
  --rev REV         Read Kconfig from this commit instead of the files in DIR
  --config IN       The existing .config (olddefconfig, savedefconfig; default: empty)
  --defconfig NAME  A file under arch/$SRCARCH/configs (defconfig; default: KBUILD_DEFCONFIG)
  --out FILE        Write the result there instead of standard output
  --json            Print { config, stderr, unansweredCommands } as JSON

Example:
  kreview kconfig allnoconfig --tree ~/.cache/kreview/linux-6.12 --arch x86_64 --out /tmp/allno.config
`;

/** The `kconfig` command: one conf target through the kreview engine. */
export const kconfigCommand: Command = {
  help: HELP,
  run,
};

function parse(argv: readonly string[]) {
  return parseCommandArgs('kconfig', argv, {
    allowPositionals: true,
    options: {
      tree: { type: 'string' },
      arch: { type: 'string' },
      rev: { type: 'string' },
      config: { type: 'string' },
      defconfig: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
}

async function withFiles<T>(
  tree: string,
  rev: string | undefined,
  env: CommandIo['env'],
  body: (f: KconfigFiles) => Promise<T>,
): Promise<T> {
  if (rev === undefined) return body(dirFiles(tree));
  const port = gitProcessPort(tree, gitEnvironment(env));
  const reader = openObjectReader(port);
  try {
    return await body(gitTreeFiles(reader, rev));
  } finally {
    await reader.close();
  }
}

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const target = positionals[0] as ConfTarget | undefined;
  if (target === undefined || !TARGETS.includes(target))
    throw usageError(
      `Cannot run kconfig: ${target === undefined ? 'no target given' : `unknown target "${target}"`}`,
      `give one of ${TARGETS.join(', ')}`,
    );
  if (positionals.length > 1)
    throw usageError(`Cannot run kconfig: unexpected argument "${positionals[1]}"`);
  if (values.tree === undefined)
    throw usageError('Cannot run kconfig: --tree is required', 'pass the kernel tree directory');
  if (values.arch === undefined)
    throw usageError(
      'Cannot run kconfig: --arch is required',
      'pass ARCH as for make, e.g. x86_64',
    );
  const tree = path.resolve(io.cwd, values.tree);
  const arch = oneArch('kconfig', values.arch);
  const input: { config?: string; defconfig?: string } = {};
  if (values.config !== undefined) {
    const file = path.resolve(io.cwd, values.config);
    // Decoded as the tree's Kconfig files are, and written back the same way below.
    const bytes = await readFile(file).catch((cause: unknown) => {
      throw new KreviewError(`Cannot read "${values.config}"`, 'INPUT_NOT_FOUND', { cause });
    });
    input.config = decodeKconfigText(bytes);
  }
  if (values.defconfig !== undefined) input.defconfig = values.defconfig;
  const base = dirFiles(tree);
  if ((await base.read('Kconfig')) === undefined && values.rev === undefined)
    throw new KreviewError(
      `Cannot run kconfig: "${values.tree}" has no Kconfig`,
      'TREE_NOT_FOUND',
      {
        hint: 'pass the top directory of a kernel tree',
      },
    );
  const { toolchain } = cachePaths(io.env, io.cwd);
  const profile = await recordProfile(base, tree, { arch }, toolchain);
  const result = await withFiles(tree, values.rev, io.env, async (files) => {
    const k: Kconfig = await loadKconfig(files, { arch }, profile);
    if (target === 'defconfig' && input.defconfig !== undefined)
      await k.loadDefconfig(input.defconfig);
    return { k, r: k.run(target, input) };
  });
  const { k, r } = result;
  if (values.json === true) {
    const json = { config: r.config, stderr: r.stderr, unansweredCommands: k.unansweredCommands };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stderr.write(r.stderr);
    if (values.out !== undefined)
      await writeFile(path.resolve(io.cwd, values.out), r.config, 'utf8');
    else io.stdout.write(r.config);
  }
  for (const c of k.unansweredCommands)
    io.stderr.write(
      `kreview: command not answered by the toolchain profile (counted as failed): ${c}\n`,
    );
  return 0;
}
