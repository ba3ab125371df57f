import { type LexEvents, type Lexer, RecordingLexer, ReplayLexer } from './lex-cache.ts';
import { FileLexer, type Token, type TokKind } from './lexer.ts';
import type { MacroEngine } from './macro.ts';
import { KconfigError } from './parse-error.ts';

/** Recorded scans by file, and which files may be recorded. */
export interface LexStore {
  replay(file: string): LexEvents | undefined;
  recordable(file: string, text: string): boolean;
}

/** Limits that keep untrusted Kconfig bounded. */
export const MAX_SOURCE_DEPTH = 64;

/**
 * conf's second-stage scanner across `source`d files: drops blank statements, tracks the line
 * of each statement, switches to assignment values after `NAME =`, and warns like conf does.
 */
export class TokenStream {
  readonly #stack: Lexer[] = [];
  readonly #store: LexStore | undefined;
  /** The scans recorded during this parse, by file. */
  readonly recordings: { file: string; lexer: RecordingLexer }[] = [];
  readonly #macro: MacroEngine;
  readonly #warn: (m: string) => void;
  #prev: TokKind = 'eol';
  #prevPrev: TokKind = 'eol';
  #peeked: Token | null = null;
  /** conf's cur_lineno of the file on top of the stack. */
  line = 1;
  /** Lines of the `source` statements that opened each nested file. */
  readonly #sourceLines: number[] = [];

  constructor(
    file: string,
    text: string,
    macro: MacroEngine,
    warn: (m: string) => void,
    store?: LexStore,
  ) {
    this.#macro = macro;
    this.#warn = warn;
    this.#store = store;
    this.#stack.push(this.#open(file, text));
  }

  #open(file: string, text: string): Lexer {
    const events = this.#store?.replay(file);
    if (events !== undefined) return new ReplayLexer(file, events);
    if (this.#store === undefined || !this.#store.recordable(file, text))
      return new FileLexer(file, text, this.#macro, this.#warn);
    let rec: RecordingLexer | undefined;
    const inner = new FileLexer(file, text, this.#macro, (m) => {
      if (rec !== undefined) rec.clean = false;
      this.#warn(m);
    });
    rec = new RecordingLexer(inner);
    this.recordings.push({ file, lexer: rec });
    return rec;
  }

  /** conf's yylineno: the physical line the scanner is on. */
  get physicalLine(): number {
    return this.#top().line;
  }

  get file(): string {
    return this.#top().file;
  }

  #top(): Lexer {
    return this.#stack[this.#stack.length - 1] as Lexer;
  }

  /** Whether `file` is being read (sourcing it again would be a cycle). */
  isOpen(file: string): boolean {
    return this.#stack.some((l) => l.file === file);
  }

  /** Starts reading a `source`d file; refuses inclusion cycles and too deep nesting. */
  push(file: string, text: string): void {
    const chain = this.#stack.map((l) => l.file);
    if (chain.includes(file)) {
      const from = this.#stack
        .map(
          (l, i) =>
            `  included from: ${l.file}:${i === this.#stack.length - 1 ? this.line : (this.#sourceLines[i] ?? 0)}`,
        )
        .reverse()
        .join('\n');
      // conf names the chain; the place is the `source` that closes the cycle.
      const detail = `Recursive inclusion detected.\nInclusion path:\n  current file : ${file}\n${from}`;
      throw new KconfigError(
        'parse Kconfig',
        { file: this.file, line: this.line, detail },
        { text: detail },
      );
    }
    if (this.#stack.length >= MAX_SOURCE_DEPTH)
      throw new KconfigError(
        'parse Kconfig',
        {
          file: this.file,
          line: this.line,
          detail: `source nesting deeper than ${MAX_SOURCE_DEPTH} files`,
        },
        { code: 'KCONFIG_LIMIT' },
      );
    this.#sourceLines[this.#stack.length - 1] = this.line;
    this.#stack.push(this.#open(file, text));
  }

  #raw(): Token {
    for (;;) {
      const lx = this.#top();
      lx.stmtLine = this.line;
      const t = lx.next();
      if (t !== null) return t;
      if (this.#prev !== 'eol' && this.#prev !== 'helptext')
        this.#warn(`${lx.file}:${lx.line}:warning: no new line at end of file`);
      if (this.#stack.length === 1) return { kind: 'eof', text: '' };
      this.#stack.pop();
      this.line = this.#sourceLines[this.#stack.length - 1] ?? this.line;
      return { kind: 'eol', text: '' };
    }
  }

  /** The next token without consuming it. */
  peek(): Token {
    if (this.#peeked !== null) return this.#peeked;
    for (;;) {
      const t = this.#raw();
      if (this.#prev === 'eol' || this.#prev === 'helptext') {
        if (t.kind === 'eol') continue;
        this.line = this.#top().line;
      }
      if (
        this.#prevPrev === 'eol' &&
        this.#prev === 'word' &&
        (t.kind === '=' || t.kind === ':=' || t.kind === '+=')
      )
        this.#top().mode = 'assign';
      this.#prevPrev = this.#prev;
      this.#prev = t.kind;
      this.#peeked = t;
      return t;
    }
  }

  /** The kind of the token `take()` returned last ('eol' before the first). */
  lastTaken: TokKind = 'eol';
  /** How many tokens `take()` has returned. */
  taken = 0;

  /** Consumes and returns the next token. */
  take(): Token {
    const t = this.peek();
    this.#peeked = null;
    this.lastTaken = t.kind;
    this.taken++;
    return t;
  }

  /** Whether a token has been peeked and not yet taken. */
  get hasPeeked(): boolean {
    return this.#peeked !== null;
  }

  /** Reads a help block; call right after consuming the `help` line's end. */
  help(): string {
    const text = this.#top().help();
    this.#prevPrev = this.#prev;
    this.#prev = 'helptext';
    return text;
  }
}
