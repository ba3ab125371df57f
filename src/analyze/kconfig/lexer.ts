import { readHelpText } from './help-text.ts';
import type { MacroEngine } from './macro.ts';

// The keywords of the Kconfig language, each a token kind of its own.
const KEYWORD_LIST = [
  'bool',
  'choice',
  'comment',
  'config',
  'def_bool',
  'def_tristate',
  'default',
  'depends',
  'endchoice',
  'endif',
  'endmenu',
  'help',
  'hex',
  'if',
  'imply',
  'int',
  'mainmenu',
  'menu',
  'menuconfig',
  'modules',
  'on',
  'prompt',
  'range',
  'select',
  'source',
  'string',
  'tristate',
  'visible',
] as const;

/** Every token kind, keywords first; the order is also the lexer cache's encoding. */
export const TOKEN_KINDS = [
  ...KEYWORD_LIST,
  '||',
  '&&',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '(',
  ')',
  ':=',
  '+=',
  'word',
  'quote',
  'assign_val',
  'helptext',
  'eol',
  'eof',
] as const;

/** Token kinds of the Kconfig language (keywords are their own kinds). */
export type TokKind = (typeof TOKEN_KINDS)[number];

/** One token: its kind and its text (the expanded text for words and strings). */
export interface Token {
  readonly kind: TokKind;
  readonly text: string;
}

const KEYWORDS = new Set<string>(KEYWORD_LIST);

// Tokens without a text of their own are shared: the scanner makes a million or more per tree.
const FIXED = new Map<string, Token>();
for (const k of [
  ...KEYWORDS,
  '||',
  '&&',
  '!=',
  '<=',
  '>=',
  ':=',
  '+=',
  '=',
  '<',
  '>',
  '!',
  '(',
  ')',
])
  FIXED.set(k, Object.freeze({ kind: k as TokKind, text: k }));
const EOL: Token = Object.freeze({ kind: 'eol', text: '' });

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45
  );
}

/**
 * Reads the tokens of one file the way conf's flex scanner does (lexer.l): comments, line
 * continuations, keywords, quoted strings with macro expansion, assignment values, help text.
 */
export class FileLexer {
  readonly file: string;
  readonly #src: string;
  #pos = 0;
  /** conf's yylineno: the physical line being read. */
  line = 1;
  mode: 'initial' | 'assign' = 'initial';
  readonly #macro: MacroEngine;
  readonly #warn: (message: string) => void;
  /** The line of the current statement (conf's cur_lineno), kept by the token stream. */
  stmtLine = 1;

  constructor(file: string, src: string, macro: MacroEngine, warn: (message: string) => void) {
    this.file = file;
    this.#src = src;
    this.#macro = macro;
    this.#warn = warn;
  }

  #lineEnd(from: number): number {
    const nl = this.#src.indexOf('\n', from);
    return nl < 0 ? this.#src.length : nl;
  }

  #site(): void {
    this.#macro.site = { file: this.file, line: this.line };
  }

  /** The next raw token, or null at end of file. */
  next(): Token | null {
    const s = this.#src;
    if (this.mode === 'assign') {
      while (this.#pos < s.length && (s[this.#pos] === ' ' || s[this.#pos] === '\t')) this.#pos++;
      if (this.#pos >= s.length) return null;
      if (s[this.#pos] === '\n') {
        this.#pos++;
        this.line++;
        this.mode = 'initial';
        return EOL;
      }
      const end = this.#lineEnd(this.#pos);
      const text = s.slice(this.#pos, end);
      this.#pos = end;
      return { kind: 'assign_val', text };
    }
    for (;;) {
      if (this.#pos >= s.length) return null;
      const c = s.charCodeAt(this.#pos);
      if (c === 32 || c === 9) {
        this.#pos++;
        continue;
      }
      if (c === 35 /* # */) {
        this.#pos = this.#lineEnd(this.#pos);
        continue;
      }
      if (c === 92 /* \ */ && s[this.#pos + 1] === '\n') {
        this.#pos += 2;
        this.line++;
        continue;
      }
      if (c === 10) {
        this.#pos++;
        this.line++;
        return EOL;
      }
      if (c === 34 || c === 39) return this.#string(s[this.#pos] as string);
      if (isWordChar(c) || c === 36) {
        let end = this.#pos;
        let dollar = false;
        while (end < s.length) {
          const d = s.charCodeAt(end);
          if (d === 36) dollar = true;
          else if (!isWordChar(d)) break;
          end++;
        }
        if (!dollar) {
          const text = s.slice(this.#pos, end);
          this.#pos = end;
          return FIXED.get(text) ?? { kind: 'word', text };
        }
        this.#site();
        const lineEnd = this.#lineEnd(this.#pos);
        const [value, stop] = this.#macro.expandToken(s.slice(this.#pos, lineEnd), 0);
        this.#pos += stop;
        if (value.length > 0) return { kind: 'word', text: value };
        continue;
      }
      const two = s.slice(this.#pos, this.#pos + 2);
      if (
        two === '||' ||
        two === '&&' ||
        two === '!=' ||
        two === '<=' ||
        two === '>=' ||
        two === ':=' ||
        two === '+='
      ) {
        this.#pos += 2;
        return FIXED.get(two) as Token;
      }
      const one = s[this.#pos] as string;
      this.#pos++;
      if (one === '=' || one === '<' || one === '>' || one === '!' || one === '(' || one === ')')
        return FIXED.get(one) as Token;
      this.#warn(`${this.file}:${this.line}:warning: ignoring unsupported character '${one}'`);
    }
  }

  #string(quote: string): Token {
    const s = this.#src;
    this.#pos++;
    let out = '';
    while (this.#pos < s.length) {
      const ch = s[this.#pos] as string;
      if (ch === '$') {
        this.#site();
        const lineEnd = this.#lineEnd(this.#pos);
        const rest = s.slice(this.#pos + 1, lineEnd);
        const [value, stop] = this.#macro.expandDollar(rest, 0);
        out += value;
        // conf pushes the unused rest of the line back and reads it again in string mode.
        this.#pos = this.#pos + 1 + stop;
        continue;
      }
      if (ch === '\\') {
        const nx = s[this.#pos + 1];
        if (nx === undefined || nx === '\n') {
          this.#pos++;
          continue;
        }
        out += nx;
        this.#pos += 2;
        continue;
      }
      if (ch === '"' || ch === "'") {
        this.#pos++;
        if (ch === quote) return { kind: 'quote', text: out };
        out += ch;
        continue;
      }
      if (ch === '\n') {
        this.#warn(`${this.file}:${this.stmtLine}:warning: multi-line strings not supported`);
        return { kind: 'quote', text: out };
      }
      let end = this.#pos + 1;
      while (end < s.length) {
        const d = s[end];
        if (d === '$' || d === "'" || d === '"' || d === '\\' || d === '\n') break;
        end++;
      }
      out += s.slice(this.#pos, end);
      this.#pos = end;
    }
    return { kind: 'quote', text: out };
  }

  /** Reads help text after `help`: lines indented at least as deep as its first line. */
  help(): string {
    const r = readHelpText(this.#src, this.#pos);
    this.#pos = r.end;
    this.line += r.lines;
    return r.text;
  }
}
