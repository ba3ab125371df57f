import { type ExprPool, isYes } from './expr.ts';
import type { Simplifier } from './expr-simplify.ts';
import type { Expr, Menu, Sym } from './model.ts';

/** conf's expr_contains_symbol. */
export function containsSymbol(e: Expr | null, sym: Sym): boolean {
  if (e === null) return false;
  switch (e.type) {
    case 'and':
    case 'or':
      return containsSymbol(e.l, sym) || containsSymbol(e.r, sym);
    case 'not':
      return containsSymbol(e.l, sym);
    case 'symbol':
      return e.ls === sym;
    case 'range':
      return false;
    default:
      return e.ls === sym || e.rs === sym;
  }
}

/** conf's expr_depends_symbol: whether `e` can only be true when `sym` is. */
export function dependsSymbol(e: Expr | null, sym: Sym, pool: ExprPool): boolean {
  if (e === null) return false;
  const t = pool.table;
  switch (e.type) {
    case 'and':
      return dependsSymbol(e.l, sym, pool) || dependsSymbol(e.r, sym, pool);
    case 'symbol':
      return e.ls === sym;
    case '=':
      return e.ls === sym && (e.rs === t.yes || e.rs === t.mod);
    case '!=':
      return e.ls === sym && e.rs === t.no;
    default:
      return false;
  }
}

/** conf's expr_contains_symbol_negated (7.x): whether `e` holds with `sym` off (!sym, sym=n, sym!=y). */
export function containsSymbolNegated(e: Expr | null, sym: Sym, pool: ExprPool): boolean {
  if (e === null) return false;
  const t = pool.table;
  switch (e.type) {
    case 'and':
    case 'or':
      return containsSymbolNegated(e.l, sym, pool) || containsSymbolNegated(e.r, sym, pool);
    case 'not':
      return e.l?.type === 'symbol' && e.l.ls === sym;
    case '=':
      return e.ls === sym && e.rs === t.no;
    case '!=':
      return e.ls === sym && (e.rs === t.yes || e.rs === t.mod);
    default:
      return false;
  }
}

// The `e != n` form autoSubmenu compares, per expression (they are interned, so siblings share
// them): the same rewrite of the same node gives the same node. A rewrite that printed a note
// (a bool compared with m) is not kept, so conf's notes still come once per rewrite.
const normalForms = new WeakMap<Simplifier, Map<Expr | null, Expr | null>>();

function normalForm(e: Expr | null, simp: Simplifier, pool: ExprPool): Expr | null {
  let forms = normalForms.get(simp);
  if (forms === undefined) {
    forms = new Map();
    normalForms.set(simp, forms);
  }
  const known = forms.get(e);
  if (known !== undefined) return known;
  const notes = simp.notes.length;
  const form = simp.eliminateDups(simp.transform(simp.transCompare(e, '!=', pool.table.no)));
  if (simp.notes.length === notes) forms.set(e, form);
  return form;
}

// Whether an expression holds a comparison with m: the only thing whose rewrite prints a note.
function comparesWithM(e: Expr | null, pool: ExprPool): boolean {
  if (e === null) return false;
  switch (e.type) {
    case 'and':
    case 'or':
      return comparesWithM(e.l, pool) || comparesWithM(e.r, pool);
    case 'not':
      return comparesWithM(e.l, pool);
    case '=':
    case '!=':
      return e.ls === pool.table.mod || e.rs === pool.table.mod;
    default:
      return false;
  }
}

/**
 * conf's automatic submenus: the entries right after a symbol that depend on it (or on a superset
 * of its dependencies that contains it) become its children. They are finalized here, before
 * the symbol itself, which is why conf reports their property warnings first. Since 7.x an
 * entry that depends on the symbol negated ends the submenu (`negatedEndsSubmenu`).
 */
export function autoSubmenu(
  menu: Menu,
  sym: Sym,
  simp: Simplifier,
  pool: ExprPool,
  walk: (m: Menu, insideChoice: boolean) => void,
  negatedEndsSubmenu = true,
): void {
  const parent = menu.parent;
  if (parent === null) return;
  const normal = (e: Expr | null) => normalForm(e, simp, pool);
  // Only a sibling that names sym without plainly depending on it needs this, so it is made on
  // first use; but at once when its rewrite may print a note (a comparison with m), as conf does.
  const own = menu.prompt !== null ? menu.prompt.visibleExpr : null;
  let basedep = comparesWithM(own, pool) ? normal(own) : undefined;
  const siblings = parent.children;
  const at = siblings.indexOf(menu);
  let j = at + 1;
  for (; j < siblings.length; j++) {
    const next = siblings[j] as Menu;
    const dep = next.prompt !== null ? next.prompt.visibleExpr : next.dep;
    if (!containsSymbol(dep, sym)) break;
    if (!dependsSymbol(dep, sym, pool)) {
      // 7.x: an entry that also holds with sym off is no child of sym (`depends on !A`)
      if (negatedEndsSubmenu && containsSymbolNegated(dep, sym, pool)) break;
      basedep ??= normal(own);
      const [, rest] = simp.eliminateEq(normal(dep) as Expr, basedep as Expr);
      if (!isYes(rest, pool.table)) break;
    }
    walk(next, false);
    next.parent = menu;
  }
  if (j > at + 1) menu.children = siblings.splice(at + 1, j - at - 1);
}

/** conf's flattening: `if` blocks and promptless entries hand their children to their parent. */
export function flattenSubmenus(parent: Menu): void {
  const list = parent.children;
  for (let i = 0; i < list.length; i++) {
    const m = list[i] as Menu;
    if (m.children.length === 0 || (m.prompt !== null && m.prompt.text !== null)) continue;
    for (const c of m.children) c.parent = parent;
    list.splice(i + 1, 0, ...m.children);
    m.children = [];
  }
}
