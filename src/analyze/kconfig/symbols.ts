import { MOD, NO, newSym, type Sym, type Tri, YES } from './model.ts';

const HASH_BUCKETS = 1 << 14;

// conf keeps symbols in a hash table (fnv32 of the name, 2^14 buckets, newest first in a bucket)
// and several passes iterate that table, so their output order depends on it.
function bucketOf(name: string | null): number {
  if (name === null) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c > 0x7f) c = (c - 0x100) & 0xffffffff; // char is signed in conf
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h & (HASH_BUCKETS - 1);
}

function constant(name: string, tri: Tri): Sym {
  // y, m and n get sequence numbers -1..-3 so every symbol's number is distinct
  const s = newSym(tri === YES ? -1 : tri === MOD ? -2 : -3, name, true);
  s.type = 'tristate';
  s.currTri = tri;
  s.currVal = name;
  s.valid = true;
  return s;
}

/** The symbol table of one parse: named, constant and choice symbols plus y/m/n. */
export class SymbolTable {
  readonly yes = constant('y', YES);
  readonly mod = constant('m', MOD);
  readonly no = constant('n', NO);
  readonly all: Sym[] = [];
  readonly #named = new Map<string, Sym>();
  readonly #consts = new Map<string, Sym>();
  #ordered: Sym[] | null = null;

  /** conf's sym_lookup: finds or creates a (non-)constant symbol; y/m/n are the fixed constants. */
  lookup(name: string, isConst: boolean): Sym {
    if (name.length === 1) {
      if (name === 'y') return this.yes;
      if (name === 'm') return this.mod;
      if (name === 'n') return this.no;
    }
    const map = isConst ? this.#consts : this.#named;
    const found = map.get(name);
    if (found !== undefined) return found;
    const s = newSym(this.all.length, name, isConst);
    map.set(name, s);
    this.all.push(s);
    this.#ordered = null;
    return s;
  }

  /** Creates the unnamed symbol of a choice. */
  choice(): Sym {
    const s = newSym(this.all.length, null, false);
    this.all.push(s);
    this.#ordered = null;
    return s;
  }

  /** conf's sym_find: the non-constant symbol of that name. */
  find(name: string): Sym | undefined {
    if (name.length === 1) {
      if (name === 'y') return this.yes;
      if (name === 'm') return this.mod;
      if (name === 'n') return this.no;
    }
    return this.#named.get(name);
  }

  /** Symbols in the order conf's for_all_symbols visits them. */
  ordered(): readonly Sym[] {
    if (this.#ordered === null) {
      const keyed = this.all.map((s) => ({ s, b: bucketOf(s.name) }));
      keyed.sort((a, b) => a.b - b.b || b.s.seq - a.s.seq);
      this.#ordered = keyed.map((k) => k.s);
    }
    return this.#ordered;
  }
}
