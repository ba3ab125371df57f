// Which Kconfig symbols a series touches: the ones its Kconfig hunks define or change, and the
// CONFIG_ symbols its C and Makefile hunks test. These seed the matrix and several checks.
import type { FilePatch, Hunk, HunkLine } from '../../domain/patch.ts';
import type { Patch } from '../../domain/series.ts';

/** Where a symbol is touched: patch index, file and line (new-file numbering, old for removals). */
export interface SymbolSite {
  readonly symbol: string;
  readonly patch: number;
  readonly file: string;
  readonly line: number;
  readonly side: 'new' | 'old';
  /**
   * `defines`: a Kconfig entry added, removed or changed; `tests`: a guard or Makefile use;
   * `block`: a member of a choice, menu or if block whose own lines (a `default`, a `depends
   * on`) changed, anchored there.
   */
  readonly role: 'defines' | 'tests' | 'block';
  readonly text: string;
}

const KCONFIG_ENTRY = /^\s*(?:menu)?config\s+(\w+)/;
const CONFIG_REF = /\bCONFIG_(\w+)/g;
const C_GUARD = /^\s*#\s*(?:if|elif|ifdef|ifndef)\b|\bIS_(?:ENABLED|REACHABLE|BUILTIN|MODULE)\s*\(/;

/** True for files Kconfig reads (Kconfig, Kconfig.debug, …). */
export function isKconfigFile(path: string): boolean {
  return /(^|\/)Kconfig[^/]*$/.test(path);
}

/**
 * False for files with Kconfig syntax that no top-level Kconfig sources: the Kconfig language's
 * own tests, documentation and host tools, whose symbols are not the kernel's.
 */
export function isTreeKconfigPath(path: string): boolean {
  return !/^(?:scripts\/kconfig\/tests|Documentation|tools)\//.test(path);
}

/** True for files kbuild reads (Makefile, Kbuild, *.mk). */
export function isMakefile(path: string): boolean {
  return /(^|\/)(Makefile[^/]*|Kbuild[^/]*|[^/]+\.mk)$/.test(path);
}

/** A line a patch adds to a Kconfig file, with where it lands in the new file. */
export interface AddedKconfigLine {
  readonly patch: number;
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Every line the series adds to Kconfig files, in patch, file and line order. */
export function addedKconfigLines(patches: readonly Patch[]): AddedKconfigLine[] {
  return patches.flatMap((patch) =>
    patch.files
      .filter((file) => !file.binary && isKconfigFile(file.newPath))
      .flatMap((file) =>
        file.hunks.flatMap((hunk) =>
          hunk.lines
            .filter((line) => line.kind === 'add')
            .map((line) => ({
              patch: patch.index,
              file: file.newPath,
              line: line.newLine ?? 0,
              text: line.text,
            })),
        ),
      ),
  );
}

/** Every symbol site of every patch, in patch, file and line order. */
export function touchedSymbols(patches: readonly Patch[]): SymbolSite[] {
  return patches.flatMap((patch) => patch.files.flatMap((file) => fileSites(patch.index, file)));
}

function fileSites(patch: number, file: FilePatch): SymbolSite[] {
  if (file.binary) return [];
  const path = file.change === 'deleted' ? file.oldPath : file.newPath;
  if (isKconfigFile(path)) return file.hunks.flatMap((h) => kconfigSites(patch, path, h));
  const make = isMakefile(path);
  const sites: SymbolSite[] = [];
  for (const hunk of file.hunks) {
    for (const line of changedLines(hunk)) {
      if (!make && !C_GUARD.test(line.text)) continue;
      for (const match of line.text.matchAll(CONFIG_REF)) {
        sites.push(site(match[1] ?? '', patch, path, line, 'tests'));
      }
    }
  }
  return sites;
}

// A changed line inside a Kconfig entry changes that entry: the entry is named by the nearest
// `config X` above it in the hunk, or by the hunk's section header, which git fills with the
// last unindented line before the hunk (usually that `config X`). Help text is not behaviour:
// a typo fixed in it changes no entry (each side tracks its own help block).
function kconfigSites(patch: number, path: string, hunk: Hunk): SymbolSite[] {
  const sites: SymbolSite[] = [];
  const entry = KCONFIG_ENTRY.exec(hunk.section)?.[1];
  const old: Side = { entry, help: undefined };
  const now: Side = { entry, help: undefined };
  for (const line of hunk.lines) {
    const sides = line.kind === 'add' ? [now] : line.kind === 'del' ? [old] : [old, now];
    const inHelp = sides.map((side) => step(side, line.text)).every(Boolean);
    if (line.kind !== 'add' && line.kind !== 'del') continue;
    const owner = line.kind === 'add' ? now.entry : old.entry;
    if (owner !== undefined && !inHelp) sites.push(site(owner, patch, path, line, 'defines'));
  }
  return sites;
}

/** One side of a hunk as it is read: the entry a line belongs to, and its help block. */
interface Side {
  entry: string | undefined;
  /** undefined: not in help text; -1: just after `help`; else the help text's indentation. */
  help: number | undefined;
}

const HELP = /^\s+(?:---)?help(?:---)?\s*$/;

// Advances one side past a line; true when the line is help text (or the `help` keyword).
function step(side: Side, text: string): boolean {
  const named = KCONFIG_ENTRY.exec(text)?.[1];
  if (named !== undefined) {
    side.entry = named;
    side.help = undefined;
    return false;
  }
  if (text.trim() === '') return side.help !== undefined;
  const indent = indentation(text);
  if (side.help !== undefined) {
    if (side.help === -1) side.help = indent;
    if (indent >= side.help && indent > 0) return true;
    side.help = undefined;
  }
  if (indent === 0) {
    // endif, menu, source and the like end the entry above them.
    side.entry = undefined;
    return false;
  }
  if (HELP.test(text)) {
    side.help = -1;
    return true;
  }
  return false;
}

// Columns as Kconfig counts them: a tab advances to the next multiple of 8.
function indentation(text: string): number {
  let column = 0;
  for (const ch of text) {
    if (ch === ' ') column++;
    else if (ch === '\t') column = (column & ~7) + 8;
    else break;
  }
  return column;
}

function changedLines(hunk: Hunk): HunkLine[] {
  return hunk.lines.filter((l) => l.kind === 'add' || l.kind === 'del');
}

function site(
  symbol: string,
  patch: number,
  file: string,
  line: HunkLine,
  role: SymbolSite['role'],
): SymbolSite {
  const side = line.kind === 'del' ? 'old' : 'new';
  const number = (side === 'old' ? line.oldLine : line.newLine) ?? 0;
  return { symbol, patch, file, line: number, side, role, text: line.text };
}
