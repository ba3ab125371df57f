import { KreviewError } from '../../domain/errors.ts';
import { MenuBuilder } from './builder.ts';
import { ExprPool } from './expr.ts';
import type { Token, TokKind } from './lexer.ts';
import type { MacroEngine } from './macro.ts';
import type { Menu, Sym } from './model.ts';
import { describe, expressionParser } from './parse-expr.ts';
import { configOptionList, type EntryContext, readHelp } from './parse-options.ts';
import { SymbolTable } from './symbols.ts';
import { type LexStore, TokenStream } from './token-stream.ts';

/** Thrown when the parse needs a file that was not preloaded; the loader reads it and parses again. */
export class NeedFile extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`Kconfig file "${path}" was not preloaded`);
    this.path = path;
  }
}

/** The parsed tree before finalization. */
export interface ParsedKconfig {
  readonly table: SymbolTable;
  readonly pool: ExprPool;
  readonly root: Menu;
  readonly modules: Sym | null;
  readonly warnings: string[];
}

/** Parses Kconfig text into a menu tree and symbol table (conf's parser.y, by recursive descent). */
export function parseKconfig(
  top: string,
  read: (path: string) => string | undefined,
  macro: MacroEngine,
  store?: LexStore,
): ParsedKconfig & { readonly recordings: TokenStream['recordings'] } {
  const warnings = macro.warnings;
  const warn = (m: string) => warnings.push(m);
  const text = read(top);
  if (text === undefined)
    throw new KreviewError(`Cannot parse Kconfig: can't find file ${top}`, 'KCONFIG_PARSE');
  const table = new SymbolTable();
  const pool = new ExprPool(table);
  const ts = new TokenStream(top, text, macro, warn, store);
  const b = new MenuBuilder(pool, warn);
  let choice: Menu | null = null;

  const fail = (message: string): never => {
    throw new KreviewError(
      `Cannot parse Kconfig: ${ts.file}:${ts.line}: ${message}`,
      'KCONFIG_PARSE',
    );
  };
  const expect = (kind: TokKind, what: string): Token => {
    const t = ts.take();
    if (t.kind !== kind) fail(`syntax error: expected ${what}, found ${describe(t)}`);
    return t;
  };
  const startStmt = () => {
    b.file = ts.file;
    b.line = ts.line;
  };

  const { symbol, nonconst, expression, ifExpr, dependency } = expressionParser(
    ts,
    table,
    pool,
    fail,
    expect,
  );
  const eol = () => expect('eol', 'end of line');

  const cx: EntryContext = {
    ts,
    b,
    pool,
    warn,
    fail,
    expect,
    eol,
    startStmt,
    symbol,
    nonconst,
    expression,
    ifExpr,
    dependency,
    modules: null,
  };
  const help = () => readHelp(cx);
  const configOptions = () => configOptionList(cx);

  const config = (kind: 'config' | 'menuconfig') => {
    startStmt();
    ts.take();
    const sym = nonconst();
    eol();
    b.addEntry(sym);
    configOptions();
    const entry = b.entry;
    if (kind === 'menuconfig') {
      if (entry.prompt !== null) entry.prompt.type = 'menu';
      // conf reports it when the entry ends, at the line of the statement after it
      else warn(`${ts.file}:${ts.line}: warning: menuconfig statement without prompt`);
    }
    if (sym.transitional && (entry.dep !== null || sym.props.length > 0)) {
      // conf names the entry for a dependency, else the first property's line
      const at = entry.dep !== null ? entry : (sym.props[0] as { file: string; line: number });
      throw new KreviewError(
        `Cannot parse Kconfig: ${at.file}:${at.line}: error: transitional symbols can only have help sections`,
        'KCONFIG_PARSE',
      );
    }
    if (choice !== null && kind === 'config') {
      if (entry.prompt === null)
        fail(`${entry.file}:${entry.line}: error: choice member must have a prompt`);
      if (sym.type !== 'bool')
        fail(`${entry.file}:${entry.line}: error: choice member must be bool`);
      if (sym.choice === null) {
        sym.choice = choice;
        choice.choiceMembers?.push(sym);
      }
    }
  };

  const depends = () => {
    startStmt();
    ts.take();
    expect('on', "'on'");
    b.addDep(dependency());
    eol();
  };

  const endBlock = (what: 'menu' | 'if' | 'choice', opened: Menu) => {
    const t = ts.take();
    const got =
      t.kind === 'endmenu'
        ? 'menu'
        : t.kind === 'endif'
          ? 'if'
          : t.kind === 'endchoice'
            ? 'choice'
            : null;
    if (got === null) {
      if (t.kind === 'eof')
        throw new KreviewError(
          `Cannot parse Kconfig: ${opened.file}:${opened.line}: missing end statement for this entry`,
          'KCONFIG_PARSE',
        );
      fail(`syntax error: unexpected ${describe(t)}`);
    }
    eol();
    if (got !== what) fail(`unexpected '${got}' within ${what} block`);
    if (opened.file !== ts.file)
      fail(
        `'${got}' in different file than '${what}'\n${opened.file}:${opened.line}: location of the '${what}'`,
      );
    b.closeMenu();
  };

  const stmts = (inChoice: boolean): void => {
    for (;;) {
      const t = ts.peek();
      switch (t.kind) {
        case 'eof':
        case 'endmenu':
        case 'endif':
        case 'endchoice':
          return;
        case 'config':
          config('config');
          break;
        case 'menuconfig':
          if (inChoice) fail('invalid statement');
          config('menuconfig');
          break;
        case 'comment': {
          startStmt();
          ts.take();
          const text = expect('quote', 'a comment string').text;
          eol();
          b.addEntry(null);
          b.addPrompt('comment', text, null);
          while (ts.peek().kind === 'depends') depends();
          break;
        }
        case 'if': {
          startStmt();
          ts.take();
          const e = expression();
          eol();
          b.addEntry(null);
          b.addDep(e);
          const opened = b.openMenu();
          stmts(inChoice);
          endBlock('if', opened);
          break;
        }
        case 'menu': {
          if (inChoice) fail('invalid statement');
          startStmt();
          ts.take();
          const text = expect('quote', 'a menu title').text;
          eol();
          b.addEntry(null);
          b.addPrompt('menu', text, null);
          for (;;) {
            const k = ts.peek().kind;
            if (k === 'depends') depends();
            else if (k === 'visible') {
              startStmt();
              ts.take();
              b.addVisibility(ifExpr());
              eol();
            } else break;
          }
          const opened = b.openMenu();
          stmts(false);
          endBlock('menu', opened);
          break;
        }
        case 'choice':
          if (inChoice) fail('invalid statement');
          choiceStmt();
          break;
        case 'source':
          if (inChoice) fail('invalid statement');
          source();
          break;
        case 'word':
          if (inChoice) fail('invalid statement');
          assignment();
          break;
        default:
          fail('invalid statement');
      }
    }
  };

  const choiceStmt = () => {
    startStmt();
    ts.take();
    eol();
    const sym = table.choice();
    b.addEntry(sym);
    b.setType('bool');
    b.entry.choiceMembers = [];
    for (;;) {
      const t = ts.peek();
      if (t.kind === 'prompt' || t.kind === 'bool') {
        startStmt();
        ts.take();
        const text = expect('quote', 'a prompt string').text;
        b.addPrompt('prompt', text, ifExpr());
        eol();
      } else if (t.kind === 'default') {
        startStmt();
        ts.take();
        const s = nonconst();
        b.addProp('default', pool.sym(s), ifExpr());
        eol();
      } else if (t.kind === 'depends') depends();
      else if (t.kind === 'help') {
        startStmt();
        ts.take();
        help();
      } else break;
    }
    const entry = b.entry;
    if (entry.prompt === null)
      fail(`${entry.file}:${entry.line}: error: choice must have a prompt`);
    const opened = b.openMenu();
    const outer = choice;
    choice = opened;
    stmts(true);
    choice = outer;
    endBlock('choice', opened);
  };

  const source = () => {
    startStmt();
    ts.take();
    include(expect('quote', 'a file name').text, false, false);
  };
  // `source`, and the rsource (relative to the current file), osource (optional) and orsource
  // forms of later kernels, which 6.12's conf does not know.
  const include = (name: string, relative: boolean, optional: boolean) => {
    const line = ts.line;
    const file = ts.file;
    eol();
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const path = relative ? normalizePath(`${dir}${name}`) : name;
    const body = read(path);
    if (body === undefined) {
      if (optional) return;
      throw new KreviewError(
        `Cannot parse Kconfig: ${file}:${line}: can't open file "${path}"`,
        'KCONFIG_PARSE',
      );
    }
    ts.push(path, body);
  };

  const assignment = () => {
    startStmt();
    const name = ts.take().text;
    const op = ts.take();
    if (op.kind === 'quote' && (name === 'rsource' || name === 'osource' || name === 'orsource')) {
      include(op.text, name !== 'osource', name !== 'rsource');
      return;
    }
    if (op.kind !== '=' && op.kind !== ':=' && op.kind !== '+=')
      fail(`unknown statement "${name}"`);
    let value = '';
    if (ts.peek().kind === 'assign_val') value = ts.take().text;
    eol();
    macro.site = { file: ts.file, line: ts.physicalLine };
    macro.assign(name, value, op.kind as '=' | ':=' | '+=');
  };

  if (ts.peek().kind === 'mainmenu') {
    startStmt();
    ts.take();
    const text = expect('quote', 'a main menu title').text;
    eol();
    b.addPrompt('menu', text, null);
  }
  stmts(false);
  const last = ts.take();
  if (last.kind !== 'eof') fail(`syntax error: unexpected ${describe(last)}`);
  return { table, pool, root: b.root, modules: cx.modules, warnings, recordings: ts.recordings };
}

// "a/b/../c" → "a/c"; a path that climbs out of the tree keeps its ".." (and is not found).
function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
