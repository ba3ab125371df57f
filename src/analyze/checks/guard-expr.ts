// Reads the CONFIG_ conditions of C preprocessor lines (`#if`, `#ifdef`, `#elif`, …) and of
// `IS_ENABLED()`-style calls, and evaluates them for given symbol values, so a reviewer's
// "what happens when these are y/n or n/y?" can be answered for every reachable combination.
import type { Tristate } from '../../domain/matrix.ts';

/** A preprocessor condition over Kconfig symbols. Unknown parts are kept as opaque atoms. */
export type Guard =
  | { readonly kind: 'test'; readonly test: GuardTest; readonly symbol: string }
  | { readonly kind: 'not'; readonly operand: Guard }
  | { readonly kind: 'and' | 'or'; readonly left: Guard; readonly right: Guard }
  | { readonly kind: 'opaque'; readonly text: string };

/**
 * How a symbol is tested: `defined` is `defined(CONFIG_X)`/`#ifdef CONFIG_X`/bare `CONFIG_X`
 * (true only for y, since m defines CONFIG_X_MODULE); `enabled` is IS_ENABLED/IS_REACHABLE
 * (y or m; IS_REACHABLE is read from built-in code's side, which is the strict one only for m
 * callers, so it is kept as y-or-m here); `builtin` is IS_BUILTIN; `module` is IS_MODULE.
 */
export type GuardTest = 'defined' | 'enabled' | 'builtin' | 'module';

const CALLS: Readonly<Record<string, GuardTest>> = {
  defined: 'defined',
  IS_ENABLED: 'enabled',
  IS_REACHABLE: 'enabled',
  IS_BUILTIN: 'builtin',
  IS_MODULE: 'module',
};

const DIRECTIVE = /^\s*#\s*(if|elif|ifdef|ifndef)\b(.*)$/;

/** Parses a preprocessor line into its guard; undefined when it is not a conditional directive. */
export function parseDirective(line: string): Guard | undefined {
  const match = DIRECTIVE.exec(stripComment(line));
  if (match === null) return undefined;
  const [, directive, rest = ''] = match;
  const text = rest.trim();
  if (directive === 'ifdef' || directive === 'ifndef') {
    const symbol = /^CONFIG_(\w+)$/.exec(text)?.[1];
    const test: Guard =
      symbol === undefined ? { kind: 'opaque', text } : { kind: 'test', test: 'defined', symbol };
    return directive === 'ifdef' ? test : { kind: 'not', operand: test };
  }
  return parseGuard(text);
}

/** Parses a condition such as `IS_ENABLED(CONFIG_A) || !defined(CONFIG_B)`. */
export function parseGuard(text: string): Guard {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const next = (): string | undefined => tokens[at++];

  function primary(): Guard {
    const token = next();
    if (token === undefined) return { kind: 'opaque', text: '' };
    if (token === '!') return { kind: 'not', operand: primary() };
    if (token === '(') {
      const inner = or();
      if (peek() === ')') at++;
      return inner;
    }
    const test = CALLS[token];
    if (test !== undefined) {
      const parenthesised = peek() === '(';
      if (parenthesised) at++;
      const argument = next() ?? '';
      if (parenthesised && peek() === ')') at++;
      const symbol = /^CONFIG_(\w+)$/.exec(argument)?.[1];
      return symbol === undefined
        ? { kind: 'opaque', text: `${token}(${argument})` }
        : { kind: 'test', test, symbol };
    }
    const symbol = /^CONFIG_(\w+)$/.exec(token)?.[1];
    if (symbol !== undefined) return { kind: 'test', test: 'defined', symbol };
    return { kind: 'opaque', text: token };
  }
  function and(): Guard {
    let left = primary();
    while (peek() === '&&') {
      at++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  }
  function or(): Guard {
    let left = and();
    while (peek() === '||') {
      at++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }
  return or();
}

/** The Kconfig symbols a guard tests, in the order they appear, without duplicates. */
export function guardSymbols(guard: Guard): string[] {
  const found = new Set<string>();
  const walk = (g: Guard): void => {
    if (g.kind === 'test') found.add(g.symbol);
    else if (g.kind === 'not') walk(g.operand);
    else if (g.kind === 'and' || g.kind === 'or') {
      walk(g.left);
      walk(g.right);
    }
  };
  walk(guard);
  return [...found];
}

/** Evaluates a guard for symbol values; undefined when an opaque part decides the outcome. */
export function evaluateGuard(
  guard: Guard,
  value: (symbol: string) => Tristate,
): boolean | undefined {
  switch (guard.kind) {
    case 'opaque':
      return undefined;
    case 'test': {
      const v = value(guard.symbol);
      if (guard.test === 'defined' || guard.test === 'builtin') return v === 'y';
      if (guard.test === 'module') return v === 'm';
      return v !== 'n';
    }
    case 'not': {
      const inner = evaluateGuard(guard.operand, value);
      return inner === undefined ? undefined : !inner;
    }
    case 'and': {
      const [l, r] = [evaluateGuard(guard.left, value), evaluateGuard(guard.right, value)];
      if (l === false || r === false) return false;
      return l === undefined || r === undefined ? undefined : true;
    }
    case 'or': {
      const [l, r] = [evaluateGuard(guard.left, value), evaluateGuard(guard.right, value)];
      if (l === true || r === true) return true;
      return l === undefined || r === undefined ? undefined : false;
    }
  }
}

function stripComment(line: string): string {
  return line.replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '');
}

function tokenize(text: string): string[] {
  return text.match(/&&|\|\||[!()]|[A-Za-z_]\w*|[^\s\w()!&|]+/g) ?? [];
}
