import type { ExprPool } from './expr.ts';
import { joinAnd, joinOr } from './expr-join.ts';
import type { Expr, Sym } from './model.ts';

/**
 * The rewrites conf applies to dependencies while finalizing menus (expr_transform,
 * expr_eliminate_dups and helpers). Their exact results are visible in warning texts, so they
 * follow conf's rules and order of operations.
 */
export class Simplifier {
  readonly #p: ExprPool;
  /** What conf prints on stdout while simplifying: bool symbols compared with m. */
  readonly notes: string[] = [];
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
    const tmp = type === 'or' ? joinOr(this, this.#p, a, b) : joinAnd(this, this.#p, a, b);
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
    if (e.type === 'and' || e.type === 'or') {
      // gcc evaluates conf's call arguments right to left, so its notes come right operand first
      const r = this.transform(e.r) as Expr;
      e = p.two(e.type, this.transform(e.l) as Expr, r);
    } else if (e.type === 'not') e = p.not(this.transform(e.l) as Expr);
    switch (e.type) {
      case '=': {
        const s = e.ls as Sym;
        if (s.type !== 'bool') return e;
        if (e.rs === t.no) return p.not(p.sym(s));
        if (e.rs === t.mod) {
          this.notes.push(`boolean symbol ${s.name} tested for 'm'? test forced to 'n'`);
          return p.sym(t.no);
        }
        if (e.rs === t.yes) return p.sym(s);
        return e;
      }
      case '!=': {
        const s = e.ls as Sym;
        if (s.type !== 'bool') return e;
        if (e.rs === t.no) return p.sym(s);
        if (e.rs === t.mod) {
          this.notes.push(`boolean symbol ${s.name} tested for 'm'? test forced to 'y'`);
          return p.sym(t.yes);
        }
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

  /** conf's expr_trans_compare: `e` rewritten as explicit comparisons with `sym`. */
  transCompare(e: Expr | null, type: '=' | '!=', sym: Sym): Expr {
    const p = this.#p;
    const t = p.table;
    if (e === null) {
      const r = p.sym(sym);
      return type === '!=' ? p.not(r) : r;
    }
    switch (e.type) {
      case 'and':
      case 'or': {
        const e1 = this.transCompare(e.l, '=', sym);
        const e2 = this.transCompare(e.r, '=', sym);
        let r: Expr = e;
        const same = e.type === 'and' ? 'and' : 'or';
        const swapped = e.type === 'and' ? 'or' : 'and';
        if (sym === t.yes) r = p.two(same, e1, e2);
        if (sym === t.no) r = p.two(swapped, e1, e2);
        return type === '!=' ? p.not(r) : r;
      }
      case 'not':
        return this.transCompare(e.l, type === '=' ? '!=' : '=', sym);
      case 'symbol':
        return p.comp(type, e.ls as Sym, sym);
      case 'range':
        return e;
      default:
        if (type === '=') {
          if (sym === t.yes) return e;
          if (sym === t.mod) return p.sym(t.no);
          return p.not(e);
        }
        if (sym === t.yes) return p.not(e);
        if (sym === t.mod) return p.sym(t.yes);
        return e;
    }
  }
}
