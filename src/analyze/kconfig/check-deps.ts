import { choiceMenuOf } from './finalize.ts';
import { subEntries } from './menu-tree.ts';
import { type Expr, isChoice, type Menu, type Prop, type Sym } from './model.ts';

interface Frame {
  sym: Sym;
  prop: Prop | null;
  via: 'dir' | 'rev' | 'implied' | 'default' | null;
}

/**
 * conf's sym_check_deps over every entry: finds dependency cycles and returns conf's
 * "recursive dependency detected" report for each ("" when there are none). `alsoAt` adds the
 * other checks conf makes of each entry in the same walk, after its dependencies.
 */
export function checkDependencies(root: Menu, alsoAt: (m: Menu) => string = () => ''): string {
  let out = '';
  const stack: Frame[] = [];
  const push = (sym: Sym): Frame => {
    const f: Frame = { sym, prop: null, via: null };
    stack.push(f);
    return f;
  };
  const name = (s: Sym) => s.name ?? '<choice>';

  const printRecursive = (lastIn: Sym): void => {
    let last = lastIn;
    const choice = choiceMenuOf(last);
    let pushed = false;
    if (choice !== null) {
      push(last);
      pushed = true;
      last = choice.sym as Sym;
    }
    let i = stack.length - 1;
    while (i >= 0 && (stack[i] as Frame).sym !== last) i--;
    if (i < 0) {
      out += 'unexpected recursive dependency error\n';
      if (pushed) stack.pop();
      return;
    }
    for (let j = i; j < stack.length; j++) {
      const f = stack[j] as Frame;
      const sym = f.sym;
      const next = j + 1 < stack.length ? (stack[j + 1] as Frame).sym : last;
      if (sym === last) out += 'error: recursive dependency detected!\n';
      if (isChoice(next)) {
        const cm = next.menus[0] as Menu;
        out += `\tsymbol ${name(sym)} is part of choice block at ${cm.file}:${cm.line}\n`;
      } else if (f.via === 'dir') out += `\tsymbol ${name(sym)} depends on ${next.name}\n`;
      else if (f.via === 'rev') out += `\tsymbol ${sym.name} is selected by ${next.name}\n`;
      else if (f.via === 'implied') out += `\tsymbol ${sym.name} is implied by ${next.name}\n`;
      else if (f.via === 'default')
        out += `\tsymbol ${name(sym)} ${f.prop?.type ?? 'unknown'} value contains ${next.name}\n`;
      else
        out += `\tsymbol ${name(sym)} ${f.prop?.type ?? 'unknown'} is visible depending on ${next.name}\n`;
    }
    out +=
      'For a resolution refer to Documentation/kbuild/kconfig-language.rst\n' +
      'subsection "Kconfig recursive dependency limitations"\n\n';
    if (pushed) stack.pop();
  };

  const exprDeps = (e: Expr | null): Sym | null => {
    if (e === null) return null;
    switch (e.type) {
      case 'and':
      case 'or':
        return exprDeps(e.l) ?? exprDeps(e.r);
      case 'not':
        return exprDeps(e.l);
      case 'symbol':
        return check(e.ls as Sym);
      case 'range':
        return null;
      default:
        return check(e.ls as Sym) ?? check(e.rs as Sym);
    }
  };

  const symDeps = (sym: Sym): Sym | null => {
    const f = push(sym);
    let r: Sym | null = null;
    f.via = 'dir';
    r = exprDeps(sym.dirDep);
    if (r === null) {
      f.via = 'rev';
      r = exprDeps(sym.revDep);
    }
    if (r === null) {
      f.via = 'implied';
      r = exprDeps(sym.implied);
    }
    if (r === null) {
      f.via = null;
      for (const prop of sym.props) {
        if (prop.type === 'select' || prop.type === 'imply') continue;
        f.prop = prop;
        r = exprDeps(prop.visibleExpr);
        if (r !== null) break;
        if (prop.type !== 'default' || isChoice(sym)) continue;
        f.via = 'default';
        r = exprDeps(prop.expr);
        if (r !== null) break;
        f.via = null;
      }
    }
    stack.pop();
    return r;
  };

  const choiceDeps = (choice: Sym): Sym | null => {
    push(choice);
    const cm = choice.menus[0] as Menu;
    const members = [...subEntries(cm)].map((m) => m.sym).filter((s): s is Sym => s !== null);
    for (const s of members) {
      s.check = true;
      s.checked = true;
    }
    choice.check = true;
    choice.checked = true;
    let r = symDeps(choice);
    choice.check = false;
    if (r === null) {
      for (const s of members) {
        r = symDeps(s);
        if (r !== null) break;
      }
    }
    for (const s of members) s.check = false;
    if (r !== null && choiceMenuOf(r) === cm) r = choice;
    stack.pop();
    return r;
  };

  const check = (sym: Sym): Sym | null => {
    if (sym.check) {
      printRecursive(sym);
      return sym;
    }
    if (sym.checked) return null;
    const choice = choiceMenuOf(sym);
    if (choice !== null) {
      push(sym);
      const r = check(choice.sym as Sym);
      stack.pop();
      return r;
    }
    if (isChoice(sym)) return choiceDeps(sym);
    sym.check = true;
    sym.checked = true;
    const r = symDeps(sym);
    sym.check = false;
    return r;
  };

  for (const m of subEntries(root)) {
    if (m.sym !== null) check(m.sym);
    out += alsoAt(m);
  }
  return out;
}
