// conf's checks of choice members after the menus are finalized (choice_check_sanity): a
// default on a member, and a member's prompt given in another entry, which 6.12 allows when that
// entry has the same parent (a member listed twice in its choice) and 7.x never allows.
import type { KconfigLanguage } from './language.ts';
import { subEntries } from './menu-tree.ts';
import { isChoice, type Menu } from './model.ts';

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
