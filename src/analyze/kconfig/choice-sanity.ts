// conf's checks of each entry after the menus are finalized: of a transitional symbol
// (transitional_check_sanity, 6.18+: nothing but help), and of choice members
// (choice_check_sanity): a default on a member, and a member's prompt given in another entry,
// which 6.12 allows when that entry has the same parent (a member listed twice in its choice)
// and 7.x never allows.

import { isYes } from './expr.ts';
import type { KconfigLanguage } from './language.ts';
import { subEntries } from './menu-tree.ts';
import { isChoice, type Menu } from './model.ts';
import type { KconfigErrorSite } from './parse-error.ts';
import type { SymbolTable } from './symbols.ts';

const TRANSITIONAL_ERROR = 'error: transitional symbols can only have help sections';

/** conf's error for `menu` if it is a transitional symbol's with more than help. */
export function transitionalErrors(menu: Menu, table: SymbolTable): KconfigErrorSite[] {
  const sym = menu.sym;
  if (sym === null || !sym.transitional) return [];
  // the entry's dependencies as finalized, so an enclosing `if` or `depends on` counts
  const dep = menu.dep !== null && !isYes(menu.dep, table);
  const visible = menu.visibility !== null && !isYes(menu.visibility, table);
  if (dep || visible) return [{ file: menu.file, line: menu.line, detail: TRANSITIONAL_ERROR }];
  const prop = sym.props.find((p) => p.type !== 'comment');
  return prop === undefined
    ? []
    : [{ file: prop.file, line: prop.line, detail: TRANSITIONAL_ERROR }];
}

/** conf's errors for the members of `menu` if it is a choice. */
export function choiceSanityErrors(menu: Menu, language: KconfigLanguage): KconfigErrorSite[] {
  if (menu.sym === null || !isChoice(menu.sym)) return [];
  const out: KconfigErrorSite[] = [];
  const error = (file: string, line: number, detail: string) => out.push({ file, line, detail });
  for (const child of subEntries(menu)) {
    if (child.sym === null) continue;
    for (const prop of child.sym.props) {
      if (prop.type === 'default')
        error(prop.file, prop.line, 'error: defaults for choice values not supported');
      if (prop.type !== 'prompt' || prop.menu === child) continue;
      if (language.choicePromptElsewhere === 'never')
        error(prop.file, prop.line, 'error: choice value must not have a prompt in another entry');
      else if (prop.menu.parent !== child.parent)
        error(prop.file, prop.line, 'error: choice value has a prompt outside its choice group');
    }
  }
  return out;
}
