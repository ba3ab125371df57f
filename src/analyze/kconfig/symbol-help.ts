// The text conf prints when a question is answered '?' (conf.c's print_help, menu.c's
// menu_get_ext_help and get_symbol_str): the entry's help, then the symbol's definitions, their
// prompts, dependencies and menu locations, and what selects and implies it, with the current
// value of every symbol named.
import type { Evaluator } from './evaluate.ts';
import { printExpr } from './expr.ts';
import {
  type Expr,
  type Menu,
  MOD,
  NO,
  type Prop,
  type PropType,
  type Sym,
  type Tri,
  YES,
} from './model.ts';
import { valueWriter } from './unmet-dep.ts';

const NO_HELP = 'There is no help available for this option.';

// conf's sym_type_name
const TYPE_NAME: Record<Sym['type'], string> = {
  unknown: 'unknown',
  bool: 'bool',
  tristate: 'tristate',
  int: 'integer',
  hex: 'hex',
  string: 'string',
};

const isYesExpr = (e: Expr | null): boolean =>
  e === null || (e.type === 'symbol' && e.ls?.isConst === true && e.ls.name === 'y');

// The operands of a chain of one operator, for comparing two chains whatever their order.
function operands(e: Expr, type: 'and' | 'or', out: Expr[] = []): Expr[] {
  if (e.type === type) {
    operands(e.l as Expr, type, out);
    operands(e.r as Expr, type, out);
  } else out.push(e);
  return out;
}

/**
 * conf's expr_eq on a prompt's dependency and visibility: the same expression, or and/or chains
 * of the same operands in another order (expr_eliminate_eq cancels the common ones).
 */
function sameExpr(a: Expr | null, b: Expr | null): boolean {
  if (a === null || b === null) return isYesExpr(a) && isYesExpr(b);
  if (a === b) return true;
  if (a.type !== b.type) return false;
  if (a.type === 'not') return sameExpr(a.l, b.l);
  if (a.type !== 'and' && a.type !== 'or') return a.ls === b.ls && a.rs === b.rs;
  const rest = operands(b, a.type);
  for (const x of operands(a, a.type)) {
    const i = rest.indexOf(x);
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return rest.length === 0;
}

// menu_get_prompt; printf prints a missing one as "(null)"
function promptOf(menu: Menu): string {
  return menu.prompt?.text ?? menu.sym?.name ?? '(null)';
}

function depLine(ev: Evaluator, e: Expr | null, prefix: string): string {
  return isYesExpr(e) ? '' : `${prefix}${printExpr(e, valueWriter(ev))}\n`;
}

// get_prompt_str without jump keys (conf passes none): the prompt, its dependencies and where it
// sits, from the outermost menu in, at most eight levels.
function promptText(ev: Evaluator, root: Menu, prop: Prop): string {
  const menu = prop.menu;
  let s = `  Prompt: ${prop.text ?? '(null)'}\n`;
  s += depLine(ev, menu.dep, '  Depends on: ');
  if (!sameExpr(menu.dep, prop.visibleExpr)) s += depLine(ev, prop.visibleExpr, '  Visible if: ');
  const path: Menu[] = [];
  for (let m: Menu | null = menu; m !== null && m !== root && path.length < 8; m = m.parent)
    path.push(m);
  s += '  Location:\n';
  for (let j = 0; j < path.length; j++) {
    const m = path[path.length - 1 - j] as Menu;
    s += `${' '.repeat(2 * j + 4)}-> ${promptOf(m)}`;
    if (m.sym !== null) s += ` (${m.sym.name ?? '<choice>'} [=${ev.stringValue(m.sym)}])`;
    s += '\n';
  }
  return s;
}

function propsLine(ev: Evaluator, sym: Sym, type: PropType, prefix: string): string {
  const list = sym.props.filter((p) => p.type === type);
  if (list.length === 0) return '';
  return `${prefix}${list.map((p) => printExpr(p.expr, valueWriter(ev))).join(' && ')}\n`;
}

// expr_gstr_print_revdep: the terms of an or-chain whose value is `want`, one a line
function revdepLines(ev: Evaluator, e: Expr | null, want: Tri, title: string): string {
  if (e === null) return '';
  const terms = operands(e, 'or').filter((t) => ev.value(t) === want);
  if (terms.length === 0) return '';
  return title + terms.map((t) => `  - ${printExpr(t, valueWriter(ev))}\n`).join('');
}

// get_symbol_str with no jump keys
function symbolText(ev: Evaluator, root: Menu, sym: Sym): string {
  let s = '';
  if (sym.name !== null) {
    s += `Symbol: ${sym.name} [=${ev.stringValue(sym)}]\nType  : ${TYPE_NAME[sym.type]}\n`;
    if (sym.type === 'int' || sym.type === 'hex') {
      const range = ev.rangeProp(sym);
      if (range !== null) s += `Range : ${printExpr(range.expr, valueWriter(ev))}\n`;
    }
  }
  // the definitions with a prompt first
  for (const m of sym.menus) {
    if (m.prompt !== null) s += `Defined at ${m.file}:${m.line}\n${promptText(ev, root, m.prompt)}`;
  }
  for (const m of sym.menus) {
    if (m.prompt === null)
      s += `Defined at ${m.file}:${m.line}\n${depLine(ev, m.dep, '  Depends on: ')}`;
  }
  s += propsLine(ev, sym, 'select', 'Selects: ');
  s += revdepLines(ev, sym.revDep, YES, 'Selected by [y]:\n');
  s += revdepLines(ev, sym.revDep, MOD, 'Selected by [m]:\n');
  s += revdepLines(ev, sym.revDep, NO, 'Selected by [n]:\n');
  s += propsLine(ev, sym, 'imply', 'Implies: ');
  s += revdepLines(ev, sym.implied, YES, 'Implied by [y]:\n');
  s += revdepLines(ev, sym.implied, MOD, 'Implied by [m]:\n');
  s += revdepLines(ev, sym.implied, NO, 'Implied by [n]:\n');
  return `${s}\n\n`;
}

/** What conf's print_help writes for `menu` (an entry with a symbol), `root` the main menu. */
export function helpText(ev: Evaluator, root: Menu, menu: Menu): string {
  const sym = menu.sym;
  let s = '';
  if (menu.help !== null && sym?.name != null) s += `CONFIG_${sym.name}:\n\n`;
  s += `${menu.help ?? NO_HELP}\n`;
  if (sym !== null) s += symbolText(ev, root, sym);
  return `\n${s}\n`;
}
