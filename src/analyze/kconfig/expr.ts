import type { Expr, ExprType, Sym } from './model.ts';
import type { SymbolTable } from './symbols.ts';

/**
 * Builds interned expressions: one node per (type, operands), as conf's expr_lookup does, so
 * cached values and identity comparisons behave like conf's.
 */
export class ExprPool {
  // two levels of small-integer keys: (kind, left) then right
  readonly #nodes = new Map<number, Map<number, Expr>>();
  readonly #symNodes = new Map<Sym, Expr>();
  readonly table: SymbolTable;
  #next = 0;

  constructor(table: SymbolTable) {
    this.table = table;
  }

  #intern(
    type: ExprType,
    k0: number,
    k1: number,
    l: Expr | null,
    r: Expr | null,
    ls: Sym | null,
    rs: Sym | null,
  ): Expr {
    let inner = this.#nodes.get(k0);
    if (inner === undefined) {
      inner = new Map();
      this.#nodes.set(k0, inner);
    }
    const found = inner.get(k1);
    if (found !== undefined) return found;
    const e: Expr = {
      id: this.#next++,
      type,
      l,
      r,
      ls,
      rs,
      val: 0,
      valEpoch: -1,
    };
    inner.set(k1, e);
    return e;
  }

  /** A node for one symbol. */
  sym(s: Sym): Expr {
    const found = this.#symNodes.get(s);
    if (found !== undefined) return found;
    const e: Expr = {
      id: this.#next++,
      type: 'symbol',
      l: null,
      r: null,
      ls: s,
      rs: null,
      val: 0,
      valEpoch: -1,
    };
    this.#symNodes.set(s, e);
    return e;
  }

  /** A negation. */
  not(e: Expr): Expr {
    return this.#intern('not', keyOf(0, e.id), 0, e, null, null, null);
  }

  /** An and/or node of two sub-expressions. */
  two(type: 'and' | 'or', a: Expr, b: Expr): Expr {
    return this.#intern(type, keyOf(type === 'and' ? 1 : 2, a.id), b.id, a, b, null, null);
  }

  /** A comparison (or range) of two symbols. */
  comp(type: ExprType, a: Sym, b: Sym): Expr {
    return this.#intern(type, keyOf(COMP_CODE[type], a.seq + 4), b.seq + 4, null, null, a, b);
  }

  /** conf's expr_alloc_and: null means "no condition". */
  and(a: Expr | null, b: Expr | null): Expr | null {
    if (a === null) return b;
    return b === null ? a : this.two('and', a, b);
  }

  /** conf's expr_alloc_or. */
  or(a: Expr | null, b: Expr | null): Expr | null {
    if (a === null) return b;
    return b === null ? a : this.two('or', a, b);
  }

  /** Every interned node (for resetting cached values). */
  get size(): number {
    return this.#next;
  }
}

const COMP_CODE: Record<ExprType, number> = {
  symbol: 3,
  not: 0,
  and: 1,
  or: 2,
  '=': 4,
  '!=': 5,
  '<': 6,
  '<=': 7,
  '>': 8,
  '>=': 9,
  range: 10,
};

// Keys for (kind, left, right): kind and left id in one small integer, then the right id.
function keyOf(kind: number, a: number): number {
  if (a >= 1 << 24) throw new RangeError('too many Kconfig expressions');
  return kind * (1 << 24) + a;
}

/** True when an expression is absent or the constant y. */
export function isYes(e: Expr | null, table: SymbolTable): boolean {
  return e === null || (e.type === 'symbol' && e.ls === table.yes);
}

// conf's expr_compare_type: whether a child of `outer` needs parentheses.
const RANK: Partial<Record<ExprType | 'none', number>> = {
  '<=': 0,
  '<': 0,
  '>=': 0,
  '>': 0,
  '=': 1,
  '!=': 1,
  not: 2,
  and: 3,
  or: 4,
};
function needsParens(outer: ExprType | 'none', inner: ExprType): boolean {
  if (outer === inner) return false;
  const ro = RANK[outer];
  const ri = RANK[inner];
  if (ro === undefined || ri === undefined) return false;
  if (ro === 0) return ri === 1 || ri === 2 || ri === 3 || ri === 4;
  if (ro === 1) return ri === 2 || ri === 3 || ri === 4;
  if (ro === 2) return ri === 3 || ri === 4;
  if (ro === 3) return ri === 4;
  return false;
}

/** Writes one symbol token; `value` adds conf's " [=val]" annotation. */
export type SymbolWriter = (s: Sym | null, text: string) => string;

/** Prints an expression the way conf's expr_print does, through a token writer. */
export function printExpr(
  e: Expr | null,
  w: SymbolWriter,
  outer: ExprType | 'none' = 'none',
): string {
  if (e === null) return w(null, 'y');
  const paren = needsParens(outer, e.type);
  let out = paren ? '(' : '';
  const left = (s: Sym): string => (s.name !== null ? w(s, s.name) : w(null, '<choice>'));
  switch (e.type) {
    case 'symbol':
      out += left(e.ls as Sym);
      break;
    case 'not':
      out += `!${printExpr(e.l, w, 'not')}`;
      break;
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const rs = e.rs as Sym;
      out += `${left(e.ls as Sym)}${e.type}${w(rs, rs.name ?? '')}`;
      break;
    }
    case 'or':
      out += `${printExpr(e.l, w, 'or')} || ${printExpr(e.r, w, 'or')}`;
      break;
    case 'and':
      out += `${printExpr(e.l, w, 'and')} && ${printExpr(e.r, w, 'and')}`;
      break;
    case 'range': {
      const ls = e.ls as Sym;
      const rs = e.rs as Sym;
      out += `[${w(ls, ls.name ?? '')} ${w(rs, rs.name ?? '')}]`;
      break;
    }
  }
  return paren ? `${out})` : out;
}

/** A writer that prints plain names (conf's expr_fprint). */
export const plainWriter: SymbolWriter = (_s, text) => text;
