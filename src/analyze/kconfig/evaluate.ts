import { calcChoice, choiceDefault } from './choice.ts';
import type { ConfWarning } from './engine.ts';
import type { SymbolWriter } from './expr.ts';
import { choiceMenuOf } from './finalize.ts';
import {
  type Expr,
  isChoice,
  type Menu,
  MOD,
  NO,
  type Prop,
  type Sym,
  type SymType,
  type Tri,
  YES,
} from './model.ts';
import type { SymbolTable } from './symbols.ts';
import { unmetDepWarning, valueWriter } from './unmet-dep.ts';
import { compareValues, strtol } from './values.ts';

const max = (a: Tri, b: Tri): Tri => (a > b ? a : b);
const min = (a: Tri, b: Tri): Tri => (a < b ? a : b);

/**
 * Symbol evaluation with conf's semantics (symbol.c): lazy, memoised per symbol and per
 * expression, in the same order of demand, so values, SYMBOL_WRITE and the order of warnings
 * agree with conf.
 */
export class Evaluator {
  readonly table: SymbolTable;
  readonly modules: Sym;
  modulesVal: Tri = NO;
  epoch = 0;
  stderr = '';
  /** The warnings behind `stderr`, as data. */
  warnings: ConfWarning[] = [];
  /** The epoch in which each choice was last settled; a settled choice gives the same answer. */
  readonly #settled = new Map<Menu, number>();

  constructor(table: SymbolTable, modules: Sym) {
    this.table = table;
    this.modules = modules;
  }

  /** Forgets every computed value and user value: a fresh start for one run. */
  reset(): void {
    for (const s of this.table.all) {
      s.valid = false;
      s.write = false;
      s.written = false;
      s.hasUser = false;
      s.userTri = NO;
      s.userVal = null;
      s.currTri = NO;
      s.currVal = '';
      s.visible = NO;
      s.dirDepTri = NO;
      s.revDepTri = NO;
      s.impliedTri = NO;
    }
    this.modulesVal = NO;
    this.epoch++;
    this.stderr = '';
    this.warnings = [];
  }

  /** Prints a warning as conf does (`printed` is its exact stderr text) and keeps it as data. */
  warn(warning: ConfWarning, printed: string): void {
    this.stderr += printed;
    this.warnings.push(warning);
  }

  choiceMenu(sym: Sym): Menu | null {
    if (sym.choiceMenu === undefined) sym.choiceMenu = choiceMenuOf(sym);
    return sym.choiceMenu;
  }

  /** conf's sym_get_type: tristate counts as bool without modules. */
  typeOf(sym: Sym): SymType {
    return sym.type === 'tristate' && this.modulesVal === NO ? 'bool' : sym.type;
  }

  /** conf's sym_get_string_value. */
  stringValue(sym: Sym): string {
    if (sym.type === 'bool' || sym.type === 'tristate')
      return sym.currTri === NO ? 'n' : sym.currTri === MOD ? 'm' : 'y';
    return sym.currVal;
  }

  /** conf's expr_calc_value, with its per-node cache. */
  value(e: Expr | null): Tri {
    if (e === null) return YES;
    if (e.valEpoch === this.epoch) return e.val;
    const v = this.#compute(e);
    e.val = v;
    e.valEpoch = this.epoch;
    return v;
  }

  #compute(e: Expr): Tri {
    switch (e.type) {
      case 'symbol': {
        const s = e.ls as Sym;
        this.calc(s);
        return s.currTri;
      }
      case 'and':
        return min(this.value(e.l), this.value(e.r));
      case 'or':
        return max(this.value(e.l), this.value(e.r));
      case 'not':
        return (2 - this.value(e.l)) as Tri;
      case 'range':
        return NO;
      default: {
        const ls = e.ls as Sym;
        const rs = e.rs as Sym;
        this.calc(ls);
        this.calc(rs);
        const res = compareValues(ls, this.stringValue(ls), rs, this.stringValue(rs));
        switch (e.type) {
          case '=':
            return res ? NO : YES;
          case '!=':
            return res ? YES : NO;
          case '<':
            return res < 0 ? YES : NO;
          case '<=':
            return res <= 0 ? YES : NO;
          case '>':
            return res > 0 ? YES : NO;
          default:
            return res >= 0 ? YES : NO;
        }
      }
    }
  }

  /** The first default whose condition is not n (conf's sym_get_default_prop). */
  defaultProp(sym: Sym): Prop | null {
    sym.defaults ??= sym.props.filter((p) => p.type === 'default');
    for (const p of sym.defaults) {
      p.visibleTri = this.value(p.visibleExpr);
      if (p.visibleTri !== NO) return p;
    }
    return null;
  }

  rangeProp(sym: Sym): Prop | null {
    sym.ranges ??= sym.props.filter((p) => p.type === 'range');
    for (const p of sym.ranges) {
      p.visibleTri = this.value(p.visibleExpr);
      if (p.visibleTri !== NO) return p;
    }
    return null;
  }

  calcVisibility(sym: Sym): void {
    let tri: Tri = NO;
    sym.prompts ??= sym.props.filter((p) => p.text !== null);
    for (const p of sym.prompts) {
      p.visibleTri = this.value(p.visibleExpr);
      tri = max(tri, p.visibleTri);
    }
    if (tri === MOD && (sym.type !== 'tristate' || this.modulesVal === NO)) tri = YES;
    // A transitional symbol takes the value an old .config gives it, though it has no prompt.
    if (sym.transitional) tri = YES;
    sym.visible = tri;
    if (sym.choice !== null) return;
    const boolish = this.typeOf(sym) === 'bool';
    tri = sym.dirDep !== null ? this.value(sym.dirDep) : YES;
    sym.dirDepTri = tri === MOD && boolish ? YES : tri;
    tri = sym.revDep !== null ? this.value(sym.revDep) : NO;
    sym.revDepTri = tri === MOD && boolish ? YES : tri;
    tri = sym.implied !== null ? this.value(sym.implied) : NO;
    sym.impliedTri = tri === MOD && boolish ? YES : tri;
  }

  /** conf's sym_choice_default: the first visible default, else the first visible member. */
  choiceDefault(choice: Menu): Sym | null {
    return choiceDefault(this, choice);
  }

  /** The members of each choice in priority order for this run (conf's choice_members list). */
  readonly order = new Map<Menu, Sym[]>();

  choiceOrder(choice: Menu): Sym[] {
    let o = this.order.get(choice);
    if (o === undefined) {
      o = [...(choice.choiceMembers ?? [])];
      this.order.set(choice, o);
    }
    return o;
  }

  /** conf's sym_calc_value. */
  calc(sym: Sym): void {
    if (sym.valid) return;
    sym.valid = true;
    const oldTri = sym.currTri;
    let newTri: Tri = NO;
    let newVal: string;
    switch (sym.type) {
      case 'int':
        newVal = '0';
        break;
      case 'hex':
        newVal = '0x0';
        break;
      case 'string':
        newVal = '';
        break;
      case 'bool':
      case 'tristate':
        newVal = 'n';
        break;
      default:
        sym.currVal = sym.name ?? '';
        sym.currTri = NO;
        return;
    }
    sym.write = false;
    let fromDefault: Prop | null = null;
    this.calcVisibility(sym);
    if (sym.visible !== NO) sym.write = true;
    sym.currTri = NO;
    sym.currVal = newVal;
    const t = this.typeOf(sym);
    if (t === 'bool' || t === 'tristate') {
      const cm = this.choiceMenu(sym);
      if (cm !== null) {
        // Within one epoch a settled choice would settle the same way again: skip the repeat.
        if (this.#settled.get(cm) !== this.epoch) {
          calcChoice(this, cm, this.choiceOrder(cm));
          this.#settled.set(cm, this.epoch);
        }
        newTri = sym.currTri;
      } else {
        if (sym.visible !== NO && sym.hasUser) newTri = min(sym.userTri, sym.visible);
        else {
          if (sym.revDepTri !== NO) sym.write = true;
          if (!isChoice(sym)) {
            const prop = this.defaultProp(sym);
            fromDefault = prop;
            if (prop !== null) {
              newTri = min(this.value(prop.expr), prop.visibleTri);
              if (newTri !== NO) sym.write = true;
            }
            if (sym.impliedTri !== NO) {
              sym.write = true;
              newTri = max(newTri, sym.impliedTri);
              newTri = min(newTri, sym.dirDepTri);
            }
          }
        }
        if (sym.dirDepTri < sym.revDepTri) this.warnUnmetDep(sym);
        newTri = max(newTri, sym.revDepTri);
      }
      if (newTri === MOD && this.typeOf(sym) === 'bool') newTri = YES;
    } else if (sym.visible !== NO && sym.hasUser) {
      newVal = sym.userVal ?? '';
    } else {
      const prop = this.defaultProp(sym);
      fromDefault = prop;
      if (prop !== null && prop.expr?.type === 'symbol') {
        const ds = prop.expr.ls as Sym;
        sym.write = true;
        this.calc(ds);
        newVal = ds.currVal;
      }
    }
    // A value taken from a single transitional symbol that an old .config set counts as the
    // user's own, as conf marks it, so it is not asked for again.
    const ds = fromDefault?.expr?.type === 'symbol' ? (fromDefault.expr.ls as Sym) : null;
    if (ds?.transitional && ds.hasUser && !sym.hasUser) {
      sym.hasUser = true;
      sym.userTri = newTri;
      sym.userVal = newVal;
    }
    sym.currTri = newTri;
    sym.currVal = newVal;
    this.validateRange(sym);
    if (sym === this.modules && oldTri !== sym.currTri) this.modulesVal = sym.currTri;
    if (isChoice(sym)) sym.write = false;
  }

  /** conf's sym_get_range_val: a range bound's value. */
  rangeVal(s: Sym, base: 10 | 16): bigint {
    this.calc(s);
    const b = s.type === 'int' ? 10 : s.type === 'hex' ? 16 : base;
    return strtol(s.currVal, b).value;
  }

  validateRange(sym: Sym): void {
    if (sym.type !== 'int' && sym.type !== 'hex') return;
    const base = sym.type === 'int' ? 10 : 16;
    const prop = this.rangeProp(sym);
    if (prop === null || prop.expr === null) return;
    const val = strtol(sym.currVal, base).value;
    let rs = prop.expr.ls as Sym;
    let v2 = this.rangeVal(rs, base);
    if (val >= v2) {
      rs = prop.expr.rs as Sym;
      v2 = this.rangeVal(rs, base);
      if (val <= v2) return;
    }
    sym.currVal = rs.currVal;
  }

  /** Writes a symbol token as conf's expr_gstr_print does: "NAME [=value]". */
  readonly withValues: SymbolWriter = valueWriter(this);

  warnUnmetDep(sym: Sym): void {
    const text = unmetDepWarning(this, sym);
    this.warn({ kind: 'unmet-dependency', symbol: sym.name ?? undefined, text: text.trim() }, text);
  }

  /** conf's sym_clear_all_valid. */
  clearAllValid(): void {
    for (const s of this.table.all) s.valid = false;
    this.epoch++;
    this.calc(this.modules);
  }
}
