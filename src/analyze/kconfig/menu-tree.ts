import type { Menu } from './model.ts';

/** The entries below a menu in depth-first order (conf's menu_for_each_sub_entry). */
export function subEntries(root: Menu): readonly Menu[] {
  if (root.subtree === null) {
    const out: Menu[] = [];
    const walk = (m: Menu) => {
      for (const c of m.children) {
        out.push(c);
        walk(c);
      }
    };
    walk(root);
    root.subtree = out;
  }
  return root.subtree;
}
