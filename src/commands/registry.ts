import type { Command } from './command.ts';

/** A subcommand as `kreview --help` lists it; its module is loaded only when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every subcommand, in the order `kreview --help` lists them. Add one entry per command. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'show',
    summary: 'List the patch series in an mbox',
    load: () => import('./show.ts').then((m) => m.showCommand),
  },
  {
    name: 'apply',
    summary: 'Apply a series to a kernel tree without a checkout',
    load: () => import('./apply.ts').then((m) => m.applyCommand),
  },
  {
    name: 'kconfig',
    summary: 'Write a .config for a target (allnoconfig, defconfig, …) as conf would',
    load: () => import('./kconfig.ts').then((m) => m.kconfigCommand),
  },
  {
    name: 'matrix',
    summary: 'Evaluate a Kconfig matrix on a tree, or before and after',
    load: () => import('./matrix.ts').then((m) => m.matrixCommand),
  },
  {
    name: 'review',
    summary: 'Review a series: apply it, evaluate its Kconfig before and after, report findings',
    load: () => import('./review.ts').then((m) => m.reviewCommand),
  },
  {
    name: 'watch',
    summary: 'Watch lore, Patchwork, an mbox or maildir from cron; review each new series once',
    load: () => import('./watch.ts').then((m) => m.watchCommand),
  },
];
