// A changed Kconfig line that belongs to no `config` entry (a `default` added to a choice, a
// `depends on` of a menu, an `if` around entries) still changes those entries: it touches the
// block, and the block's members are what a finding about it is about. This finds them in the
// file after the series and gives them sites on the changed line (role `block`), so findings
// about the members are anchored where the block changed.
import type { Patch } from '../../domain/series.ts';
import { isKconfigFile, isTreeKconfigPath, type SymbolSite } from './touched-symbols.ts';

/** A choice, menu or if block of a Kconfig file: its lines and the entries inside it. */
interface Block {
  readonly start: number;
  end: number;
  readonly members: string[];
}

const OPENS = /^\s*(choice|menu|if)\b/;
const CLOSES = /^\s*(endchoice|endmenu|endif)\b/;
const ENTRY = /^\s*(?:menu)?config\s+(\w+)/;
const MAX_MEMBERS = 16;

/** The blocks of a Kconfig file, innermost last among those containing a line. */
export function kconfigBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const open: Block[] = [];
  text.split('\n').forEach((line, i) => {
    if (OPENS.test(line) && !/^\s*menuconfig\b/.test(line)) {
      const block: Block = { start: i + 1, end: Number.MAX_SAFE_INTEGER, members: [] };
      blocks.push(block);
      open.push(block);
    } else if (CLOSES.test(line)) {
      const block = open.pop();
      if (block !== undefined) block.end = i + 1;
    } else {
      const name = ENTRY.exec(line)?.[1];
      if (name !== undefined)
        for (const b of open) if (!b.members.includes(name)) b.members.push(name);
    }
  });
  return blocks;
}

/**
 * Sites for the members of the innermost block around each changed line that no entry owns.
 * `read` gives a file of the tree after the series; a line whose text is not there (a later
 * patch moved it) is left alone rather than guessed at.
 */
export async function blockSites(
  patches: readonly Patch[],
  sites: readonly SymbolSite[],
  read: (path: string) => Promise<string | undefined>,
): Promise<SymbolSite[]> {
  const owned = new Set(sites.map((s) => `${s.patch}:${s.file}:${s.side}:${s.line}`));
  const found: SymbolSite[] = [];
  const files = new Map<string, Promise<{ lines: string[]; blocks: Block[] } | undefined>>();
  const layout = (path: string) => {
    let got = files.get(path);
    if (got === undefined) {
      got = read(path).then((text) =>
        text === undefined ? undefined : { lines: text.split('\n'), blocks: kconfigBlocks(text) },
      );
      files.set(path, got);
    }
    return got;
  };
  for (const patch of patches) {
    for (const file of patch.files) {
      if (file.binary || file.change === 'deleted') continue;
      if (!isKconfigFile(file.newPath) || !isTreeKconfigPath(file.newPath)) continue;
      for (const hunk of file.hunks) {
        let next = hunk.newStart;
        for (const line of hunk.lines) {
          if (line.kind === 'context' || line.kind === 'add') next = (line.newLine ?? next) + 1;
          if (line.kind !== 'add' && line.kind !== 'del') continue;
          const side = line.kind === 'add' ? 'new' : 'old';
          const number = (side === 'new' ? line.newLine : line.oldLine) ?? 0;
          if (owned.has(`${patch.index}:${file.newPath}:${side}:${number}`)) continue;
          if (/^\s*(#.*)?$/.test(line.text) || /^\s*source\b/.test(line.text)) continue;
          const at = side === 'new' ? number : next;
          const tree = await layout(file.newPath);
          if (tree === undefined) continue;
          if (side === 'new' && tree.lines[at - 1] !== line.text) continue;
          const block = tree.blocks.filter((b) => b.start <= at && at <= b.end).at(-1);
          for (const symbol of block?.members.slice(0, MAX_MEMBERS) ?? []) {
            found.push({
              symbol,
              patch: patch.index,
              file: file.newPath,
              line: number,
              side,
              role: 'block',
              text: line.text,
            });
          }
        }
      }
    }
  }
  return found;
}
