import type { MenuBuilder } from './builder.ts';
import type { ExprPool } from './expr.ts';
import type { KconfigLanguage } from './language.ts';
import type { Token, TokKind } from './lexer.ts';
import type { Expr, Sym, SymType } from './model.ts';
import type { TokenStream } from './token-stream.ts';

/** What parsing one entry needs from the parser around it. */
export interface EntryContext {
  readonly ts: TokenStream;
  readonly b: MenuBuilder;
  readonly pool: ExprPool;
  readonly warn: (message: string) => void;
  /** An error conf reports and parses on after (zconf_error): conf exits once the parse ends. */
  readonly error: (file: string, line: number, detail: string) => void;
  /** A syntax error: conf reports it and skips the rest of the statement's line. */
  readonly fail: (message: string) => never;
  readonly language: KconfigLanguage;
  readonly expect: (kind: TokKind, what: string) => Token;
  readonly eol: () => Token;
  readonly startStmt: () => void;
  readonly symbol: () => Sym;
  readonly nonconst: () => Sym;
  readonly expression: () => Expr;
  readonly ifExpr: () => Expr | null;
  /** The expression of `depends on`, with its optional `if` condition folded in. */
  readonly dependency: () => Expr;
  /** The symbol with the `modules` option, once seen. */
  modules: Sym | null;
}

const TYPES: Partial<Record<TokKind, SymType>> = {
  bool: 'bool',
  tristate: 'tristate',
  int: 'int',
  hex: 'hex',
  string: 'string',
};
const OPTION_START = new Set<TokKind>([
  'bool',
  'tristate',
  'int',
  'hex',
  'string',
  'prompt',
  'default',
  'def_bool',
  'def_tristate',
  'select',
  'imply',
  'range',
  'modules',
  'depends',
  'help',
]);

/**
 * Reads a `help` block of the current entry; a blank or second help text is a warning (6.12) or
 * an error (7.x), as the tree's language says.
 */
export function readHelp(cx: EntryContext): void {
  const { ts, b, eol } = cx;
  const strict = cx.language.helpStrict;
  eol();
  const text = ts.help();
  // conf reports these at the line where the help text ended
  const { file, physicalLine: line } = ts;
  const report = (m: string) =>
    strict ? cx.error(file, line, m) : cx.warn(`${file}:${line}: warning: ${m}`);
  const entry = b.entry;
  const name = entry.sym?.name ?? '<choice>';
  if (entry.help !== null)
    report(
      strict
        ? `'${name}' defined with more than one help text`
        : `'${name}' defined with more than one help text -- only the last one will be used`,
    );
  if (/^[ \f\n\r\t\v]*$/.test(text)) report(`'${name}' defined with blank help text`);
  entry.help = text;
}

/** Reads the options of a config/menuconfig entry (type, prompt, default, select, …). */
export function configOptionList(cx: EntryContext): void {
  const { ts, b, pool, expect, eol, startStmt, symbol, nonconst, expression, ifExpr } = cx;
  for (;;) {
    const t = ts.peek();
    if (t.kind === 'word' && t.text === 'transitional' && cx.language.transitional) {
      // Not a keyword token: that would renumber the lexer cache's token kinds.
      startStmt();
      ts.take();
      eol();
      if (b.entry.sym !== null) b.entry.sym.transitional = true;
      continue;
    }
    if (!OPTION_START.has(t.kind)) return;
    startStmt();
    ts.take();
    const type = TYPES[t.kind];
    if (type !== undefined) {
      const p = ts.peek();
      if (p.kind === 'quote') {
        ts.take();
        b.addPrompt('prompt', p.text, ifExpr());
      }
      eol();
      b.setType(type);
      continue;
    }
    switch (t.kind) {
      case 'prompt': {
        const text = expect('quote', 'a prompt string').text;
        b.addPrompt('prompt', text, ifExpr());
        eol();
        break;
      }
      case 'default':
      case 'def_bool':
      case 'def_tristate': {
        const e = expression();
        b.addProp('default', e, ifExpr());
        eol();
        if (t.kind !== 'default') b.setType(t.kind === 'def_bool' ? 'bool' : 'tristate');
        break;
      }
      case 'select':
      case 'imply': {
        const s = nonconst();
        b.addProp(t.kind, pool.sym(s), ifExpr());
        eol();
        break;
      }
      case 'range': {
        const lo = symbol();
        const hi = symbol();
        b.addProp('range', pool.comp('range', lo, hi), ifExpr());
        eol();
        break;
      }
      case 'modules':
        eol();
        if (cx.modules !== null)
          cx.error(
            ts.file,
            ts.line,
            `symbol '${b.entry.sym?.name}' redefines option 'modules' already defined by symbol '${cx.modules.name}'`,
          );
        cx.modules = b.entry.sym;
        break;
      case 'depends':
        expect('on', "'on'");
        b.addDep(cx.dependency());
        eol();
        break;
      case 'help':
        readHelp(cx);
        break;
      default:
        return;
    }
  }
}
