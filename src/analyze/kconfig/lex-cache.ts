import type { FileLexer, Token } from './lexer.ts';

/** What the token stream needs from a file's scanner. */
export interface Lexer {
  readonly file: string;
  line: number;
  mode: 'initial' | 'assign';
  stmtLine: number;
  next(): Token | null;
  help(): string;
}

/** One step of scanning a file: a token or a help text, with the line the scanner ended on. */
export type LexEvent =
  | { readonly token: Token | null; readonly line: number }
  | { readonly help: string; readonly line: number };

/**
 * Records what a file's scanner produced so that the next parse of the same contents (the other
 * tree of a review, or the same tree again) replays it instead of scanning. Only files without
 * macros and without scanner warnings are recorded: their tokens depend on nothing else.
 */
export class RecordingLexer implements Lexer {
  readonly #inner: FileLexer;
  readonly events: LexEvent[] = [];
  clean = true;

  constructor(inner: FileLexer) {
    this.#inner = inner;
  }

  get file(): string {
    return this.#inner.file;
  }
  get line(): number {
    return this.#inner.line;
  }
  set line(v: number) {
    this.#inner.line = v;
  }
  get mode(): 'initial' | 'assign' {
    return this.#inner.mode;
  }
  set mode(m: 'initial' | 'assign') {
    this.#inner.mode = m;
  }
  get stmtLine(): number {
    return this.#inner.stmtLine;
  }
  set stmtLine(v: number) {
    this.#inner.stmtLine = v;
  }

  next(): Token | null {
    const token = this.#inner.next();
    this.events.push({ token, line: this.#inner.line });
    return token;
  }

  help(): string {
    const help = this.#inner.help();
    this.events.push({ help, line: this.#inner.line });
    return help;
  }
}

/** Replays a recorded scan of identical file contents. */
export class ReplayLexer implements Lexer {
  readonly file: string;
  line = 1;
  mode: 'initial' | 'assign' = 'initial';
  stmtLine = 1;
  readonly #events: readonly LexEvent[];
  #at = 0;

  constructor(file: string, events: readonly LexEvent[]) {
    this.file = file;
    this.#events = events;
  }

  #step(): LexEvent {
    const ev = this.#events[this.#at++];
    if (ev === undefined)
      throw new Error(`Kconfig scan replay of "${this.file}" ran out of events`);
    this.line = ev.line;
    return ev;
  }

  next(): Token | null {
    const ev = this.#step();
    if (!('token' in ev)) throw new Error(`Kconfig scan replay of "${this.file}" expected a token`);
    return ev.token;
  }

  help(): string {
    const ev = this.#step();
    if (!('help' in ev))
      throw new Error(`Kconfig scan replay of "${this.file}" expected help text`);
    return ev.help;
  }
}
