import type { Evaluator } from './evaluate.ts';
import { stringValid } from './finalize.ts';
import { MOD, NO, type Sym, YES } from './model.ts';

/** What reading a .config did: conf's warnings and whether unknown symbols were seen. */
export interface ReadResult {
  readonly warnings: number;
  readonly unknownSeen: boolean;
}

/**
 * conf's conf_read_simple for user values: reads `CONFIG_X=v` and `# CONFIG_X is not set` lines,
 * warns like conf (to the evaluator's stderr), and gives the last-read choice member priority.
 */
export function readConfig(ev: Evaluator, text: string, name: string): ReadResult {
  let warnings = 0;
  let unknownSeen = false;
  let lineno = 0;
  const warn = (m: string, symbol?: string) => {
    const text = `${name}:${lineno}:warning: ${m}`;
    ev.warn({ kind: 'config-input', symbol, text }, `${text}\n`);
    warnings++;
  };
  for (const s of ev.table.all) {
    s.hasUser = false;
    s.userVal = null;
    s.userTri = NO;
    s.valid = false;
  }
  ev.epoch++;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    lineno++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    let symName: string;
    let val: string;
    if (line[0] === '#') {
      if (line[1] !== ' ' || !line.startsWith('CONFIG_', 2)) continue;
      const sp = line.indexOf(' ', 9);
      if (sp < 0) continue;
      if (line.slice(sp + 1) !== 'is not set') continue;
      symName = line.slice(9, sp);
      val = 'n';
    } else {
      if (!line.startsWith('CONFIG_')) {
        warn(`unexpected data: ${line}`);
        continue;
      }
      const eq = line.indexOf('=', 7);
      if (eq < 0) {
        warn(`unexpected data: ${line}`);
        continue;
      }
      symName = line.slice(7, eq);
      val = line.slice(eq + 1);
    }
    const sym = ev.table.find(symName);
    if (sym === undefined) {
      unknownSeen = true;
      continue;
    }
    if (sym.hasUser) warn(`override: reassigning to symbol ${sym.name}`, sym.name ?? undefined);
    if (!setUserValue(sym, val, warn)) continue;
    const choice = ev.choiceMenu(sym);
    if (choice !== null) {
      const order = ev.choiceOrder(choice);
      const i = order.indexOf(sym);
      if (i >= 0) order.splice(i, 1);
      order.unshift(sym);
    }
  }
  return { warnings, unknownSeen };
}

// conf's conf_set_sym_val; false when the value was rejected.
function setUserValue(sym: Sym, p: string, warn: (m: string, symbol?: string) => void): boolean {
  switch (sym.type) {
    case 'tristate':
    case 'bool':
      if (sym.type === 'tristate' && p[0] === 'm') {
        sym.userTri = MOD;
        sym.hasUser = true;
        return true;
      }
      if (p[0] === 'y' || p[0] === 'n') {
        sym.userTri = p[0] === 'y' ? YES : NO;
        sym.hasUser = true;
        return true;
      }
      warn(`symbol value '${p}' invalid for ${sym.name}`, sym.name ?? undefined);
      return false;
    case 'string': {
      if (p[0] !== '"') return true;
      let out = '';
      let i = 1;
      let closed = false;
      while (i < p.length) {
        const ch = p[i] as string;
        if (ch === '"') {
          closed = true;
          break;
        }
        if (ch === '\\') {
          i++;
          if (i < p.length) out += p[i];
          i++;
          continue;
        }
        out += ch;
        i++;
      }
      if (!closed) {
        warn('invalid string found', sym.name ?? undefined);
        return false;
      }
      sym.userVal = out;
      sym.hasUser = true;
      return true;
    }
    case 'int':
    case 'hex':
      if (stringValid(sym, p)) {
        sym.userVal = p;
        sym.hasUser = true;
        return true;
      }
      warn(`symbol value '${p}' invalid for ${sym.name}`, sym.name ?? undefined);
      return false;
    default:
      return true;
  }
}
