import type { Command } from './command.ts';

/** Every subcommand, in the order `kreview --help` lists them. Add one line per command. */
export async function loadCommands(): Promise<readonly Command[]> {
  const modules = await Promise.all([
    import('./show.ts').then((m) => m.showCommand),
    import('./apply.ts').then((m) => m.applyCommand),
    import('./kconfig.ts').then((m) => m.kconfigCommand),
    import('./matrix.ts').then((m) => m.matrixCommand),
    import('./review.ts').then((m) => m.reviewCommand),
    import('./watch.ts').then((m) => m.watchCommand),
  ]);
  return modules;
}
