// Check 8: Kconfig that runs commands ($(shell,…), $(success,…), …) added by the series. Such
// commands are never run from patched content; they are reported, and evaluate as failures.
import type { Finding } from '../../domain/finding.ts';
import type { Patch } from '../../domain/series.ts';
import { addedKconfigLines } from '../matrix/touched-symbols.ts';
import type { Check } from './context.ts';

export const commandMacrosCheck: Check = {
  id: 'command-macro-added',
  title: 'Kconfig that runs commands',
  run: (cx) => commandMacros(cx.series.patches, cx.unansweredCommands),
};

const COMMAND_MACRO =
  /\$\((shell|success|failure|if-success|cc-option|ld-option|as-instr|cc-option-bit|rustc-option|as-option|ld-version|cc-version)\s*,/;

/** One finding per added Kconfig line that calls a command-running macro. */
export function commandMacros(patches: readonly Patch[], unanswered: readonly string[]): Finding[] {
  return addedKconfigLines(patches).flatMap((added) => {
    const macro = COMMAND_MACRO.exec(added.text)?.[1];
    if (macro === undefined) return [];
    const finding: Finding = {
      check: 'command-macro-added',
      // Toolchain tests in Kconfig are the kernel's own practice: nothing is wrong with the
      // line, only the review is less sure of what it comes to, so it is a note, not a warning.
      severity: 'info',
      anchor: { patch: added.patch, file: added.file, line: added.line, side: 'new' },
      title: `Kconfig runs a command through $(${macro},…)`,
      detail: [
        `This line makes Kconfig run a command when it is parsed. kreview does not run commands from patched Kconfig, so it evaluated the ones only the patched tree has as failed${unanswered.length > 0 ? ':' : '.'}`,
        ...(unanswered.length > 0 ? ['', ...unanswered.map((c) => `  ${c}`)] : []),
      ].join('\n'),
    };
    return [finding];
  });
}
