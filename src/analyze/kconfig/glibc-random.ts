// glibc's random() after srandom(seed), which conf's randconfig draws from (srand and rand are
// the same generator in glibc): the TYPE_3 additive feedback generator, 31 words of state with a
// separation of 3, seeded by the Park–Miller minimal standard generator and run 310 times before
// the first output. Written from the algorithm's description; checked against glibc with a small
// C program (test/analyze/kconfig/glibc-random.test.ts).

const DEGREE = 31;
const SEPARATION = 3;
const MODULUS = 2147483647; // 2^31 - 1

/** A generator that yields what glibc's random() yields after srandom(seed). */
export class GlibcRandom {
  readonly #state = new Int32Array(DEGREE);
  #front = SEPARATION;
  #rear = 0;

  /** `seed` is an unsigned int, as conf passes it to srand(). */
  constructor(seed: number) {
    // srandom stores the seed in an int32_t; 0 would make every word 0, so glibc uses 1.
    let word = seed | 0;
    if (word === 0) word = 1;
    this.#state[0] = word;
    for (let i = 1; i < DEGREE; i++) {
      // 16807 * word mod (2^31 - 1) without overflow (Schrage's method), C's truncating division
      const hi = Math.trunc(word / 127773);
      const lo = word % 127773;
      word = 16807 * lo - 2836 * hi;
      if (word < 0) word += MODULUS;
      this.#state[i] = word;
    }
    for (let i = 0; i < DEGREE * 10; i++) this.next();
  }

  /** The next value, 0 … 2^31 - 1. */
  next(): number {
    const s = this.#state;
    // the sum wraps at 32 bits (unsigned in glibc); the output drops the lowest bit
    const sum = ((s[this.#front] as number) + (s[this.#rear] as number)) | 0;
    s[this.#front] = sum;
    const out = (sum >>> 1) & 0x7fffffff;
    this.#front = (this.#front + 1) % DEGREE;
    this.#rear = (this.#rear + 1) % DEGREE;
    return out;
  }
}

/**
 * KCONFIG_SEED as conf reads it: strtol(text, &end, 0) (decimal, 0x hex, 0 octal, a sign) taken
 * as an unsigned int; undefined when conf would not accept it (and seed from the clock instead).
 */
export function parseKconfigSeed(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (m === null) return undefined;
  const digits = m[2] as string;
  let value: bigint;
  if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.startsWith('0'))
    value = digits.length === 1 ? 0n : BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  // strtol saturates at the range of a 64-bit long; the cast to unsigned int keeps 32 bits
  const max = (1n << 63n) - 1n;
  if (value > max) value = m[1] === '-' ? max + 1n : max;
  if (m[1] === '-') value = -value;
  return Number(BigInt.asUintN(32, value));
}
