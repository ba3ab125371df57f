import type { ExprPool } from './expr.ts';
import type { Simplifier } from './expr-simplify.ts';
import type { Expr, Sym } from './model.ts';

// The symbol a join candidate is about, or null when it cannot be joined.
function joinSyms(e1: Expr, e2: Expr): Sym | null {
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

/** conf's expr_join_or: `e1 || e2` as one operand, or null when they do not combine. */
export function joinOr(simp: Simplifier, p: ExprPool, e1: Expr, e2: Expr): Expr | null {
  const t = p.table;
  if (simp.eq(e1, e2)) return e1;
  const s = joinSyms(e1, e2);
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

/** conf's expr_join_and: `e1 && e2` as one operand, or null when they do not combine. */
export function joinAnd(simp: Simplifier, p: ExprPool, e1: Expr, e2: Expr): Expr | null {
  const t = p.table;
  if (simp.eq(e1, e2)) return e1;
  const s = joinSyms(e1, e2);
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
      const pair = (a: Sym, b: Sym) => (e1.rs === a && e2.rs === b) || (e1.rs === b && e2.rs === a);
      if (pair(t.yes, t.no)) return p.comp('=', s, t.mod);
      if (pair(t.yes, t.mod)) return p.comp('=', s, t.no);
      if (pair(t.mod, t.no)) return p.comp('=', s, t.yes);
    }
  }
  return null;
}
