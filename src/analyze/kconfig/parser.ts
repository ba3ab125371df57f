import { MenuBuilder } from './builder.ts';
import { ExprPool } from './expr.ts';
import { type KconfigLanguage, NEWEST_LANGUAGE } from './language.ts';
import type { Token, TokKind } from './lexer.ts';
import type { MacroEngine } from './macro.ts';
import type { Menu, Sym } from './model.ts';
import {
  KconfigError,
  type KconfigErrorSite,
  KconfigParseError,
  siteText,
  stderrText,
} from './parse-error.ts';
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

// A syntax error unwinds to the statement loop, which skips the rest of the line as bison's
// `error T_EOL` rules do and parses on.
class Recover extends Error {}

/** The parsed tree before finalization. */
export interface ParsedKconfig {
  readonly table: SymbolTable;
  readonly pool: ExprPool;
  readonly root: Menu;
  readonly modules: Sym | null;
  readonly warnings: string[];
}

/**
 * Parses Kconfig text into a menu tree and symbol table (conf's parser.y, by recursive descent),
 * by the rules of `language`. Errors are reported as conf does: each printed in order with the
 * warnings, the parse going on after them, and a KconfigParseError at the end if there were any.
 */
export function parseKconfig(
  top: string,
  read: (path: string) => string | undefined,
  macro: MacroEngine,
  store?: LexStore,
  language: KconfigLanguage = NEWEST_LANGUAGE,
): ParsedKconfig & { readonly recordings: TokenStream['recordings'] } {
  const warnings = macro.warnings;
  const warn = (m: string) => warnings.push(m);
  // The first error as kreview names it, and the detail of the first syntax error.
  let firstError: KconfigErrorSite | undefined;
  let detail: string | undefined;
  const error = (file: string, line: number, text: string) => {
    const site = { file, line, detail: text };
    warnings.push(siteText(site));
    firstError ??= site;
  };
  try {
    return parseBody();
  } catch (err) {
    // A fatal error (a file that cannot be opened, an inclusion cycle) ends the parse at once;
    // conf has printed what came before it.
    if (
      err instanceof KconfigError &&
      err.code === 'KCONFIG_PARSE' &&
      !(err instanceof KconfigParseError)
    ) {
      const stderr = stderrText([...warnings, err.confText]);
      throw new KconfigParseError(err.action, err.site, stderr, {
        text: err.confText,
        cause: err,
      });
    }
    throw err;
  }

  function parseBody(): ParsedKconfig & { readonly recordings: TokenStream['recordings'] } {
    const text = read(top);
    if (text === undefined)
      throw new KconfigError('parse Kconfig', { detail: `can't find file ${top}` });
    const table = new SymbolTable();
    const pool = new ExprPool(table);
    const ts = new TokenStream(top, text, macro, warn, store);
    const b = new MenuBuilder(pool, warn);
    let choice: Menu | null = null;

    // conf prints only "syntax error" (bison's message); kreview keeps what was expected as a hint.
    // bison reports no new syntax error until three tokens have been shifted after a recovery
    // (the error token and the end of line count two); the recovery rule's message still shows.
    let quietLeft = 0;
    let quietMark = 0;
    const fail = (message: string): never => {
      detail ??= `${ts.file}:${ts.line}: ${message}`;
      // a token taken and then refused was not shifted
      const shifted = ts.taken - quietMark - (ts.hasPeeked ? 0 : 1);
      if (shifted >= quietLeft) warnings.push(`${ts.file}:${ts.line}: syntax error`);
      throw new Recover();
    };
    // After a syntax error bison drops tokens up to the end of the line, then reduces the
    // statement-level `error T_EOL` rule, whose action names the statement.
    const recover = (startedWith: Token, inChoice: boolean) => {
      if (ts.lastTaken !== 'eol' || ts.hasPeeked) {
        while (ts.peek().kind !== 'eol' && ts.peek().kind !== 'eof') ts.take();
        if (ts.peek().kind === 'eol') ts.take();
      }
      const what =
        startedWith.kind === 'word' && !inChoice
          ? `unknown statement "${startedWith.text}"`
          : 'invalid statement';
      error(ts.file, ts.line, what);
      quietLeft = 2;
      quietMark = ts.taken;
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
      language.dependsIf,
    );
    const eol = () => expect('eol', 'end of line');

    const cx: EntryContext = {
      ts,
      b,
      pool,
      warn,
      error,
      fail,
      language,
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
        else if (language.menuconfigPromptRequired)
          error(ts.file, ts.line, 'menuconfig statement without prompt');
        else warn(`${ts.file}:${ts.line}: warning: menuconfig statement without prompt`);
      }
      if (choice !== null && kind === 'config') {
        if (entry.prompt === null)
          error(entry.file, entry.line, 'error: choice member must have a prompt');
        if (sym.type !== 'bool') error(entry.file, entry.line, 'error: choice member must be bool');
        // 6.12 adds a symbol listed twice in one choice once; 7.x refuses the second entry's
        // prompt instead (choice-sanity.ts), so it can add it again.
        if (sym.choice === null || !language.choiceBoolPrompt) {
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
          throw new KconfigError('parse Kconfig', {
            file: opened.file,
            line: opened.line,
            detail: 'missing end statement for this entry',
          });
        fail(`syntax error: unexpected ${describe(t)}`);
      }
      eol();
      // zconf_endtoken: reported, and the block is not closed by the wrong end
      if (got !== what) {
        error(ts.file, ts.line, `unexpected '${got}' within ${what} block`);
        return;
      }
      if (opened.file !== ts.file) {
        error(ts.file, ts.line, `'${got}' in different file than '${what}'`);
        error(opened.file, opened.line, `location of the '${what}'`);
        return;
      }
      b.closeMenu();
    };

    const stmts = (inChoice: boolean): void => {
      for (;;) {
        const t = ts.peek();
        if (
          t.kind === 'eof' ||
          t.kind === 'endmenu' ||
          t.kind === 'endif' ||
          t.kind === 'endchoice'
        )
          return;
        try {
          stmt(t, inChoice);
        } catch (err) {
          if (!(err instanceof Recover)) throw err;
          recover(t, inChoice);
        }
      }
    };

    const stmt = (t: Token, inChoice: boolean): void => {
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
        if (t.kind === 'prompt' || (t.kind === 'bool' && language.choiceBoolPrompt)) {
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
      if (entry.prompt === null) error(entry.file, entry.line, 'error: choice must have a prompt');
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
    // Where each file was first sourced from (the top file: from nowhere).
    const included = new Map([[top, { file: '(null)', line: 0 }]]);
    const include = (name: string, relative: boolean, optional: boolean) => {
      const line = ts.line;
      const file = ts.file;
      eol();
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
      const path = relative ? normalizePath(`${dir}${name}`) : name;
      // 7.x: a file sourced a second time, not from inside itself, is an error (util.c's
      // file_lookup); a cycle is left to ts.push, which conf checks first.
      const first = included.get(path);
      if (first !== undefined && language.repeatedInclusionError && !ts.isOpen(path))
        throw new KconfigError('parse Kconfig', {
          file,
          line,
          detail: `error: repeated inclusion of ${path}\n${first.file}:${first.line}: note: location of first inclusion of ${path}`,
        });
      const body = read(path);
      if (body === undefined) {
        if (optional) return;
        throw new KconfigError('parse Kconfig', {
          file,
          line,
          detail: `can't open file "${path}"`,
        });
      }
      if (first === undefined) included.set(path, { file, line });
      ts.push(path, body);
    };

    const assignment = () => {
      startStmt();
      const name = ts.take().text;
      const op = ts.take();
      if (
        op.kind === 'quote' &&
        (name === 'rsource' || name === 'osource' || name === 'orsource')
      ) {
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

    const first = ts.peek();
    if (first.kind === 'mainmenu') {
      try {
        startStmt();
        ts.take();
        const text = expect('quote', 'a main menu title').text;
        eol();
        b.addPrompt('menu', text, null);
      } catch (err) {
        if (!(err instanceof Recover)) throw err;
        recover(first, false);
      }
    }
    for (;;) {
      stmts(false);
      const last = ts.peek();
      if (last.kind === 'eof') break;
      // an end token with no block open: a syntax error, and the line is skipped
      try {
        ts.take();
        fail(`syntax error: unexpected ${describe(last)}`);
      } catch (err) {
        if (!(err instanceof Recover)) throw err;
        recover(last, false);
      }
    }
    if (firstError !== undefined) {
      const opts = detail === undefined ? {} : { hint: detail };
      throw new KconfigParseError('parse Kconfig', firstError, stderrText(warnings), opts);
    }
    return { table, pool, root: b.root, modules: cx.modules, warnings, recordings: ts.recordings };
  }
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
