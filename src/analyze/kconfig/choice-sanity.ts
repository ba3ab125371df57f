// conf's checks of each entry after the menus are finalized: of a transitional symbol
// (transitional_check_sanity, 6.18+: nothing but help), and of choice members
// (choice_check_sanity): a default on a member, and a member's prompt given in another entry,
// which 6.12 allows when that entry has the same parent (a member listed twice in its choice)
// and 7.x never allows.

import { isYes } from './expr.ts';
import type { KconfigLanguage } from './language.ts';
import { subEntries } from './menu-tree.ts';
import { isChoice, type Menu } from './model.ts';
import type { SymbolTable } from './symbols.ts';

const TRANSITIONAL_ERROR = 'error: transitional symbols can only have help sections';

/** conf's error line for `menu` if it is a transitional symbol's with more than help ("" otherwise). */
export function transitionalErrors(menu: Menu, table: SymbolTable): string {
  const sym = menu.sym;
  if (sym === null || !sym.transitional) return '';
  // the entry's dependencies as finalized, so an enclosing `if` or `depends on` counts
  const dep = menu.dep !== null && !isYes(menu.dep, table);
  const visible = menu.visibility !== null && !isYes(menu.visibility, table);
  if (dep || visible) return `${menu.file}:${menu.line}: ${TRANSITIONAL_ERROR}\n`;
  const prop = sym.props.find((p) => p.type !== 'comment');
  return prop === undefined ? '' : `${prop.file}:${prop.line}: ${TRANSITIONAL_ERROR}\n`;
}

/** conf's error lines for the members of `menu` if it is a choice ("" otherwise). */
export function choiceSanityErrors(menu: Menu, language: KconfigLanguage): string {
  if (menu.sym === null || !isChoice(menu.sym)) return '';
  let out = '';
  for (const child of subEntries(menu)) {
    if (child.sym === null) continue;
    for (const prop of child.sym.props) {
      if (prop.type === 'default')
        out += `${prop.file}:${prop.line}: error: defaults for choice values not supported\n`;
      if (prop.type !== 'prompt' || prop.menu === child) continue;
      if (language.choicePromptElsewhere === 'never')
        out += `${prop.file}:${prop.line}: error: choice value must not have a prompt in another entry\n`;
      else if (prop.menu.parent !== child.parent)
        out += `${prop.file}:${prop.line}: error: choice value has a prompt outside its choice group\n`;
    }
  }
  return out;
}
