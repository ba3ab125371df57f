// Whether a series is kreview's business at all: it touches a Kconfig file, names a CONFIG_
// symbol on a changed line (C, Makefile, defconfig or documentation alike), or neither. A series
// of neither kind is recorded as "nothing to review" and gets no evaluation and no mail.
import type { Series } from '../domain/series.ts';

const KCONFIG_FILE = /(^|\/)Kconfig[^/]*$/;
const CONFIG_WORD = /\bCONFIG_[A-Za-z0-9_]+/;

/** True when some patch of the series touches Kconfig or a CONFIG_ symbol. */
export function touchesKconfig(series: Series): boolean {
  for (const patch of series.patches) {
    for (const file of patch.files) {
      if (KCONFIG_FILE.test(file.newPath) || KCONFIG_FILE.test(file.oldPath)) return true;
      for (const hunk of file.hunks)
        for (const line of hunk.lines)
          if ((line.kind === 'add' || line.kind === 'del') && CONFIG_WORD.test(line.text))
            return true;
    }
  }
  return false;
}

/** The one line a review of such a series says. */
export const NOTHING_TO_REVIEW =
  'Nothing for kreview to review: the series touches no Kconfig file and no CONFIG_ symbol.';
