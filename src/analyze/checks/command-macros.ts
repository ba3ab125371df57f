// Check 8: Kconfig that runs commands ($(shell,…), $(success,…), …) added by the series. Such
// commands are never run from patched content; they are reported, and evaluate as failures.
import type { Finding } from '../../domain/finding.ts';
import type { Patch } from '../../domain/series.ts';
import { isKconfigFile } from '../matrix/touched-symbols.ts';

const COMMAND_MACRO =
  /\$\((shell|success|failure|if-success|cc-option|ld-option|as-instr|cc-option-bit|rustc-option|as-option|ld-version|cc-version)\s*,/;

/** One finding per added Kconfig line that calls a command-running macro. */
export function commandMacros(patches: readonly Patch[], unanswered: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const patch of patches) {
    for (const file of patch.files) {
      if (!isKconfigFile(file.newPath)) continue;
      for (const hunk of file.hunks) {
        for (const line of hunk.lines) {
          const macro = line.kind === 'add' ? COMMAND_MACRO.exec(line.text)?.[1] : undefined;
          if (macro === undefined) continue;
          findings.push({
            check: 'command-macro-added',
            severity: 'warning',
            anchor: { patch: patch.index, file: file.newPath, line: line.newLine, side: 'new' },
            title: `Kconfig runs a command through $(${macro},…)`,
            detail: [
              `This line makes Kconfig run a command when it is parsed. kreview does not run commands from patched Kconfig, so it evaluated the ones only the patched tree has as failed${unanswered.length > 0 ? ':' : '.'}`,
              ...(unanswered.length > 0 ? ['', ...unanswered.map((c) => `  ${c}`)] : []),
            ].join('\n'),
          });
        }
      }
    }
  }
  return findings;
}
