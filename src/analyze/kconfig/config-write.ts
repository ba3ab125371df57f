import type { Evaluator } from './evaluate.ts';
import { subEntries } from './menu-tree.ts';
import { isChoice, type Menu, MOD, NO, type Sym, type Tri, YES } from './model.ts';

/** conf's menu_is_visible. */
export function menuVisible(ev: Evaluator, menu: Menu): boolean {
  const prompt = menu.prompt;
  if (prompt === null) return false;
  if (menu.visibility !== null && ev.value(menu.visibility) === NO) return false;
  const sym = menu.sym;
  let visible: Tri;
  if (sym !== null) {
    ev.calc(sym);
    visible = prompt.visibleTri;
  } else {
    prompt.visibleTri = ev.value(prompt.visibleExpr);
    visible = prompt.visibleTri;
  }
  if (visible !== NO) return true;
  if (sym === null || sym.currTri === NO) return false;
  for (const c of menu.children) if (menuVisible(ev, c)) return true;
  return false;
}

/** One .config line for a symbol, as conf's print_symbol_for_dotconfig writes it. */
export function symbolLine(ev: Evaluator, sym: Sym): string {
  if (sym.type === 'unknown') return '';
  if (sym.type === 'bool' || sym.type === 'tristate') {
    // Each run writes thousands of these: one string per symbol and value, made once.
    sym.lines ??= [
      `# CONFIG_${sym.name} is not set\n`,
      `CONFIG_${sym.name}=m\n`,
      `CONFIG_${sym.name}=y\n`,
    ];
    return sym.lines[sym.currTri];
  }
  const val = ev.stringValue(sym);
  if (sym.type === 'string')
    return `CONFIG_${sym.name}="${val.replace(/["\\]/g, (c) => `\\${c}`)}"\n`;
  return `CONFIG_${sym.name}=${val}\n`;
}

// KCONFIG_WARN_CHANGED_INPUT (7.x): each symbol whose value is not what the input gave it, once,
// in the order the writer visits them, reported after the file is written.
function changedInput(ev: Evaluator): { check(sym: Sym): void; report(): void } {
  const seen = new Set<Sym>();
  let lines = '';
  const userString = (sym: Sym) =>
    sym.type === 'bool' || sym.type === 'tristate'
      ? (['n', 'm', 'y'][sym.userTri] as string)
      : (sym.userVal ?? '');
  return {
    check(sym) {
      if (seen.has(sym)) return;
      seen.add(sym);
      if (!sym.hasUser || sym.type === 'unknown') return;
      const now = ev.stringValue(sym);
      const differs =
        sym.type === 'bool' || sym.type === 'tristate'
          ? sym.userTri !== sym.currTri
          : userString(sym) !== now;
      if (differs) lines += `  CONFIG_${sym.name}: ${userString(sym)} -> ${now}\n`;
    },
    report() {
      if (lines !== '') ev.stderr += `warning: user-provided values changed by Kconfig:\n${lines}`;
    },
  };
}

/** conf's conf_write: the .config text, menu comments and all. */
export function writeConfig(
  ev: Evaluator,
  root: Menu,
  changed: boolean,
  warnChanged = false,
): string {
  const changes = changedInput(ev);
  let out = `#\n# Automatically generated file; DO NOT EDIT.\n# ${root.prompt?.text ?? ''}\n#\n`;
  if (!changed) ev.clearAllValid();
  let needNewline = false;
  const visit = (menu: Menu): void => {
    const sym = menu.sym;
    // Values are settled while the file is written, so a menu's visibility is asked once.
    const shown = sym === null && menuVisible(ev, menu);
    if (sym === null) {
      if (shown) {
        out += `\n#\n# ${menu.prompt?.text ?? ''}\n#\n`;
        needNewline = false;
      }
    } else if (!isChoice(sym) && !sym.written) {
      ev.calc(sym);
      if (warnChanged) changes.check(sym);
      if (sym.write && !sym.transitional) {
        if (needNewline) {
          out += '\n';
          needNewline = false;
        }
        sym.written = true;
        out += symbolLine(ev, sym);
      }
    }
    for (const c of menu.children) visit(c);
    if (shown && menu.prompt?.type === 'menu') {
      out += `# end of ${menu.prompt.text ?? ''}\n`;
      needNewline = true;
    }
  };
  for (const c of root.children) visit(c);
  for (const s of ev.table.all) s.written = false;
  changes.report();
  return out;
}

/** conf's sym_get_string_default: the value a symbol would have without a user value. */
export function stringDefault(ev: Evaluator, sym: Sym): string {
  ev.calcVisibility(sym);
  ev.calc(ev.modules);
  let val: Tri = NO;
  let str = '';
  const prop = ev.defaultProp(sym);
  if (prop !== null) {
    if (sym.type === 'bool' || sym.type === 'tristate') {
      val = Math.min(ev.value(prop.expr), prop.visibleTri) as Tri;
    } else if (prop.expr?.type === 'symbol') {
      const ds = prop.expr.ls as Sym;
      ev.calc(ds);
      str = ds.currVal;
    }
  }
  if (sym.revDepTri > val) val = sym.revDepTri;
  if (val === MOD && sym.choice === null && ev.modules.currTri === NO) val = YES;
  if (sym.type === 'bool' && val === MOD) val = YES;
  if (val < sym.impliedTri) val = sym.impliedTri;
  switch (sym.type) {
    case 'bool':
    case 'tristate':
      return val === NO ? 'n' : val === MOD ? 'm' : 'y';
    case 'int':
      return str === '' ? '0' : str;
    case 'hex':
      return str === '' ? '0x0' : str;
    default:
      return str;
  }
}

/** conf's conf_write_defconfig: only the values that differ from their defaults. */
export function writeDefconfig(ev: Evaluator, root: Menu, warnChanged = false): string {
  let out = '';
  const changes = changedInput(ev);
  ev.clearAllValid();
  for (const menu of subEntries(root)) {
    const sym = menu.sym;
    if (sym === null || isChoice(sym) || sym.transitional) continue;
    ev.calc(sym);
    if (warnChanged) changes.check(sym);
    if (!sym.write) continue;
    sym.write = false;
    if (!(sym.visible > sym.revDepTri)) continue;
    if (ev.stringValue(sym) === stringDefault(ev, sym)) continue;
    const choice = ev.choiceMenu(sym);
    if (choice !== null) {
      const ds = ev.choiceDefault(choice);
      if (sym === ds && sym.currTri === YES) continue;
    }
    out += symbolLine(ev, sym);
  }
  changes.report();
  return out;
}
