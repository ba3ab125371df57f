import type { Evaluator } from './evaluate.ts';
import { subEntries } from './menu-tree.ts';
import { type Menu, NO, type Sym, YES } from './model.ts';

/** conf's sym_choice_default: the first visible default, else the first visible member. */
export function choiceDefault(ev: Evaluator, choice: Menu): Sym | null {
  const csym = choice.sym as Sym;
  for (const p of csym.props) {
    if (p.type !== 'default') continue;
    p.visibleTri = ev.value(p.visibleExpr);
    if (p.visibleTri === NO) continue;
    const d = p.expr?.type === 'symbol' ? (p.expr.ls as Sym) : null;
    if (d !== null && d.visible !== NO) return d;
  }
  for (const m of subEntries(choice)) if (m.sym !== null && m.sym.visible !== NO) return m.sym;
  return null;
}

/** conf's sym_calc_choice: picks the selected member of a choice and sets every member. */
export function calcChoice(ev: Evaluator, choice: Menu, order: readonly Sym[]): Sym | null {
  let res: Sym | null = null;
  for (const s of order) {
    ev.calcVisibility(s);
    if (s.visible === NO) continue;
    if (s.hasUser && s.userTri === YES) {
      res = s;
      break;
    }
  }
  if (res === null) {
    res = ev.choiceDefault(choice);
    if (res?.hasUser && res.userTri === NO) res = null;
  }
  if (res === null) {
    for (const m of subEntries(choice)) {
      const s = m.sym;
      if (s === null || s.visible === NO || s.hasUser) continue;
      res = s;
      break;
    }
  }
  if (res === null) {
    for (let i = order.length - 1; i >= 0; i--) {
      const s = order[i] as Sym;
      if (s.visible === NO) continue;
      res = s;
      break;
    }
  }
  for (const m of subEntries(choice)) {
    const s = m.sym;
    if (s === null || s.visible === NO) continue;
    s.currTri = s === res ? YES : NO;
    s.valid = true;
    s.write = true;
  }
  return res;
}
