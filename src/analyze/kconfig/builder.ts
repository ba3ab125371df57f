import type { ExprPool } from './expr.ts';
import {
  type Expr,
  type Menu,
  newMenu,
  type Prop,
  type PropType,
  type Sym,
  type SymType,
} from './model.ts';

const TYPE_NAME: Record<SymType, string> = {
  unknown: 'unknown',
  bool: 'bool',
  tristate: 'tristate',
  int: 'integer',
  hex: 'hex',
  string: 'string',
};

/** conf's sym_type_name. */
export function typeName(t: SymType): string {
  return TYPE_NAME[t];
}

/** Builds the menu tree while parsing, like conf's menu_add_* functions. */
export class MenuBuilder {
  readonly root: Menu;
  current: Menu;
  entry: Menu;
  readonly #pool: ExprPool;
  readonly #warn: (m: string) => void;
  file = '';
  line = 0;

  constructor(pool: ExprPool, warn: (m: string) => void) {
    this.#pool = pool;
    this.#warn = warn;
    this.root = newMenu(null, null, '', 0);
    this.current = this.root;
    this.entry = this.root;
  }

  /** Starts a new entry (config, menu, comment, if, choice) under the current menu. */
  addEntry(sym: Sym | null): Menu {
    const m = newMenu(sym, this.current, this.file, this.line);
    this.current.children.push(m);
    this.entry = m;
    if (sym !== null) sym.menus.push(m);
    return m;
  }

  /** Makes the current entry the parent of the following entries. */
  openMenu(): Menu {
    this.current = this.entry;
    return this.current;
  }

  closeMenu(): void {
    this.current = this.current.parent ?? this.root;
  }

  addDep(e: Expr): void {
    this.entry.dep = this.#pool.and(this.entry.dep, e);
  }

  setType(type: SymType): void {
    const sym = this.entry.sym as Sym;
    if (sym.type === type) return;
    if (sym.type === 'unknown') {
      sym.type = type;
      return;
    }
    this.#warn(
      `${this.entry.file}:${this.entry.line}:warning: ignoring type redefinition of '${sym.name ?? '<choice>'}' from '${typeName(sym.type)}' to '${typeName(type)}'`,
    );
  }

  addProp(type: PropType, expr: Expr | null, dep: Expr | null): Prop {
    const prop: Prop = {
      type,
      file: this.file,
      line: this.line,
      menu: this.entry,
      text: null,
      expr,
      visibleExpr: dep,
      visibleTri: 0,
    };
    if (this.entry.sym !== null) this.entry.sym.props.push(prop);
    return prop;
  }

  addPrompt(type: PropType, text: string, dep: Expr | null): Prop {
    const prop = this.addProp(type, null, dep);
    let t = text;
    if (/^\s/.test(t)) {
      this.#warn(`${prop.file}:${prop.line}:warning: leading whitespace ignored`);
      t = t.replace(/^\s+/, '');
    }
    if (this.entry.prompt !== null)
      this.#warn(`${prop.file}:${prop.line}:warning: prompt redefined`);
    if (type === 'prompt') {
      for (let m = this.entry.parent; m !== null; m = m.parent) {
        if (m.visibility !== null)
          prop.visibleExpr = this.#pool.and(prop.visibleExpr, m.visibility);
      }
    }
    this.entry.prompt = prop;
    prop.text = t;
    return prop;
  }

  addVisibility(e: Expr | null): void {
    this.entry.visibility = this.#pool.and(this.entry.visibility, e);
  }
}
