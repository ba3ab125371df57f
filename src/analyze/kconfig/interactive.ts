// conf's interactive modes (conf.c's conf, check_conf and their questions): oldaskconfig asks
// every visible question, oldconfig only those of new symbols; each question is printed as conf
// prints it and answered from a line of input (Enter keeps the value shown, '?' prints the
// entry's help, symbol-help.ts).

import { calcChoice } from './choice.ts';
import { menuVisible, writeConfig } from './config-write.ts';
import type { ConfResult } from './engine.ts';
import { isChoice, type Menu, MOD, NO, type Sym, type Tri, YES } from './model.ts';
import { changeable, setChoice, setString, setTristate, tristateWithinRange } from './sym-set.ts';
import { helpText } from './symbol-help.ts';
import { confRead, type TargetContext } from './targets.ts';

/** Where questions go and answers come from. */
export interface Terminal {
  /** The next line with its newline (fgets: at most 127 characters), null at end of input. */
  readLine(): Promise<string | null>;
  /** Writes to stdout (questions, and what conf echoes of the answers when not on a terminal). */
  write(text: string): void;
  /** Both stdin and stdout are terminals: conf does not echo answers then. */
  readonly tty: boolean;
}

const LETTER: Record<Tri, string> = { 0: 'N', 1: 'M', 2: 'Y' };

class EndOfAnswers extends Error {
  readonly symbol: string;
  constructor(symbol: string) {
    super(`no value for new symbol '${symbol}' at end of input`);
    this.symbol = symbol;
  }
}

/** Runs `conf --oldaskconfig` or `conf --oldconfig` on `config`. */
export async function askConfig(
  cx: TargetContext,
  mode: 'oldaskconfig' | 'oldconfig',
  config: string,
  term: Terminal,
): Promise<ConfResult> {
  const { ev } = cx;
  ev.reset();
  ev.order.clear();
  ev.stderr = cx.parseWarnings.map((w) => `${w}\n`).join('');
  let changed = confRead(cx, config, '.config');
  const markChanged = () => {
    changed = true;
  };
  let inputMode = mode;
  let indent = 1;
  let rootEntry: Menu = cx.root;
  let restarts = 0;
  let line = '';
  const out = (s: string) => term.write(s);
  const pad = (n: number) => ' '.repeat(Math.max(0, n));
  const help = (menu: Menu) => out(helpText(ev, cx.root, menu));

  // xfgets: a failed read leaves the buffer as it was, and conf echoes it anyway; feof(stdin)
  // holds once a read has met the end (a last line without newline included).
  let eof = false;
  const readAnswer = async () => {
    const got = await term.readLine();
    if (got === null) ev.stderr += '\nError in reading or end of file.\n';
    else line = got;
    if (got === null || !got.endsWith('\n')) eof = true;
    if (!term.tty) out(line);
  };

  // conf_askvalue: false when the value shown stands (not changeable, or oldconfig and set).
  const askValue = async (sym: Sym, def: string): Promise<boolean> => {
    if (!sym.hasUser) out('(NEW) ');
    line = '\n';
    if (!changeable(ev, sym) || (inputMode === 'oldconfig' && sym.hasUser)) {
      out(`${def}\n`);
      return false;
    }
    await readAnswer();
    return true;
  };

  const askString = async (menu: Menu, sym: Sym) => {
    for (;;) {
      out(`${pad(indent - 1)}${menu.prompt?.text ?? ''} (${sym.name}) `);
      let def: string | null = ev.stringValue(sym);
      out(`[${def}] `);
      if (!(await askValue(sym, def))) return;
      if (line[0] === '?' && line[1] === '\n') {
        help(menu);
        def = null;
      } else if (line[0] !== '\n') def = line.slice(0, -1);
      if (def !== null && setString(ev, sym, def, markChanged)) return;
      // a new int or hex whose default is refused cannot be answered from the end of input
      if (eof) throw new EndOfAnswers(sym.name ?? '');
    }
  };

  const askTristate = async (menu: Menu, sym: Sym) => {
    for (;;) {
      ev.calc(sym);
      const old = sym.currTri;
      let q = `${pad(indent - 1)}${menu.prompt?.text ?? ''} `;
      if (sym.name !== null) q += `(${sym.name}) `;
      q += `[${LETTER[old]}`;
      if (old !== NO && tristateWithinRange(ev, sym, NO)) q += '/n';
      if (old !== MOD && tristateWithinRange(ev, sym, MOD)) q += '/m';
      if (old !== YES && tristateWithinRange(ev, sym, YES)) q += '/y';
      out(`${q}/?] `);
      if (!(await askValue(sym, ev.stringValue(sym)))) return;
      const a = line.trim();
      let val: Tri | undefined;
      if (a === '') val = old;
      else if (/^[nN](o)?$/.test(a)) val = NO;
      else if (/^[mM]$/.test(a)) val = MOD;
      else if (/^[yY](es)?$/.test(a)) val = YES;
      else if (!a.startsWith('?')) continue;
      // conf_sym prints the help for '?' and for a value the symbol cannot take
      if (val !== undefined && setTristate(ev, sym, val, markChanged)) return;
      help(menu);
    }
  };

  const askChoice = async (menu: Menu) => {
    let isNew = false;
    for (;;) {
      out(`${pad(indent - 1)}${menu.prompt?.text ?? ''}\n`);
      const chosen = calcChoice(ev, menu, ev.choiceOrder(menu));
      let cnt = 0;
      let def = 0;
      line = '';
      for (const child of menu.children) {
        if (!menuVisible(ev, child)) continue;
        if (child.sym === null) {
          out(`${pad(indent - 1)}* ${child.prompt?.text ?? ''}\n`);
          continue;
        }
        cnt++;
        out(`${pad(indent - 1)}${child.sym === chosen ? '>' : ' '}`);
        if (child.sym === chosen) def = cnt;
        out(` ${cnt}. ${child.prompt?.text ?? ''} (${child.sym.name})`);
        if (!child.sym.hasUser) {
          isNew = true;
          out(' (NEW)');
        }
        out('\n');
      }
      out(`${pad(indent - 1)}choice`);
      if (cnt === 1) out('[1]: 1\n');
      else {
        out(`[1-${cnt}?]: `);
        if (inputMode === 'oldconfig' && !isNew) {
          cnt = def;
          out(`${cnt}\n`);
        } else {
          await readAnswer();
          line = line.trim();
          if (line[0] === '?') {
            help(menu);
            continue;
          }
          if (line === '') cnt = def;
          else if (/^[0-9]/.test(line)) cnt = Number.parseInt(line, 10);
          else continue;
        }
      }
      let picked: Menu | undefined;
      for (const child of menu.children) {
        if (child.sym === null || !menuVisible(ev, child)) continue;
        if (--cnt === 0) {
          picked = child;
          break;
        }
      }
      if (picked === undefined || picked.sym === null) continue;
      if (line !== '' && line.endsWith('?')) {
        help(picked);
        continue;
      }
      setChoice(ev, menu, picked.sym, markChanged);
      return;
    }
  };

  const conf = async (menu: Menu): Promise<void> => {
    if (!menuVisible(ev, menu)) return;
    const sym = menu.sym;
    const prompt = menu.prompt;
    if (prompt !== null && (prompt.type === 'menu' || prompt.type === 'comment')) {
      // outside oldaskconfig, a menu is entered only to ask its new symbols
      if (prompt.type === 'menu' && inputMode !== 'oldaskconfig' && rootEntry !== menu) {
        await checkConf(menu);
        return;
      }
      if (prompt.text !== null)
        out(`${pad(indent - 1)}*\n${pad(indent - 1)}* ${prompt.text}\n${pad(indent - 1)}*\n`);
    }
    if (sym !== null) {
      if (isChoice(sym)) {
        await askChoice(menu);
        return;
      }
      if (sym.type === 'int' || sym.type === 'hex' || sym.type === 'string')
        await askString(menu, sym);
      else await askTristate(menu, sym);
      indent += 2;
    }
    for (const child of menu.children) await conf(child);
    if (sym !== null) indent -= 2;
  };

  // menu_get_menu_or_parent_menu: the entry itself if it is a menu, else its nearest menu
  const menuOf = (menu: Menu): Menu => {
    let m: Menu | null = menu;
    while (m !== null && m !== cx.root && m.prompt?.type !== 'menu') m = m.parent;
    return m ?? cx.root;
  };

  const checkConf = async (menu: Menu): Promise<void> => {
    if (!menuVisible(ev, menu)) return;
    const sym = menu.sym;
    if (sym !== null && !sym.hasUser && changeable(ev, sym)) {
      if (restarts++ === 0) out('*\n* Restart config...\n*\n');
      rootEntry = menuOf(menu);
      await conf(rootEntry);
    }
    for (const child of menu.children) await checkConf(child);
  };

  try {
    if (inputMode === 'oldaskconfig') {
      rootEntry = cx.root;
      await conf(cx.root);
      inputMode = 'oldconfig';
    }
    do {
      restarts = 0;
      await checkConf(cx.root);
    } while (restarts > 0);
  } catch (err) {
    if (!(err instanceof EndOfAnswers)) throw err;
    // conf exits with 1 and writes nothing
    const stderr = `${ev.stderr}\nerror: no value for new symbol '${err.symbol}' at end of input\n`;
    return { config: '', stderr, stdout: '', exitStatus: 1, warnings: ev.warnings };
  }

  const written = writeConfig(ev, cx.root, changed);
  // is_same: conf compares the file it wrote with the one it read, nothing else
  const same = written === config;
  const stdout = same
    ? '#\n# No change to .config\n#\n'
    : '#\n# configuration written to .config\n#\n';
  return { config: written, stderr: ev.stderr, stdout, warnings: ev.warnings };
}
