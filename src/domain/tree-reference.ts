// A line of a tree that names a symbol: what git grep finds and the checks quote.
/** A line of the tree after the series that names a symbol. */
export interface TreeReference {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}
