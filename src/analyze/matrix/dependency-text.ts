// Reads the dependency expressions the engine reports as text ("A && (B || !C)"): the symbols
// they name, and their top-level conjuncts (what every configuration must satisfy).

const CONSTANTS = new Set(['y', 'm', 'n']);

/** Symbols an expression names, in order of appearance, without constants or duplicates. */
export function expressionSymbols(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.replace(/"[^"]*"/g, ' ').matchAll(/[A-Za-z0-9_]+/g)) {
    const symbol = match[0];
    if (!CONSTANTS.has(symbol) && !/^(0x)?[0-9a-fA-F]+$/.test(symbol)) found.add(symbol);
  }
  return [...found];
}

/** The operands of the top-level `&&` of an expression, outer parentheses removed. */
export function topLevelConjuncts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === '&' && text[i + 1] === '&') {
      parts.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts.map(unwrap).filter((p) => p !== '' && p !== 'y');
}

function unwrap(part: string): string {
  let text = part.trim();
  while (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1))) {
    text = text.slice(1, -1).trim();
  }
  return text;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
