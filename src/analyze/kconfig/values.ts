import type { Sym } from './model.ts';

const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/** The result of C's strtoll/strtoull: value, where parsing stopped, and whether it overflowed. */
export interface Parsed {
  value: bigint;
  end: number;
  start: number;
  overflow: boolean;
}

/** C's strtoll (or strtoull when unsigned) on a string, with base 0, 10 or 16. */
export function strtol(str: string, base: 0 | 10 | 16, unsigned = false): Parsed {
  let i = 0;
  while (i < str.length && /[ \t\n\v\f\r]/.test(str[i] as string)) i++;
  let neg = false;
  if (str[i] === '+' || str[i] === '-') {
    neg = str[i] === '-';
    i++;
  }
  let b: number = base;
  if (
    (b === 0 || b === 16) &&
    str[i] === '0' &&
    (str[i + 1] === 'x' || str[i + 1] === 'X') &&
    /[0-9a-fA-F]/.test(str[i + 2] ?? '')
  ) {
    i += 2;
    b = 16;
  } else if (b === 0) b = str[i] === '0' ? 8 : 10;
  const digitsStart = i;
  let v = 0n;
  const big = BigInt(b);
  for (; i < str.length; i++) {
    const d = Number.parseInt(str[i] as string, 36);
    if (Number.isNaN(d) || d >= b) break;
    v = v * big + BigInt(d);
  }
  if (i === digitsStart) return { value: 0n, end: 0, start: 0, overflow: false };
  let overflow = false;
  if (unsigned) {
    if (v > U64_MAX) {
      overflow = true;
      v = U64_MAX;
    } else if (neg) v = (U64_MAX + 1n - v) & U64_MAX;
  } else {
    let s = neg ? -v : v;
    if (s > I64_MAX) {
      overflow = true;
      s = I64_MAX;
    } else if (s < I64_MIN) {
      overflow = true;
      s = I64_MIN;
    }
    v = s;
  }
  return { value: v, end: i, start: 0, overflow };
}

type Kind = 'string' | 'signed' | 'unsigned';

// conf's expr_parse_string: how a comparison operand is read for a symbol type.
function parseOperand(str: string, sym: Sym): { kind: Kind; v: bigint } {
  switch (sym.type) {
    case 'bool':
    case 'tristate':
      return { kind: 'signed', v: str === 'n' ? 0n : str === 'm' ? 1n : str === 'y' ? 2n : -1n };
    default: {
      const unsigned = sym.type === 'hex';
      const p = strtol(str, sym.type === 'int' ? 10 : sym.type === 'hex' ? 16 : 0, unsigned);
      const ok =
        !p.overflow &&
        p.end === str.length &&
        p.end > 0 &&
        /[0-9a-fA-F]/.test(str[p.end - 1] as string);
      return { kind: ok ? (unsigned ? 'unsigned' : 'signed') : 'string', v: p.value };
    }
  }
}

/** Compares two symbols' values as conf's comparison operators do: <0, 0 or >0. */
export function compareValues(ls: Sym, lstr: string, rs: Sym, rstr: string): number {
  if (ls.type === 'string' && rs.type === 'string') return strcmp(lstr, rstr);
  const a = parseOperand(lstr, ls);
  const b = parseOperand(rstr, rs);
  if (a.kind === 'string' || b.kind === 'string') return strcmp(lstr, rstr);
  if (a.kind === 'unsigned' || b.kind === 'unsigned') {
    const ua = BigInt.asUintN(64, a.v);
    const ub = BigInt.asUintN(64, b.v);
    return ua > ub ? 1 : ua < ub ? -1 : 0;
  }
  return a.v > b.v ? 1 : a.v < b.v ? -1 : 0;
}

/** Byte-wise comparison like C's strcmp (sign only). */
export function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
