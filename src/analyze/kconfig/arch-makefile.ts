// A small reader of the kernel's Makefiles as data, enough to do what make does for Kconfig:
// SRCARCH from ARCH (top Makefile), SUBARCH (scripts/subarch.include), HEADER_ARCH and
// KBUILD_DEFCONFIG (arch/$SRCARCH/Makefile), and the rules of generated defconfig targets
// (`ppc64le_defconfig: ; $(call merge_into_defconfig,…)`, mips' `$(eval $(call gen_generic_…))`).
// Nothing is executed: `$(shell …)` is answered for an x86_64 host (`uname -m` and sed filters of
// it), every other command expands to nothing, as a failed probe would.

/** How make defined a variable. */
interface MakeVar {
  readonly value: string;
  readonly recursive: boolean;
  readonly origin: 'file' | 'command line' | 'automatic' | 'default';
}

/** One rule of the Makefile: its prerequisites and recipe lines (unexpanded), in order. */
export interface MakeRule {
  prereqs: string[];
  recipe: string[];
}

/** What the host answers: `uname -m`, and the names of files for `$(wildcard …)`. */
export interface MakeHost {
  readonly machine: string;
  wildcard?(pattern: string): string[];
}

/** The host kreview models: a native x86_64 build with CROSS_COMPILE unset. */
export const X86_64_HOST: MakeHost = { machine: 'x86_64' };

const WORD = /\S+/g;
/** Expansion steps (and 64-byte units of expanded text) one reader may spend. */
const MAKE_BUDGET = 2_000_000;
const words = (s: string): string[] => s.match(WORD) ?? [];

/** make's `%` pattern as a RegExp (first `%` is the stem). */
function patternRegex(pattern: string): RegExp {
  const i = pattern.indexOf('%');
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (i < 0) return new RegExp(`^${esc(pattern)}$`);
  return new RegExp(`^${esc(pattern.slice(0, i))}(.*)${esc(pattern.slice(i + 1))}$`, 's');
}

function patsubst(pattern: string, replacement: string, word: string): string {
  const m = patternRegex(pattern).exec(word);
  if (m === null) return word;
  return pattern.includes('%') ? replacement.replace('%', m[1] ?? '') : replacement;
}

/** Splits function arguments at top-level commas (at most `max` parts; the last keeps commas). */
function splitArgs(s: string, max = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0 && out.length < max - 1) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

// A POSIX basic regular expression of sed as a JS one (enough for subarch.include's filters).
function sedRegex(re: string): RegExp {
  return new RegExp(re.replace(/\\\(/g, '(').replace(/\\\)/g, ')'));
}

/** Applies `sed -e …` expressions like `s/i.86/x86/` and `/^arm64$/!s/arm.*\/arm/`. */
function applySed(exprs: readonly string[], input: string): string {
  let text = input;
  for (const e of exprs) {
    const m = /^(?:\/((?:[^/\\]|\\.)*)\/(!?))?s\/((?:[^/\\]|\\.)*)\/((?:[^/\\]|\\.)*)\/(g?)$/.exec(
      e,
    );
    if (m === null) continue;
    const [, addr, neg, re, rep, g] = m;
    if (addr !== undefined) {
      const hit = sedRegex(addr).test(text);
      if (hit === (neg === '!')) continue;
    }
    const rx = new RegExp(sedRegex(re as string).source, g === 'g' ? 'g' : '');
    text = text.replace(rx, (rep as string).replace(/\\\//g, '/').replace(/&/g, '$&'));
  }
  return text;
}

/** Splits a shell word list, honouring '…' and "…" quotes. */
export function shellWords(cmd: string): string[] {
  const out: string[] = [];
  for (const m of cmd.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** `$(shell …)` for the host: `uname -m` possibly piped through sed; anything else is empty. */
export function hostShell(host: MakeHost, cmd: string): string {
  const stages = cmd.split('|').map((s) => s.trim());
  if (stages[0] !== 'uname -m') return '';
  let out = host.machine;
  for (const stage of stages.slice(1)) {
    const argv = shellWords(stage);
    if (argv[0] !== 'sed') return '';
    const exprs: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-e') exprs.push(argv[++i] ?? '');
      else exprs.push(argv[i] as string);
    }
    out = applySed(exprs, out);
  }
  return out;
}

/** A Makefile read as data: variables, conditionals, define/endef, $(eval), rules. */
export class MakeReader {
  readonly vars = new Map<string, MakeVar>();
  readonly rules = new Map<string, MakeRule>();
  /** Names an `export` line named (export A B, export A := x). */
  readonly exported = new Set<string>();
  private readonly host: MakeHost;
  // Expansion work left: a Makefile from a patched tree is data too, and must not hang the reader
  // (self-referencing variables, nested $(foreach) blow-ups).
  private budget = MAKE_BUDGET;

  constructor(host: MakeHost, commandLine: Readonly<Record<string, string>> = {}) {
    this.host = host;
    for (const [k, v] of Object.entries(commandLine))
      this.vars.set(k, { value: v, recursive: false, origin: 'command line' });
  }

  /** A variable's value, expanded. */
  get(name: string): string {
    const v = this.vars.get(name);
    if (v === undefined) return '';
    return v.recursive ? this.expand(v.value) : v.value;
  }

  /** Sets a variable as a Makefile assignment would (command-line values win, as in make). */
  assign(name: string, op: string, raw: string): void {
    const old = this.vars.get(name);
    if (old?.origin === 'command line') return;
    if (op === '?=') {
      if (old === undefined) this.vars.set(name, { value: raw, recursive: true, origin: 'file' });
    } else if (op === '+=') {
      if (old === undefined) this.vars.set(name, { value: raw, recursive: true, origin: 'file' });
      else {
        const add = old.recursive ? raw : this.expand(raw);
        const value = old.value === '' ? add : `${old.value} ${add}`;
        this.vars.set(name, { value, recursive: old.recursive, origin: old.origin });
      }
    } else if (op === ':=' || op === '::=') {
      this.vars.set(name, { value: this.expand(raw), recursive: false, origin: 'file' });
    } else if (op === '=') {
      this.vars.set(name, { value: raw, recursive: true, origin: 'file' });
    } else if (op === '!=') {
      this.vars.set(name, {
        value: hostShell(this.host, this.expand(raw)),
        recursive: false,
        origin: 'file',
      });
    }
  }

  /** Expands `$(…)`, `${…}` and `$x` references; `locals` are automatic or call arguments. */
  expand(text: string, locals: Readonly<Record<string, string>> = {}): string {
    this.budget -= 1 + (text.length >> 6);
    if (this.budget < 0) throw new RangeError('Makefile expansion exceeds its budget');
    let out = '';
    let i = 0;
    while (i < text.length) {
      const d = text.indexOf('$', i);
      if (d < 0) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, d);
      const c = text[d + 1];
      if (c === undefined) break;
      if (c === '$') {
        out += '$';
        i = d + 2;
        continue;
      }
      if (c === '(' || c === '{') {
        const close = c === '(' ? ')' : '}';
        let depth = 1;
        let j = d + 2;
        for (; j < text.length && depth > 0; j++) {
          if (text[j] === c) depth++;
          else if (text[j] === close) depth--;
        }
        out += this.reference(text.slice(d + 2, j - 1), locals);
        i = j;
        continue;
      }
      out += this.variable(c, locals);
      i = d + 2;
    }
    return out;
  }

  private variable(name: string, locals: Readonly<Record<string, string>>): string {
    const local = locals[name];
    if (local !== undefined) return local;
    // a recursive variable sees the call's $1… and the automatic variables, as in make
    const v = this.vars.get(name);
    if (v === undefined) return '';
    return v.recursive ? this.expand(v.value, locals) : v.value;
  }

  private reference(body: string, locals: Readonly<Record<string, string>>): string {
    const fm = /^([a-z-]+)[ \t]+/.exec(body);
    if (fm !== null) {
      const result = this.call(fm[1] as string, body.slice(fm[0].length), locals);
      if (result !== undefined) return result;
    }
    // $(VAR:a=b) substitution references
    const subst = /^([^:]*):([^=]*)=(.*)$/s.exec(body);
    if (subst !== null) {
      const value = this.variable(this.expand(subst[1] as string, locals), locals);
      const from = this.expand(subst[2] as string, locals);
      const to = this.expand(subst[3] as string, locals);
      const pat = from.includes('%') ? from : `%${from}`;
      const rep = from.includes('%') ? to : `%${to}`;
      return words(value)
        .map((w) => patsubst(pat, rep, w))
        .join(' ');
    }
    return this.variable(this.expand(body, locals), locals);
  }

  private call(
    fn: string,
    rest: string,
    locals: Readonly<Record<string, string>>,
  ): string | undefined {
    const x = (s: string) => this.expand(s, locals);
    const args = () => splitArgs(rest).map(x);
    switch (fn) {
      case 'if': {
        const [cond, then, otherwise] = splitArgs(rest, 3);
        return x(cond ?? '').trim() !== '' ? x(then ?? '') : x(otherwise ?? '');
      }
      case 'or':
        for (const a of splitArgs(rest)) {
          const v = x(a).trim();
          if (v !== '') return v;
        }
        return '';
      case 'and': {
        let v = '';
        for (const a of splitArgs(rest)) {
          v = x(a).trim();
          if (v === '') return '';
        }
        return v;
      }
      case 'filter':
      case 'filter-out': {
        const [pats, text] = splitArgs(rest, 2).map(x);
        const rxs = words(pats ?? '').map(patternRegex);
        return words(text ?? '')
          .filter((w) => rxs.some((r) => r.test(w)) === (fn === 'filter'))
          .join(' ');
      }
      case 'patsubst': {
        const [p, r, text] = splitArgs(rest, 3).map(x);
        return words(text ?? '')
          .map((w) => patsubst((p ?? '').trim(), (r ?? '').trim(), w))
          .join(' ');
      }
      case 'subst': {
        const [from, to, text] = splitArgs(rest, 3).map(x);
        return (text ?? '').split(from ?? '').join(to ?? '');
      }
      case 'strip':
        return words(x(rest)).join(' ');
      case 'sort':
        return [...new Set(words(x(rest)))].sort().join(' ');
      case 'words':
        return String(words(x(rest)).length);
      case 'firstword':
        return words(x(rest))[0] ?? '';
      case 'findstring': {
        const [find, text] = splitArgs(rest, 2).map(x);
        return (text ?? '').includes(find ?? '') ? (find ?? '') : '';
      }
      case 'notdir':
        return words(x(rest))
          .map((w) => w.slice(w.lastIndexOf('/') + 1))
          .join(' ');
      case 'dir':
        return words(x(rest))
          .map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './'))
          .join(' ');
      case 'basename':
        return words(x(rest))
          .map((w) => w.replace(/\.[^./]*$/, ''))
          .join(' ');
      case 'addprefix': {
        const [p, text] = splitArgs(rest, 2).map(x);
        return words(text ?? '')
          .map((w) => `${p}${w}`)
          .join(' ');
      }
      case 'addsuffix': {
        const [s, text] = splitArgs(rest, 2).map(x);
        return words(text ?? '')
          .map((w) => `${w}${s}`)
          .join(' ');
      }
      case 'foreach': {
        const [v, list, body] = splitArgs(rest, 3);
        const name = x(v ?? '').trim();
        return words(x(list ?? ''))
          .map((w) => this.expand(body ?? '', { ...locals, [name]: w }))
          .join(' ');
      }
      case 'call': {
        const [name, ...params] = args();
        const v = this.vars.get((name ?? '').trim());
        if (v === undefined) return '';
        const a: Record<string, string> = { 0: (name ?? '').trim() };
        params.forEach((p, k) => {
          a[String(k + 1)] = p;
        });
        // make leaves $(N) past the arguments empty, not the caller's
        for (let k = params.length + 1; k < 10; k++) a[String(k)] = '';
        return this.expand(v.value, a);
      }
      case 'value':
        return this.vars.get(x(rest).trim())?.value ?? '';
      case 'origin': {
        const name = x(rest).trim();
        return locals[name] !== undefined
          ? 'automatic'
          : (this.vars.get(name)?.origin ?? 'undefined');
      }
      case 'shell':
        return hostShell(this.host, x(rest).trim()).replace(/\n+$/, '').replace(/\n/g, ' ');
      case 'wildcard':
        return words(x(rest))
          .flatMap((p) => this.host.wildcard?.(p) ?? [])
          .join(' ');
      case 'eval':
        this.read(x(rest));
        return '';
      case 'info':
      case 'warning':
      case 'error':
        return '';
      default:
        return undefined;
    }
  }

  /** Reads Makefile text: assignments, conditionals, define blocks, $(eval …), rules. */
  read(text: string): void {
    const lines = text.split('\n');
    // [active, some branch taken, parent active]
    const conds: { active: boolean; taken: boolean; parent: boolean }[] = [];
    const active = () => conds.length === 0 || (conds[conds.length - 1]?.active ?? true);
    let rule: MakeRule[] | null = null;
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i] as string;
      // define NAME … endef: the body is kept raw, as a recursive variable
      const def =
        /^[ \t]*(?:override[ \t]+|export[ \t]+)?define[ \t]+(\S+)[ \t]*(=|:=)?[ \t]*$/.exec(line);
      if (def !== null) {
        const body: string[] = [];
        let depth = 1;
        for (i++; i < lines.length; i++) {
          const l = lines[i] as string;
          if (/^[ \t]*define[ \t]/.test(l)) depth++;
          if (/^[ \t]*endef\b/.test(l) && --depth === 0) break;
          body.push(l);
        }
        if (active()) this.assign(def[1] as string, def[2] ?? '=', body.join('\n'));
        rule = null;
        continue;
      }
      if (line.startsWith('\t') && rule !== null) {
        // a recipe line, continuations kept as make passes them to the shell
        let recipe = line.slice(1);
        while (recipe.endsWith('\\') && i + 1 < lines.length)
          recipe = `${recipe.slice(0, -1)} ${(lines[++i] as string).replace(/^\t/, '').trim()}`;
        if (active()) for (const r of rule) r.recipe.push(recipe);
        continue;
      }
      while (line.endsWith('\\') && i + 1 < lines.length)
        line = `${line.slice(0, -1).replace(/[ \t]+$/, '')} ${(lines[++i] as string).trim()}`;
      const hash = line.search(/(?<!\\)#/);
      if (hash >= 0) line = line.slice(0, hash);
      const t = line.trim();
      if (t === '') continue;
      const cm = /^(ifeq|ifneq|ifdef|ifndef)\b[ \t]*(.*)$/.exec(t);
      if (cm !== null) {
        const parent = active();
        const v = parent && this.condition(cm[1] as string, cm[2] as string);
        conds.push({ active: v, taken: v, parent });
        rule = null;
        continue;
      }
      const em = /^else\b[ \t]*(.*)$/.exec(t);
      if (em !== null) {
        const top = conds[conds.length - 1];
        if (top === undefined) continue;
        const sub = /^(ifeq|ifneq|ifdef|ifndef)\b[ \t]*(.*)$/.exec(em[1] as string);
        if (top.taken || !top.parent) top.active = false;
        else if (sub === null) top.active = top.taken = true;
        else {
          top.active = this.condition(sub[1] as string, sub[2] as string);
          top.taken = top.active;
        }
        rule = null;
        continue;
      }
      if (/^endif\b/.test(t)) {
        conds.pop();
        rule = null;
        continue;
      }
      if (!active()) continue;
      if (/^-?s?include[ \t]/.test(t) || /^(unexport|undefine|vpath)\b/.test(t)) {
        rule = null;
        continue;
      }
      const isExport = /^export[ \t]/.test(t);
      const stmt = t.replace(/^(?:export|override)[ \t]+/, '');
      const am = /^([^\s:#=?+!]+)[ \t]*(::=|:=|\?=|\+=|!=|=)[ \t]*(.*)$/.exec(stmt);
      if (am !== null) {
        const name = this.expand(am[1] as string);
        this.assign(name, am[2] as string, am[3] as string);
        if (isExport) this.exported.add(name);
        rule = null;
        continue;
      }
      if (isExport || t === 'export') {
        for (const name of words(this.expand(stmt))) this.exported.add(name);
        rule = null;
        continue;
      }
      rule = this.ruleLine(t);
    }
  }

  private ruleLine(t: string): MakeRule[] | null {
    // `targets : prereqs [; recipe]`, the colon found after expansion of the targets part
    const expanded = this.expandRuleHead(t);
    if (expanded === null) return null;
    const { targets, prereqs, recipe } = expanded;
    const out: MakeRule[] = [];
    for (const target of words(targets)) {
      let r = this.rules.get(target);
      if (r === undefined) {
        r = { prereqs: [], recipe: [] };
        this.rules.set(target, r);
      }
      r.prereqs.push(...words(prereqs));
      if (recipe !== undefined) r.recipe.push(recipe);
      out.push(r);
    }
    return out;
  }

  private expandRuleHead(
    t: string,
  ): { targets: string; prereqs: string; recipe: string | undefined } | null {
    // find the first ':' outside $(…)
    let depth = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) {
        depth++;
        i++;
      } else if ((c === '(' || c === '{') && depth > 0) depth++;
      else if ((c === ')' || c === '}') && depth > 0) depth--;
      else if (c === ':' && depth === 0) {
        let rest = t.slice(t[i + 1] === ':' ? i + 2 : i + 1);
        let recipe: string | undefined;
        const semi = rest.indexOf(';');
        if (semi >= 0) {
          recipe = rest.slice(semi + 1).trim();
          rest = rest.slice(0, semi);
        }
        // target-specific variable assignments are not rules
        if (/^[ \t]*[^\s:#=]+[ \t]*(::=|:=|\?=|\+=|=)/.test(rest)) return null;
        return { targets: this.expand(t.slice(0, i)), prereqs: this.expand(rest), recipe };
      }
    }
    // a bare $(eval …) or other function call line
    this.expand(t);
    return null;
  }

  private condition(kind: string, argText: string): boolean {
    if (kind === 'ifdef' || kind === 'ifndef') {
      const name = this.expand(argText).trim();
      const v = this.vars.get(name);
      const defined = v !== undefined && v.value !== '';
      return kind === 'ifdef' ? defined : !defined;
    }
    let a: string;
    let b: string;
    const s = argText.trim();
    if (s.startsWith('(')) {
      const [x, y] = splitArgs(s.slice(1, s.lastIndexOf(')')), 2);
      a = this.expand(x ?? '').trim();
      b = this.expand(y ?? '').trim();
    } else {
      const q = /^(["'])(.*?)\1[ \t]+(["'])(.*?)\3$/.exec(s);
      a = this.expand(q?.[2] ?? '');
      b = this.expand(q?.[4] ?? '');
    }
    return kind === 'ifeq' ? a === b : a !== b;
  }
}

/** SRCARCH as the top Makefile sets it: its `ifeq ($(ARCH),x) SRCARCH := y endif` blocks. */
export function srcarchFromMakefile(topMakefile: string, arch: string): string {
  const m = new MakeReader(X86_64_HOST, { ARCH: arch });
  m.assign('SRCARCH', ':=', arch);
  const blocks = topMakefile.match(/^ifeq[^\n]*\n(?:[ \t]+SRCARCH[ \t]*:=[^\n]*\n)+endif$/gm) ?? [];
  for (const block of blocks) m.read(block);
  return m.get('SRCARCH');
}

/** SUBARCH as scripts/subarch.include computes it on the host. */
export function subarchFromInclude(subarchInclude: string, host: MakeHost = X86_64_HOST): string {
  const m = new MakeReader(host);
  m.read(subarchInclude);
  return m.get('SUBARCH');
}

// The arch Makefile exports Kconfig files read ("arch/$(HEADER_ARCH)/um/Kconfig", "$(SUBARCH)").
// Others (flags from cc-option probes) are left out: the reader cannot compute them.
const KCONFIG_ARCH_EXPORTS = ['SUBARCH', 'HEADER_ARCH'];

/** What make knows of an arch for Kconfig, read from its Makefiles. */
export interface ArchMake {
  readonly arch: string;
  readonly srcarch: string;
  readonly subarch: string;
  /** arch/um's HEADER_ARCH (the host arch UML runs on); undefined elsewhere. */
  readonly headerArch: string | undefined;
  readonly kbuildDefconfig: string;
  /** The arch Makefile's exports that Kconfig reads (um: SUBARCH, HEADER_ARCH), as make exports them. */
  readonly kconfigExports: Readonly<Record<string, string>>;
  /** The reader after arch/$SRCARCH/Makefile, for its rules (generated defconfig targets). */
  readonly reader: MakeReader;
}

/** The variables of make's Kconfig environment that the reader starts from. */
export function baseMakeVars(
  arch: string,
  srcarch: string,
  subarch: string,
): Record<string, string> {
  return {
    ARCH: arch,
    SRCARCH: srcarch,
    SUBARCH: subarch,
    srctree: '.',
    objtree: '.',
    Q: '',
    MAKE: 'make',
    CONFIG_SHELL: 'sh',
    KCONFIG_CONFIG: '.config',
  };
}

/**
 * Reads arch/$SRCARCH/Makefile (text given) for ARCH: KBUILD_DEFCONFIG ("defconfig" when
 * unset), HEADER_ARCH, and its rules. `cmd` and the merge helpers of scripts/Makefile.defconf are
 * predefined as make would have them after its includes.
 */
export function readArchMakefile(
  archMakefile: string,
  env: { arch: string; srcarch: string; subarch: string },
  host: MakeHost = X86_64_HOST,
  commandLine: Readonly<Record<string, string>> = {},
): ArchMake {
  const m = new MakeReader(host, commandLine);
  for (const [k, v] of Object.entries(baseMakeVars(env.arch, env.srcarch, env.subarch)))
    if (!m.vars.has(k)) m.vars.set(k, { value: v, recursive: false, origin: 'default' });
  m.read(DEFCONF_HELPERS);
  m.read(archMakefile);
  const kbuild = m.get('KBUILD_DEFCONFIG').trim();
  const header = m.vars.has('HEADER_ARCH') ? m.get('HEADER_ARCH').trim() : undefined;
  return {
    arch: env.arch,
    srcarch: env.srcarch,
    subarch: env.subarch,
    headerArch: header,
    kbuildDefconfig: kbuild === '' ? 'defconfig' : kbuild,
    kconfigExports: Object.fromEntries(
      KCONFIG_ARCH_EXPORTS.filter((n) => m.exported.has(n)).map((n) => [n, m.get(n).trim()]),
    ),
    reader: m,
  };
}

// scripts/Makefile.defconf and Kbuild.include's `cmd`, as the recipes use them.
const DEFCONF_HELPERS = `
cmd = $(cmd_$(1))
cmd_merge_fragments = $(srctree)/scripts/kconfig/merge_config.sh $4 -m -O $(objtree) $(srctree)/arch/$(SRCARCH)/configs/$2 $(foreach config,$3,$(srctree)/arch/$(SRCARCH)/configs/$(config).config)
define merge_into_defconfig
	$(call cmd,merge_fragments,$1,$2)
	+$(Q)$(MAKE) -f $(srctree)/Makefile olddefconfig
endef
define merge_into_defconfig_override
	$(call cmd,merge_fragments,$1,$2,-Q)
	+$(Q)$(MAKE) -f $(srctree)/Makefile olddefconfig
endef
`;
