import type { Evaluator } from './evaluate.ts';
import { printExpr, type SymbolWriter } from './expr.ts';
import { type Expr, MOD, type Sym, type Tri, YES } from './model.ts';

/** Writes a symbol token as conf's expr_gstr_print does: "NAME [=value]". */
export function valueWriter(ev: Evaluator): SymbolWriter {
  return (s, text) =>
    s !== null && s.type !== 'unknown' ? `${text} [=${ev.stringValue(s)}]` : text;
}

function revdep(ev: Evaluator, e: Expr | null, want: Tri, title: string): string {
  if (e === null) return '';
  let out = '';
  let t: string | null = title;
  const visit = (x: Expr) => {
    if (x.type === 'or') {
      visit(x.l as Expr);
      visit(x.r as Expr);
    } else if (ev.value(x) === want) {
      if (t !== null) {
        out += t;
        t = null;
      }
      out += `  - ${printExpr(x, valueWriter(ev))}\n`;
    }
  };
  visit(e);
  return out;
}

/** conf's sym_warn_unmet_dep text for a symbol selected beyond its direct dependencies. */
export function unmetDepWarning(ev: Evaluator, sym: Sym): string {
  let s = `\nWARNING: unmet direct dependencies detected for ${sym.name}\n`;
  s += `  Depends on [${sym.dirDepTri === MOD ? 'm' : 'n'}]: ${printExpr(sym.dirDep, valueWriter(ev))}\n`;
  s += revdep(ev, sym.revDep, YES, '  Selected by [y]:\n');
  s += revdep(ev, sym.revDep, MOD, '  Selected by [m]:\n');
  return s;
}
