// conf's randconfig: conf_set_all_new_symbols(def_random) drawing from glibc's random() seeded
// with KCONFIG_SEED, and KCONFIG_PROBABILITY's split of y/m/n, so a seed gives the configuration
// conf gives.
import { KreviewError } from '../../domain/errors.ts';
import type { Evaluator } from './evaluate.ts';
import { GlibcRandom } from './glibc-random.ts';
import { subEntries } from './menu-tree.ts';
import { isChoice, type Menu, MOD, NO, type Tri, YES } from './model.ts';

/** Percentages: a bool is y with `bool`; a tristate y with `triY`, m with `triM`. */
export interface RandomProbabilities {
  readonly bool: number;
  readonly triY: number;
  readonly triM: number;
}

/**
 * KCONFIG_PROBABILITY as conf reads it: "Y", "Y:M" (tristates; a bool is y with Y+M) or
 * "B:Y:M", each 0–100; absent or empty: 50% for bools, 33/33 for tristates.
 */
export function parseProbability(text: string | undefined): RandomProbabilities {
  const p: number[] = [];
  let rest = text ?? '';
  while (rest !== '' && p.length < 3) {
    // strtol(…, 10): leading blanks and a sign, then digits; no digits reads as 0
    const m = /^[ \t\n\v\f\r]*([+-]?[0-9]*)/.exec(rest) as RegExpExecArray;
    const digits = m[1] as string;
    const value = /[0-9]/.test(digits) ? Number.parseInt(digits, 10) : 0;
    if (value < 0 || value > 100) throw probabilityError();
    p.push(value);
    rest = rest.slice(/[0-9]/.test(digits) ? m[0].length : 0);
    rest = rest.startsWith(':') ? rest.slice(1) : rest;
    if (!/[0-9]/.test(digits) && !rest.startsWith(':')) break;
  }
  let out: RandomProbabilities = { bool: 50, triY: 33, triM: 33 };
  if (p.length === 1) {
    const b = p[0] as number;
    out = { bool: b, triM: Math.trunc(b / 2), triY: b - Math.trunc(b / 2) };
  } else if (p.length === 2) {
    out = { bool: (p[0] as number) + (p[1] as number), triY: p[0] as number, triM: p[1] as number };
  } else if (p.length === 3) {
    out = { bool: p[0] as number, triY: p[1] as number, triM: p[2] as number };
  }
  if (out.triY + out.triM > 100) throw probabilityError();
  return out;
}

function probabilityError(): KreviewError {
  return new KreviewError('KCONFIG_PROBABILITY: Numerical result out of range', 'USAGE');
}

// randomize_choice_values: every member without a value gets y, in a random order, each moved
// to the end of the choice's list, so the list's order is the draw's and the first visible wins.
function randomizeChoice(ev: Evaluator, choice: Menu, rng: GlibcRandom): void {
  const order = ev.choiceOrder(choice);
  const open = () => subEntries(choice).filter((m) => m.sym !== null && !m.sym.hasUser).length;
  for (let cnt = open(); cnt > 0; cnt--) {
    let x = rng.next() % cnt;
    for (const m of subEntries(choice)) {
      const sym = m.sym;
      if (sym !== null && !sym.hasUser) x--;
      if (x < 0 && sym !== null) {
        sym.userTri = YES;
        sym.hasUser = true;
        const i = order.indexOf(sym);
        if (i >= 0) order.splice(i, 1);
        order.push(sym);
        break;
      }
    }
  }
}

/** Gives every bool and tristate with a prompt and no value a random one, as conf does. */
export function setAllRandom(
  ev: Evaluator,
  root: Menu,
  seed: number,
  p: RandomProbabilities,
): void {
  const rng = new GlibcRandom(seed);
  const walk = (m: Menu) => {
    for (const menu of m.children) {
      const sym = menu.sym;
      if (
        sym !== null &&
        menu.prompt !== null &&
        !sym.hasUser &&
        (sym.type === 'bool' || sym.type === 'tristate') &&
        sym.choice === null
      ) {
        if (isChoice(sym)) randomizeChoice(ev, menu, rng);
        else {
          const cnt = rng.next() % 100;
          let val: Tri = NO;
          if (sym.type === 'tristate') {
            if (cnt < p.triY) val = YES;
            else if (cnt < p.triY + p.triM) val = MOD;
          } else if (cnt < p.bool) val = YES;
          sym.userTri = val;
          sym.hasUser = true;
        }
      }
      walk(menu);
    }
  };
  walk(root);
  ev.clearAllValid();
}
