import { autoSubmenu, flattenSubmenus } from './auto-submenu.ts';
import type { Simplifier } from './expr-simplify.ts';
import { isChoice, type Menu, type Prop, type Sym } from './model.ts';
import type { ParsedKconfig } from './parser.ts';

/** conf's sym_get_choice_menu: the choice block a symbol's first prompt sits in, if any. */
export function choiceMenuOf(sym: Sym): Menu | null {
  let menu: Menu | null = null;
  for (const m of sym.menus) {
    if (m.prompt !== null) {
      menu = m;
      break;
    }
  }
  if (menu === null) return null;
  do menu = menu.parent;
  while (menu !== null && menu.sym === null);
  return menu !== null && menu.sym !== null && isChoice(menu.sym) ? menu : null;
}

/**
 * conf's menu_finalize: propagates menu and `if` dependencies into each entry, its prompts and
 * properties, builds direct dependencies, select/imply reverse dependencies, and warns about
 * ill-typed properties.
 */
export function finalizeMenus(
  k: ParsedKconfig,
  simp: Simplifier,
  modules: Sym,
  negatedEndsSubmenu = true,
): void {
  const { pool } = k;
  const prep = (base: Expr | null, e: Expr | null) =>
    simp.eliminateDups(pool.and(base, simp.transform(simp.rewriteM(e, modules))));

  const walk = (parent: Menu, insideChoice: boolean): void => {
    const sym = parent.sym;
    if (parent.children.length > 0) {
      for (const menu of parent.children) {
        const basedep = prep(parent.dep, menu.dep);
        menu.dep = basedep;
        const props: Prop[] =
          menu.sym !== null ? menu.sym.props : menu.prompt !== null ? [menu.prompt] : [];
        for (const prop of props) {
          if (prop.menu !== menu) continue;
          const dep = prep(basedep, prop.visibleExpr);
          prop.visibleExpr = dep;
          if (
            (prop.type === 'select' || prop.type === 'imply') &&
            prop.expr !== null &&
            prop.expr.ls !== null
          ) {
            const es = prop.expr.ls;
            const term = pool.and(pool.sym(menu.sym as Sym), dep) as Expr;
            if (prop.type === 'select') es.revDep = pool.or(es.revDep, term);
            else es.implied = pool.or(es.implied, term);
          }
        }
      }
      const inChoice = sym !== null && isChoice(sym);
      // an entry may take the siblings after it as its submenu, so the list shrinks as we go
      for (let i = 0; i < parent.children.length; i++) walk(parent.children[i] as Menu, inChoice);
    } else if (!insideChoice && sym !== null) {
      autoSubmenu(parent, sym, simp, pool, walk, negatedEndsSubmenu);
      sym.dirDep = pool.or(sym.dirDep, parent.dep);
    }
    flattenSubmenus(parent);
    if (sym !== null && !sym.warned) {
      if (sym.type === 'unknown')
        k.warnings.push(
          `${parent.file}:${parent.line}:warning: config symbol defined without type`,
        );
      checkProps(k, sym);
      sym.warned = true;
    }
  };
  walk(k.root, false);
}

type Expr = NonNullable<Prop['expr']>;

function validNumber(sym: Sym, s: Sym): boolean {
  return (
    s.type === 'int' || s.type === 'hex' || (s.type === 'unknown' && stringValid(sym, s.name ?? ''))
  );
}

/** conf's sym_string_valid: whether text is a valid value for the symbol's type. */
export function stringValid(sym: Sym, str: string): boolean {
  switch (sym.type) {
    case 'string':
      return true;
    case 'int':
      return /^-?(0|[1-9][0-9]*)$/.test(str);
    case 'hex':
      return /^(0[xX])?[0-9a-fA-F]+$/.test(str);
    case 'bool':
    case 'tristate':
      return /^[yYmMnN]/.test(str);
    default:
      return false;
  }
}

function checkProps(k: ParsedKconfig, sym: Sym): void {
  const warn = (p: Prop, m: string) => k.warnings.push(`${p.file}:${p.line}:warning: ${m}`);
  const name = sym.name ?? '(null)';
  for (const prop of sym.props) {
    const e = prop.expr;
    switch (prop.type) {
      case 'default': {
        if (
          (sym.type === 'string' || sym.type === 'int' || sym.type === 'hex') &&
          e?.type !== 'symbol'
        )
          warn(prop, `default for config symbol '${name}' must be a single symbol`);
        if (e === null || e.type !== 'symbol') break;
        const s2 = e.ls as Sym;
        if ((sym.type === 'hex' || sym.type === 'int') && !validNumber(sym, s2))
          warn(prop, `'${name}': number is invalid`);
        if (isChoice(sym)) {
          const c = choiceMenuOf(s2);
          if (c === null || c.sym !== sym)
            warn(prop, `choice default symbol '${s2.name}' is not contained in the choice`);
        }
        break;
      }
      case 'select':
      case 'imply': {
        const use = prop.type;
        const s2 = e?.ls as Sym;
        if (sym.type !== 'bool' && sym.type !== 'tristate')
          warn(prop, `config symbol '${name}' uses ${use}, but is not bool or tristate`);
        else if (s2.type !== 'unknown' && s2.type !== 'bool' && s2.type !== 'tristate')
          warn(
            prop,
            `'${s2.name}' has wrong type. '${use}' only accept arguments of bool and tristate type`,
          );
        break;
      }
      case 'range':
        if (sym.type !== 'int' && sym.type !== 'hex')
          warn(prop, 'range is only allowed for int or hex symbols');
        if (!validNumber(sym, e?.ls as Sym) || !validNumber(sym, e?.rs as Sym))
          warn(prop, 'range is invalid');
        break;
      default:
    }
  }
}
