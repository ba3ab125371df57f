import type { ExprPool } from './expr.ts';
import { Simplifier } from './expr-simplify.ts';
import type { Token, TokKind } from './lexer.ts';
import type { Expr, Sym } from './model.ts';
import { KconfigError } from './parse-error.ts';
import type { SymbolTable } from './symbols.ts';
import type { TokenStream } from './token-stream.ts';

/** Limits on one expression, so hostile Kconfig cannot exhaust the stack. */
export const MAX_NESTING = 200;
export const MAX_OPERANDS = 2000;
const COMPARE: Partial<Record<TokKind, Expr['type']>> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** The expression grammar of parser.y: `||` below `&&` below `!`, comparisons of two symbols. */
export function expressionParser(
  ts: TokenStream,
  table: SymbolTable,
  pool: ExprPool,
  fail: (message: string) => never,
  expect: (kind: TokKind, what: string) => Token,
  dependsIf = true,
) {
  const symbol = (): Sym => {
    const t = ts.take();
    if (t.kind === 'word') return table.lookup(t.text, false);
    if (t.kind === 'quote') return table.lookup(t.text, true);
    return fail(`syntax error: expected a symbol, found ${describe(t)}`);
  };
  const nonconst = (): Sym => table.lookup(expect('word', 'a symbol name').text, false);

  let nesting = 0;
  let operands = 0;
  const nested = <T>(f: () => T): T => {
    if (++nesting > MAX_NESTING)
      throw new KconfigError(
        'parse Kconfig',
        { file: ts.file, line: ts.line, detail: `expression nested deeper than ${MAX_NESTING}` },
        { code: 'KCONFIG_LIMIT' },
      );
    try {
      return f();
    } finally {
      nesting--;
    }
  };
  const primary = (): Expr => {
    const t = ts.peek();
    if (t.kind === '!') {
      ts.take();
      return nested(() => pool.not(primary()));
    }
    if (t.kind === '(') {
      ts.take();
      const e = nested(orExpr);
      expect(')', "')'");
      return e;
    }
    if (++operands > MAX_OPERANDS)
      throw new KconfigError(
        'parse Kconfig',
        {
          file: ts.file,
          line: ts.line,
          detail: `expression with more than ${MAX_OPERANDS} operands`,
        },
        { code: 'KCONFIG_LIMIT' },
      );
    const s = symbol();
    const op = COMPARE[ts.peek().kind];
    if (op === undefined) return pool.sym(s);
    ts.take();
    return pool.comp(op, s, symbol());
  };
  const andExpr = (): Expr => {
    let e = primary();
    while (ts.peek().kind === '&&') {
      ts.take();
      e = pool.two('and', e, primary());
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (ts.peek().kind === '||') {
      ts.take();
      e = pool.two('or', e, andExpr());
    }
    return e;
  };
  const ifExpr = (): Expr | null => {
    if (ts.peek().kind !== 'if') return null;
    ts.take();
    return expression();
  };
  const expression = (): Expr => {
    operands = 0;
    return orExpr();
  };
  // `depends on X if Y` (kernels since 6.19): the dependency holds only when Y is not n, which
  // conf records as `X || (Y = n)` with the comparison pushed into Y's operands.
  const simp = new Simplifier(pool);
  const dependency = (): Expr => {
    const dep = expression();
    // Before 6.19 the `if` is left for the end of line to refuse, as conf's grammar does.
    const cond = dependsIf ? ifExpr() : null;
    if (cond === null) return dep;
    return pool.two('or', dep, simp.transCompare(cond, '=', table.no));
  };
  return { symbol, nonconst, expression, ifExpr, dependency };
}

/** A token as syntax errors name it. */
export function describe(t: Token): string {
  if (t.kind === 'eol') return 'end of line';
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'word' || t.kind === 'quote') return `"${t.text}"`;
  return `'${t.kind}'`;
}
