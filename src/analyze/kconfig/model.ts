/** Tristate values as conf computes them: n < m < y. */
export type Tri = 0 | 1 | 2;
export const NO: Tri = 0;
export const MOD: Tri = 1;
export const YES: Tri = 2;

/** Symbol types; the order of names matches conf's sym_type_name. */
export type SymType = 'unknown' | 'bool' | 'tristate' | 'int' | 'hex' | 'string';

/** Property kinds, as conf's P_* types. */
export type PropType = 'prompt' | 'comment' | 'menu' | 'default' | 'select' | 'imply' | 'range';

/** Expression node kinds, as conf's E_* types. */
export type ExprType =
  | 'symbol'
  | 'not'
  | 'and'
  | 'or'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'range';

/** An interned expression node: equal shapes are the same object (like conf's expr_lookup). */
export interface Expr {
  readonly id: number;
  readonly type: ExprType;
  /** Sub-expressions for not/and/or. */
  readonly l: Expr | null;
  readonly r: Expr | null;
  /** Symbols for symbol and comparison nodes. */
  readonly ls: Sym | null;
  readonly rs: Sym | null;
  /** Cached value, valid while valEpoch matches the evaluator's epoch. */
  val: Tri;
  valEpoch: number;
}

/** A property of an entry (prompt, default, select, …) with its condition. */
export interface Prop {
  type: PropType;
  readonly file: string;
  readonly line: number;
  readonly menu: Menu;
  text: string | null;
  expr: Expr | null;
  visibleExpr: Expr | null;
  visibleTri: Tri;
}

/** A node of the menu tree: a config, menu, comment, if or choice entry. */
export interface Menu {
  sym: Sym | null;
  prompt: Prop | null;
  parent: Menu | null;
  children: Menu[];
  dep: Expr | null;
  visibility: Expr | null;
  readonly file: string;
  readonly line: number;
  help: string | null;
  /** Members of a choice in parse order (only on choice menus). */
  choiceMembers: Sym[] | null;
  /** The entries below this menu in depth-first order, filled on first use. */
  subtree: Menu[] | null;
}

/** A symbol; the mutable evaluation fields are reset before every run. */
export interface Sym {
  readonly seq: number;
  readonly name: string | null;
  readonly isConst: boolean;
  type: SymType;
  readonly props: Prop[];
  readonly menus: Menu[];
  dirDep: Expr | null;
  revDep: Expr | null;
  implied: Expr | null;
  /** The choice menu this symbol is a member of (conf's choice_link), if any. */
  choice: Menu | null;
  /** `transitional` (kernels since 6.18): read from an old .config, never written, no prompt. */
  transitional: boolean;
  warned: boolean;
  // evaluation state
  valid: boolean;
  write: boolean;
  written: boolean;
  hasUser: boolean;
  userTri: Tri;
  userVal: string | null;
  currTri: Tri;
  currVal: string;
  visible: Tri;
  dirDepTri: Tri;
  revDepTri: Tri;
  impliedTri: Tri;
  check: boolean;
  checked: boolean;
  /** Static lookups filled on first use: prompts, defaults and ranges in property order. */
  prompts: Prop[] | null;
  defaults: Prop[] | null;
  ranges: Prop[] | null;
  choiceMenu: Menu | null | undefined;
  /** Its .config lines for n, m and y (bool and tristate), made on first write. */
  lines: [string, string, string] | null;
}

/** Creates a symbol with empty evaluation state. */
export function newSym(seq: number, name: string | null, isConst: boolean): Sym {
  return {
    seq,
    name,
    isConst,
    type: 'unknown',
    props: [],
    menus: [],
    dirDep: null,
    revDep: null,
    implied: null,
    choice: null,
    transitional: false,
    warned: false,
    valid: false,
    write: false,
    written: false,
    hasUser: false,
    userTri: NO,
    userVal: null,
    currTri: NO,
    currVal: '',
    visible: NO,
    dirDepTri: NO,
    revDepTri: NO,
    impliedTri: NO,
    check: false,
    checked: false,
    prompts: null,
    defaults: null,
    ranges: null,
    choiceMenu: undefined,
    lines: null,
  };
}

/** Creates a menu node. */
export function newMenu(sym: Sym | null, parent: Menu | null, file: string, line: number): Menu {
  return {
    sym,
    prompt: null,
    parent,
    children: [],
    dep: null,
    visibility: null,
    file,
    line,
    help: null,
    choiceMembers: null,
    subtree: null,
  };
}

/** True for a choice's own symbol (conf: a symbol without a name). */
export function isChoice(sym: Sym): boolean {
  return sym.name === null;
}
