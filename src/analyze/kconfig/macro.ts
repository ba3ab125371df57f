import { KconfigError } from './parse-error.ts';
import type { ToolchainProfile } from './toolchain.ts';

type Flavor = 'recursive' | 'simple';
interface Variable {
  value: string;
  flavor: Flavor;
  depth: number;
}

/** Where an expansion happens, for $(filename), $(lineno) and messages. */
export interface MacroSite {
  readonly file: string;
  readonly line: number;
}

const MAX_ARGS = 16;
const MAX_DEPTH = 1000;
const MAX_EXPANSION = 1 << 20;
/** All expansions of one parse together may produce at most this many characters. */
const MAX_TOTAL_EXPANSION = 64 << 20;
const IF_SUCCESS = /^\{ ([\s\S]*); \} >\/dev\/null 2>&1 && echo "([\s\S]*)" \|\| echo "([\s\S]*)"$/;

/**
 * Kconfig's macro language (kconfig-macro-language.rst): variables, user functions, built-in
 * functions and environment variables. Commands are never run: $(shell,…) answers from the
 * toolchain profile, and what it cannot answer is recorded as unanswered.
 */
export class MacroEngine {
  readonly #vars = new Map<string, Variable>();
  readonly #env: Readonly<Record<string, string>>;
  readonly #profile: ToolchainProfile;
  readonly unanswered = new Set<string>();
  readonly warnings: string[] = [];
  readonly info: string[] = [];
  site: MacroSite = { file: '', line: 0 };
  #produced = 0;

  readonly #lenient: boolean;

  /** `lenient` ignores $(error-if,…): used while recording a profile, when answers are still missing. */
  constructor(env: Readonly<Record<string, string>>, profile: ToolchainProfile, lenient = false) {
    this.#env = env;
    this.#profile = profile;
    this.#lenient = lenient;
  }

  #fail(message: string, code: 'KCONFIG_PARSE' | 'KCONFIG_LIMIT' = 'KCONFIG_PARSE'): never {
    const { file, line } = this.site;
    throw new KconfigError('expand Kconfig macro', { file, line, detail: message }, { code });
  }

  /** Defines a variable as `name = value`, `:=` or `+=` do. */
  assign(name: string, value: string, op: '=' | ':=' | '+='): void {
    const existing = this.#vars.get(name);
    let flavor: Flavor = op === ':=' ? 'simple' : 'recursive';
    const append = op === '+=' && existing !== undefined;
    if (append) flavor = existing.flavor;
    const expanded = flavor === 'simple' ? this.expand(value) : value;
    if (append) {
      existing.value = `${existing.value} ${expanded}`;
      existing.flavor = flavor;
      if (existing.value.length > MAX_EXPANSION)
        this.#fail(`variable "${name}" is too long`, 'KCONFIG_LIMIT');
      return;
    }
    if (existing !== undefined) {
      existing.value = expanded;
      existing.flavor = flavor;
    } else this.#vars.set(name, { value: expanded, flavor, depth: 0 });
  }

  /** Expands every reference in a string. */
  expand(text: string, args: readonly string[] = []): string {
    return this.#expandUntil(text, 0, args, false)[0];
  }

  /** Expands one token starting at `start`: up to the first character outside [A-Za-z0-9_-]. */
  expandToken(text: string, start: number): [string, number] {
    return this.#expandUntil(text, start, [], true);
  }

  /** Expands the reference after a `$` at `start` (the index of the character after `$`). */
  expandDollar(text: string, start: number): [string, number] {
    return this.#dollar(text, start, []);
  }

  #expandUntil(
    text: string,
    start: number,
    args: readonly string[],
    tokenEnd: boolean,
  ): [string, number] {
    let out = '';
    let from = start;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 36 /* $ */) {
        out += text.slice(from, i);
        const [value, next] = this.#dollar(text, i + 1, args);
        out += value;
        this.#produced += value.length;
        if (out.length > MAX_EXPANSION) this.#fail('expansion is too long', 'KCONFIG_LIMIT');
        if (this.#produced > MAX_TOTAL_EXPANSION)
          this.#fail('macros expand to too much text', 'KCONFIG_LIMIT');
        i = next;
        from = i;
        continue;
      }
      if (tokenEnd && !isTokenChar(c)) break;
      i++;
    }
    return [out + text.slice(from, i), i];
  }

  #dollar(text: string, start: number, args: readonly string[]): [string, number] {
    if (text[start] !== '(') return ['$', start];
    let nest = 0;
    let q = start + 1;
    for (; q < text.length; q++) {
      const ch = text[q];
      if (ch === '(') nest++;
      else if (ch === ')') {
        if (nest-- === 0) break;
      }
    }
    if (q >= text.length)
      this.#fail(`unterminated reference to '${text.slice(start + 1)}': missing ')'`);
    return [this.#clause(text.slice(start + 1, q), args), q + 1];
  }

  #clause(body: string, args: readonly string[]): string {
    if (/^[0-9]+$/.test(body)) {
      const n = Number(body);
      if (n > 0 && n <= args.length) return args[n - 1] as string;
    }
    const parts: string[] = [];
    let nest = 0;
    let prev = 0;
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (nest === 0 && ch === ',') {
        if (parts.length >= MAX_ARGS) this.#fail('too many function arguments');
        parts.push(body.slice(prev, i));
        prev = i + 1;
      } else if (ch === '(') nest++;
      else if (ch === ')') nest--;
    }
    if (parts.length >= MAX_ARGS) this.#fail('too many function arguments');
    parts.push(body.slice(prev));
    const name = this.expand(parts[0] as string, args);
    const callArgs = parts.slice(1).map((p) => this.expand(p, args));
    const v = this.#vars.get(name);
    if (v !== undefined) {
      if (callArgs.length === 0 && v.depth > 0)
        this.#fail(`Recursive variable '${name}' references itself (eventually)`);
      if (v.depth > MAX_DEPTH) this.#fail('Too deep recursive expansion', 'KCONFIG_LIMIT');
      v.depth++;
      try {
        return v.flavor === 'recursive' ? this.expand(v.value, callArgs) : v.value;
      } finally {
        v.depth--;
      }
    }
    const builtin = this.#builtin(name, callArgs);
    if (builtin !== undefined) return builtin;
    if (callArgs.length === 0 && name !== '') return this.#env[name] ?? '';
    return '';
  }

  #arity(name: string, args: readonly string[], min: number, max: number): void {
    if (args.length < min) this.#fail(`too few function arguments passed to '${name}'`);
    if (args.length > max) this.#fail(`too many function arguments passed to '${name}'`);
  }

  #builtin(name: string, args: readonly string[]): string | undefined {
    switch (name) {
      case 'error-if':
        this.#arity(name, args, 2, 2);
        if (args[0] === 'y' && !this.#lenient) this.#fail(args[1] as string);
        return '';
      case 'filename':
        this.#arity(name, args, 0, 0);
        return this.site.file;
      case 'info':
        this.#arity(name, args, 1, 1);
        this.info.push(args[0] as string);
        return '';
      case 'lineno':
        this.#arity(name, args, 0, 0);
        return String(this.site.line);
      case 'shell':
        this.#arity(name, args, 1, 1);
        return this.#shell(args[0] as string);
      case 'warning-if':
        this.#arity(name, args, 2, 2);
        if (args[0] === 'y') this.warnings.push(`${this.site.file}:${this.site.line}: ${args[1]}`);
        return '';
      default:
        return undefined;
    }
  }

  // Answers a command from the profile; `{ cmd; } >/dev/null 2>&1 && echo A || echo B` (the
  // shape of if-success, success and failure) is answered from cmd's exit status.
  #shell(command: string): string {
    const m = IF_SUCCESS.exec(command);
    if (m !== null && !this.#profile.commands.has(command)) {
      const inner = this.#profile.commands.get(m[1] as string);
      if (inner === undefined) this.unanswered.add(m[1] as string);
      return inner !== undefined && inner.exitCode === 0 ? (m[2] as string) : (m[3] as string);
    }
    const answer = this.#profile.commands.get(command);
    if (answer === undefined) {
      this.unanswered.add(command);
      return '';
    }
    return shellOutput(answer.stdout);
  }
}

/** What conf keeps of a command's output: at most 4095 bytes, trailing newlines cut, newlines as spaces. */
export function shellOutput(stdout: string): string {
  let s = stdout;
  if (Buffer.byteLength(s) >= 4096) s = Buffer.from(s).subarray(0, 4095).toString('latin1');
  s = s.replace(/\n+$/, '');
  return s.replace(/\n/g, ' ');
}

function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45
  );
}
