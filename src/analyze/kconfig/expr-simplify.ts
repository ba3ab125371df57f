import type { ExprPool } from './expr.ts';
import type { Expr, Sym } from './model.ts';

/**
 * The rewrites conf applies to dependencies while finalizing menus (expr_transform,
 * expr_eliminate_dups and helpers). Their exact results are visible in warning texts, so they
 * follow conf's rules and order of operations.
 */
export class Simplifier {
  readonly #p: ExprPool;
  #count = 0;

  constructor(pool: ExprPool) {
    this.#p = pool;
  }

  #isConstYN(s: Sym): boolean {
    return s === this.#p.table.yes || s === this.#p.table.no;
  }

  #symIs(e: Expr, s: Sym): boolean {
    return e.type === 'symbol' && e.ls === s;
  }

  /** Replaces `m` by `m && MODULES` so it is n without modules. */
  rewriteM(e: Expr | null, modules: Sym): Expr | null {
    if (e === null) return null;
    const p = this.#p;
    switch (e.type) {
      case 'not':
        return p.not(this.rewriteM(e.l, modules) as Expr);
      case 'and':
      case 'or':
        return p.two(
          e.type,
          this.rewriteM(e.l, modules) as Expr,
          this.rewriteM(e.r, modules) as Expr,
        );
      case 'symbol':
        if (e.ls === p.table.mod) return p.two('and', e, p.sym(modules));
        return e;
      default:
        return e;
    }
  }

  // Leaves of a same-type chain compared pairwise; equal leaves become the neutral constant.
  #elimEqLeaves(type: 'and' | 'or', a: Expr, b: Expr): [Expr, Expr] {
    const p = this.#p;
    if (a.type === type) {
      const [l, b1] = this.#elimEqLeaves(type, a.l as Expr, b);
      const [r, b2] = this.#elimEqLeaves(type, a.r as Expr, b1);
      return [p.two(type, l, r), b2];
    }
    if (b.type === type) {
      const [a1, l] = this.#elimEqLeaves(type, a, b.l as Expr);
      const [a2, r] = this.#elimEqLeaves(type, a1, b.r as Expr);
      return [a2, p.two(type, l, r)];
    }
    if (a.type === 'symbol' && b.type === 'symbol' && a.ls === b.ls && this.#isConstYN(a.ls as Sym))
      return [a, b];
    if (!this.eq(a, b)) return [a, b];
    this.#count++;
    const k = p.sym(type === 'or' ? p.table.no : p.table.yes);
    return [k, k];
  }

  /** conf's expr_eliminate_eq: removes operands common to both expressions. */
  eliminateEq(a: Expr, b: Expr): [Expr, Expr] {
    let e1 = a;
    let e2 = b;
    if (e1.type === 'and' || e1.type === 'or') [e1, e2] = this.#elimEqLeaves(e1.type, e1, e2);
    if (e1.type !== e2.type && (e2.type === 'and' || e2.type === 'or'))
      [e1, e2] = this.#elimEqLeaves(e2.type, e1, e2);
    return [this.eliminateYn(e1), this.eliminateYn(e2)];
  }

  /** conf's expr_eq: equality up to operand order within and/or chains. */
  eq(a: Expr | null, b: Expr | null): boolean {
    const yes = this.#p.table.yes;
    if (a === null || b === null) {
      const ay = a === null || this.#symIs(a, yes);
      const by = b === null || this.#symIs(b, yes);
      return ay && by;
    }
    if (a.type !== b.type) return false;
    switch (a.type) {
      case 'symbol':
        return a.ls === b.ls;
      case 'not':
        return this.eq(a.l, b.l);
      case 'and':
      case 'or': {
        const old = this.#count;
        const [x, y] = this.eliminateEq(a, b);
        this.#count = old;
        return x.type === 'symbol' && y.type === 'symbol' && x.ls === y.ls;
      }
      case 'range':
        return false;
      default:
        return a.ls === b.ls && a.rs === b.rs;
    }
  }

  /** conf's expr_eliminate_yn: folds y/n operands of and/or. */
  eliminateYn(e: Expr): Expr {
    const t = this.#p.table;
    if (e.type === 'and') {
      const l = this.eliminateYn(e.l as Expr);
      const r = this.eliminateYn(e.r as Expr);
      if (l.type === 'symbol') {
        if (l.ls === t.no) return l;
        if (l.ls === t.yes) return r;
      }
      if (r.type === 'symbol') {
        if (r.ls === t.no) return r;
        if (r.ls === t.yes) return l;
      }
      return e;
    }
    if (e.type === 'or') {
      const l = this.eliminateYn(e.l as Expr);
      const r = this.eliminateYn(e.r as Expr);
      if (l.type === 'symbol') {
        if (l.ls === t.no) return r;
        if (l.ls === t.yes) return l;
      }
      if (r.type === 'symbol') {
        if (r.ls === t.no) return l;
        if (r.ls === t.yes) return r;
      }
      return e;
    }
    return e;
  }

  // The symbol a join candidate is about, or null when it cannot be joined.
  #joinSyms(e1: Expr, e2: Expr): Sym | null {
    const simple = (e: Expr) =>
      e.type === '=' || e.type === '!=' || e.type === 'symbol' || e.type === 'not';
    if (!simple(e1) || !simple(e2)) return null;
    let s1: Sym;
    if (e1.type === 'not') {
      const t = e1.l as Expr;
      if (t.type !== '=' && t.type !== '!=' && t.type !== 'symbol') return null;
      s1 = t.ls as Sym;
    } else s1 = e1.ls as Sym;
    let s2: Sym;
    if (e2.type === 'not') {
      if ((e2.l as Expr).type !== 'symbol') return null;
      s2 = (e2.l as Expr).ls as Sym;
    } else s2 = e2.ls as Sym;
    if (s1 !== s2) return null;
    if (s1.type !== 'bool' && s1.type !== 'tristate') return null;
    return s1;
  }

  #joinOr(e1: Expr, e2: Expr): Expr | null {
    const p = this.#p;
    const t = p.table;
    if (this.eq(e1, e2)) return e1;
    const s = this.#joinSyms(e1, e2);
    if (s === null) return null;
    if (s.type === 'tristate' && e1.type === '=' && e2.type === '=') {
      const pair = (a: Sym, b: Sym) => (e1.rs === a && e2.rs === b) || (e1.rs === b && e2.rs === a);
      if (pair(t.yes, t.mod)) return p.comp('!=', s, t.no);
      if (pair(t.yes, t.no)) return p.comp('!=', s, t.mod);
      if (pair(t.mod, t.no)) return p.comp('!=', s, t.yes);
    }
    if (s.type === 'bool') {
      if (
        (e1.type === 'not' && (e1.l as Expr).type === 'symbol' && e2.type === 'symbol') ||
        (e2.type === 'not' && (e2.l as Expr).type === 'symbol' && e1.type === 'symbol')
      )
        return p.sym(t.yes);
    }
    return null;
  }

  #joinAnd(e1: Expr, e2: Expr): Expr | null {
    const p = this.#p;
    const t = p.table;
    if (this.eq(e1, e2)) return e1;
    const s = this.#joinSyms(e1, e2);
    if (s === null) return null;
    const either = (ta: string, tb: string, rs: Sym) =>
      (e1.type === ta && e2.type === tb && e2.rs === rs) ||
      (e2.type === ta && e1.type === tb && e1.rs === rs);
    if (either('symbol', '=', t.yes)) return p.comp('=', s, t.yes);
    if (either('symbol', '!=', t.no)) return p.sym(s);
    if (either('symbol', '!=', t.mod)) return p.comp('=', s, t.yes);
    if (s.type === 'tristate') {
      if (e1.type === '=' && e2.type === '!=') {
        const s2 = e1.rs as Sym;
        const r2 = e2.rs as Sym;
        if (r2.isConst && s2.isConst) return s2 !== r2 ? p.comp('=', s, s2) : p.sym(t.no);
      }
      if (e1.type === '!=' && e2.type === '=') {
        const s2 = e2.rs as Sym;
        const r1 = e1.rs as Sym;
        if (r1.isConst && s2.isConst) return s2 !== r1 ? p.comp('=', s, s2) : p.sym(t.no);
      }
      if (e1.type === '!=' && e2.type === '!=') {
        const pair = (a: Sym, b: Sym) =>
          (e1.rs === a && e2.rs === b) || (e1.rs === b && e2.rs === a);
        if (pair(t.yes, t.no)) return p.comp('=', s, t.mod);
        if (pair(t.yes, t.mod)) return p.comp('=', s, t.no);
        if (pair(t.mod, t.no)) return p.comp('=', s, t.yes);
      }
    }
    return null;
  }

  #dups1(type: 'and' | 'or', a: Expr, b: Expr): [Expr, Expr] {
    const p = this.#p;
    if (a.type === type) {
      const [l, b1] = this.#dups1(type, a.l as Expr, b);
      const [r, b2] = this.#dups1(type, a.r as Expr, b1);
      return [p.two(type, l, r), b2];
    }
    if (b.type === type) {
      const [a1, l] = this.#dups1(type, a, b.l as Expr);
      const [a2, r] = this.#dups1(type, a1, b.r as Expr);
      return [a2, p.two(type, l, r)];
    }
    const tmp = type === 'or' ? this.#joinOr(a, b) : this.#joinAnd(a, b);
    if (tmp === null) return [a, b];
    this.#count++;
    return [p.sym(type === 'or' ? p.table.no : p.table.yes), tmp];
  }

  /** conf's expr_eliminate_dups: joins duplicate and redundant operands until nothing changes. */
  eliminateDups(e: Expr | null): Expr | null {
    if (e === null) return null;
    const old = this.#count;
    let cur = e;
    do {
      this.#count = 0;
      if (cur.type === 'and' || cur.type === 'or') {
        const l = this.eliminateDups(cur.l) as Expr;
        const r = this.eliminateDups(cur.r) as Expr;
        const [l2, r2] = this.#dups1(cur.type, l, r);
        cur = this.#p.two(cur.type, l2, r2);
      }
      cur = this.eliminateYn(cur);
    } while (this.#count);
    this.#count = old;
    return cur;
  }

  /** conf's expr_transform: normalises comparisons of bools and pushes negations inwards. */
  transform(e0: Expr | null): Expr | null {
    if (e0 === null) return null;
    const p = this.#p;
    const t = p.table;
    let e = e0;
    if (e.type === 'and' || e.type === 'or')
      e = p.two(e.type, this.transform(e.l) as Expr, this.transform(e.r) as Expr);
    else if (e.type === 'not') e = p.not(this.transform(e.l) as Expr);
    switch (e.type) {
      case '=': {
        const s = e.ls as Sym;
        if (s.type !== 'bool') return e;
        if (e.rs === t.no) return p.not(p.sym(s));
        if (e.rs === t.mod) return p.sym(t.no);
        if (e.rs === t.yes) return p.sym(s);
        return e;
      }
      case '!=': {
        const s = e.ls as Sym;
        if (s.type !== 'bool') return e;
        if (e.rs === t.no) return p.sym(s);
        if (e.rs === t.mod) return p.sym(t.yes);
        if (e.rs === t.yes) return p.not(p.sym(s));
        return e;
      }
      case 'not': {
        const c = e.l as Expr;
        switch (c.type) {
          case 'not':
            return c.l as Expr;
          case '=':
          case '!=':
            return p.comp(c.type === '=' ? '!=' : '=', c.ls as Sym, c.rs as Sym);
          case '<=':
          case '>=':
            return p.comp(c.type === '<=' ? '>' : '<', c.ls as Sym, c.rs as Sym);
          case '<':
          case '>':
            return p.comp(c.type === '<' ? '>=' : '<=', c.ls as Sym, c.rs as Sym);
          case 'or':
            return this.transform(p.two('and', p.not(c.l as Expr), p.not(c.r as Expr)));
          case 'and':
            return this.transform(p.two('or', p.not(c.l as Expr), p.not(c.r as Expr)));
          case 'symbol':
            if (c.ls === t.yes) return p.sym(t.no);
            if (c.ls === t.mod) return p.sym(t.mod);
            if (c.ls === t.no) return p.sym(t.yes);
            return e;
          default:
            return e;
        }
      }
      default:
        return e;
    }
  }
}
