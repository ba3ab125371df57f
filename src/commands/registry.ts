import type { Command } from './command.ts';

/** Every subcommand, in the order `kreview --help` lists them. Add one line per command. */
export async function loadCommands(): Promise<readonly Command[]> {
  const modules = await Promise.all([
    // Loaded lazily so `kreview show` does not pay for the Kconfig engine or the SMTP client.
    import('./show.ts').then((m) => m.showCommand),
    import('./kconfig.ts').then((m) => m.kconfigCommand),
    import('./apply.ts').then((m) => m.applyCommand),
  ]);
  return modules;
}
