import { type FileLexer, TOKEN_KINDS, type Token, type TokKind } from './lexer.ts';

/** What the token stream needs from a file's scanner. */
export interface Lexer {
  readonly file: string;
  line: number;
  mode: 'initial' | 'assign';
  stmtLine: number;
  next(): Token | null;
  help(): string;
}

/**
 * A recorded scan, compactly: per step a kind code (a token kind, END for end of file, HELP for a
 * help text), its text, and the line the scanner ended on.
 */
export interface LexEvents {
  readonly kinds: number[];
  readonly texts: string[];
  readonly lines: number[];
}

const KINDS: readonly TokKind[] = TOKEN_KINDS;
const CODE = new Map<TokKind, number>(KINDS.map((k, i) => [k, i]));
const END = 254;
const HELP = 255;
const EMPTY: Record<string, Token> = {};
for (const k of KINDS)
  if (k !== 'word' && k !== 'quote' && k !== 'assign_val')
    EMPTY[k] = { kind: k, text: k === 'eol' ? '' : k };

/**
 * Records what a file's scanner produced so that the next parse of the same contents (the other
 * tree of a review, or the same tree again) replays it instead of scanning. Only files without
 * macros and without scanner warnings are recorded: their tokens depend on nothing else.
 */
export class RecordingLexer implements Lexer {
  readonly #inner: FileLexer;
  readonly events: LexEvents = { kinds: [], texts: [], lines: [] };
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
    this.events.kinds.push(token === null ? END : (CODE.get(token.kind) as number));
    this.events.texts.push(token === null ? '' : token.text);
    this.events.lines.push(this.#inner.line);
    return token;
  }

  help(): string {
    const help = this.#inner.help();
    this.events.kinds.push(HELP);
    this.events.texts.push(help);
    this.events.lines.push(this.#inner.line);
    return help;
  }
}

/** Replays a recorded scan of identical file contents. */
export class ReplayLexer implements Lexer {
  readonly file: string;
  line = 1;
  mode: 'initial' | 'assign' = 'initial';
  stmtLine = 1;
  readonly #events: LexEvents;
  #at = 0;

  constructor(file: string, events: LexEvents) {
    this.file = file;
    this.#events = events;
  }

  #step(): number {
    const i = this.#at++;
    const kind = this.#events.kinds[i];
    if (kind === undefined)
      throw new Error(`Kconfig scan replay of "${this.file}" ran out of events`);
    this.line = this.#events.lines[i] as number;
    return kind;
  }

  next(): Token | null {
    const kind = this.#step();
    if (kind === HELP) throw new Error(`Kconfig scan replay of "${this.file}" expected a token`);
    if (kind === END) return null;
    const k = KINDS[kind] as TokKind;
    return EMPTY[k] ?? { kind: k, text: this.#events.texts[this.#at - 1] as string };
  }

  help(): string {
    if (this.#step() !== HELP)
      throw new Error(`Kconfig scan replay of "${this.file}" expected help text`);
    return this.#events.texts[this.#at - 1] as string;
  }
}
