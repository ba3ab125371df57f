// conf's setters of a user value during an interactive run (symbol.c): they accept a value only
// within what dependencies and selects allow, and recompute everything when a value changes.
import type { Evaluator } from './evaluate.ts';
import { stringValid } from './finalize.ts';
import { subEntries } from './menu-tree.ts';
import { isChoice, type Menu, MOD, NO, type Sym, type Tri, YES } from './model.ts';
import { strtol } from './values.ts';

/** conf's sym_is_changeable: the user could set it to something else. */
export function changeable(ev: Evaluator, sym: Sym): boolean {
  ev.calc(sym);
  return !isChoice(sym) && sym.visible > sym.revDepTri;
}

/** conf's sym_tristate_within_range. */
export function tristateWithinRange(ev: Evaluator, sym: Sym, val: Tri): boolean {
  ev.calc(sym);
  const type = ev.typeOf(sym);
  if (sym.visible === NO) return false;
  if (type !== 'bool' && type !== 'tristate') return false;
  if (type === 'bool' && val === MOD) return false;
  if (sym.visible <= sym.revDepTri) return false;
  return val >= sym.revDepTri && val <= sym.visible;
}

/** conf's sym_set_tristate_value; `changed` is told when values must be recomputed. */
export function setTristate(ev: Evaluator, sym: Sym, val: Tri, changed: () => void): boolean {
  const old = sym.currTri;
  if (!tristateWithinRange(ev, sym, val)) return false;
  sym.userTri = val;
  sym.hasUser = true;
  if (old !== val) {
    ev.clearAllValid();
    changed();
  }
  return true;
}

function withinRange(ev: Evaluator, sym: Sym, str: string): boolean {
  if (!stringValid(sym, str)) return false;
  if (sym.type === 'string') return true;
  const prop = ev.rangeProp(sym);
  if (prop === null || prop.expr === null) return true;
  const base = sym.type === 'int' ? 10 : 16;
  const val = strtol(str, base).value;
  return (
    val >= ev.rangeVal(prop.expr.ls as Sym, base) && val <= ev.rangeVal(prop.expr.rs as Sym, base)
  );
}

/** conf's sym_set_string_value (a hex value without 0x gets one). */
export function setString(ev: Evaluator, sym: Sym, text: string, changed: () => void): boolean {
  if (sym.type === 'bool' || sym.type === 'tristate') {
    const c = text[0];
    if (c === 'y' || c === 'Y') return setTristate(ev, sym, YES, changed);
    if (c === 'm' || c === 'M') return setTristate(ev, sym, MOD, changed);
    if (c === 'n' || c === 'N') return setTristate(ev, sym, NO, changed);
    return false;
  }
  if (!withinRange(ev, sym, text)) return false;
  const hadUser = sym.hasUser;
  sym.hasUser = true;
  const prefixed = sym.type === 'hex' && !/^0[xX]/.test(text);
  if (!prefixed && hadUser && sym.userVal === text) return true;
  const value = prefixed ? `0x${text}` : text;
  sym.userVal = value;
  ev.clearAllValid();
  changed();
  return true;
}

/** conf's choice_set_value: `chosen` y and the other visible members n, all moved first. */
export function setChoice(ev: Evaluator, choice: Menu, chosen: Sym, changed: () => void): void {
  const order = ev.choiceOrder(choice);
  let differs = false;
  for (const m of subEntries(choice)) {
    const sym = m.sym;
    if (sym === null || sym.visible === NO) continue;
    const val = sym === chosen ? YES : NO;
    if (sym.currTri !== val) differs = true;
    sym.userTri = val;
    sym.hasUser = true;
    const i = order.indexOf(sym);
    if (i >= 0) order.splice(i, 1);
    order.unshift(sym);
  }
  if (differs) {
    ev.clearAllValid();
    changed();
  }
}
