// The defined symbol an undefined reference is most likely a typo of: within two edits, the
// only one that close. Ties and far names give nothing, so advice never names a wrong symbol.

const MAX_EDITS = 2;
const MIN_LENGTH = 4;

/** The one name of `names` within two edits of `symbol` and nearer than any other, if any. */
export function nearestName(symbol: string, names: Iterable<string>): string | undefined {
  if (symbol.length < MIN_LENGTH) return undefined;
  let best: string | undefined;
  let bestDistance = MAX_EDITS + 1;
  let tied = false;
  for (const name of names) {
    if (name === symbol || Math.abs(name.length - symbol.length) > MAX_EDITS) continue;
    const d = editDistance(symbol, name, bestDistance + 1);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance && d <= MAX_EDITS) tied = true;
  }
  return best !== undefined && !tied && bestDistance <= MAX_EDITS ? best : undefined;
}

// Levenshtein distance, given up (returns `limit`) once every path costs at least `limit`.
function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length] ?? limit;
}
