// Tiny Kconfig files where the languages of 6.12 and 7.3 differ (or where conf's error text
// matters), with what each kernel's own conf printed for `conf --olddefconfig Kconfig` and its
// exit status. Recorded from the two real conf binaries; language.slow.test.ts runs them again
// so these cannot drift from conf.

/** What one conf answered. */
export interface ConfAnswer {
  readonly status: number;
  readonly stderr: string;
}

/** A Kconfig and each kernel's answer. */
export interface LanguageCase {
  readonly name: string;
  readonly kconfig: string;
  /** Other files of the tree, by path. */
  readonly files?: Readonly<Record<string, string>>;
  readonly conf612: ConfAnswer;
  readonly conf73: ConfAnswer;
}

export const LANGUAGE_CASES: readonly LanguageCase[] = [
  {
    name: 'menuconfig',
    kconfig: `menuconfig A
\tbool
config B
\tbool "b"
`,
    conf612: {
      status: 0,
      stderr: `Kconfig:3: warning: menuconfig statement without prompt
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:3: menuconfig statement without prompt
`,
    },
  },
  {
    name: 'duphelp',
    kconfig: `config A
\tbool "a"
\thelp
\t  one
\thelp
\t  two
`,
    conf612: {
      status: 0,
      stderr: `Kconfig:7: warning: 'A' defined with more than one help text -- only the last one will be used
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:7: 'A' defined with more than one help text
`,
    },
  },
  {
    name: 'blankhelp',
    kconfig: `config A
\tbool "a"
\thelp

config B
\tbool "b"
`,
    conf612: {
      status: 0,
      stderr: `Kconfig:5: warning: 'A' defined with blank help text
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:5: 'A' defined with blank help text
`,
    },
  },
  {
    name: 'choicebool',
    kconfig: `choice
\tbool "pick"
config A
\tbool "a"
config B
\tbool "b"
endchoice
`,
    conf612: { status: 0, stderr: `` },
    conf73: {
      status: 1,
      stderr: `Kconfig:1: error: choice must have a prompt
Kconfig:2: syntax error
Kconfig:2: invalid statement
`,
    },
  },
  {
    name: 'choicesame',
    kconfig: `choice
\tprompt "pick"
config A
\tbool "a"
config A
\tprompt "a again"
config B
\tbool "b"
endchoice
`,
    conf612: { status: 0, stderr: `` },
    conf73: {
      status: 1,
      stderr: `Kconfig:6: error: choice value must not have a prompt in another entry
Kconfig:4: error: choice value must not have a prompt in another entry
`,
    },
  },
  {
    name: 'choiceoutside',
    kconfig: `choice
\tprompt "pick"
config A
\tbool "a"
config B
\tbool "b"
endchoice
config A
\tprompt "outside"
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:9: error: choice value has a prompt outside its choice group
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:9: error: choice value must not have a prompt in another entry
`,
    },
  },
  {
    name: 'transitional',
    kconfig: `config OLD
\tbool
\ttransitional
config NEW
\tbool "new"
\tdefault OLD
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: unknown statement "transitional"
`,
    },
    conf73: { status: 0, stderr: `` },
  },
  {
    name: 'dependsif',
    kconfig: `config A
\tbool "a"
config B
\tbool "b"
\tdepends on A if C
config C
\tbool "c"
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:5: syntax error
Kconfig:5: invalid statement
`,
    },
    conf73: { status: 0, stderr: `` },
  },
  {
    name: 'unknown',
    kconfig: `config A
\tbool "a"
\tfrobnicate
config B
\tbool "b"
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: unknown statement "frobnicate"
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: unknown statement "frobnicate"
`,
    },
  },
  {
    name: 'badexpr',
    kconfig: `config A
\tbool "a"
\tdepends on (B
config B
\tbool "b"
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: invalid statement
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: invalid statement
`,
    },
  },
  {
    name: 'wrongend',
    kconfig: `menu "m"
config A
\tbool "a"
endif
config B
\tbool "b"
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:4: unexpected 'if' within menu block
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:4: unexpected 'if' within menu block
`,
    },
  },
  {
    name: 'negsub',
    kconfig: `config A
\tbool "a"
\trange 1 2
config B
\tbool "b"
\tdepends on !A
\trange 1 2
config C
\tbool "c"
\tdepends on A && !(A=y && D=m)
\trange 3 4
config D
\ttristate "d"
`,
    conf612: {
      status: 0,
      stderr: `Kconfig:7:warning: range is only allowed for int or hex symbols
Kconfig:7:warning: range is invalid
Kconfig:11:warning: range is only allowed for int or hex symbols
Kconfig:11:warning: range is invalid
Kconfig:3:warning: range is only allowed for int or hex symbols
Kconfig:3:warning: range is invalid
`,
    },
    conf73: {
      status: 0,
      stderr: `Kconfig:3:warning: range is only allowed for int or hex symbols
Kconfig:3:warning: range is invalid
Kconfig:7:warning: range is only allowed for int or hex symbols
Kconfig:7:warning: range is invalid
Kconfig:11:warning: range is only allowed for int or hex symbols
Kconfig:11:warning: range is invalid
`,
    },
  },
  {
    name: 'repinc',
    kconfig: `config A
\tbool "a"
\trange 1 2
source "b"
source "c"
`,
    files: {
      b: `source "c"
`,
      c: `config C
\tbool "c"
`,
    },
    conf612: {
      status: 0,
      stderr: `Kconfig:3:warning: range is only allowed for int or hex symbols
Kconfig:3:warning: range is invalid
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:5: error: repeated inclusion of c
b:1: note: location of first inclusion of c
`,
    },
  },
  {
    name: 'transif',
    kconfig: `config X
\tbool "x"
if X
config OLD
\tbool
\ttransitional
endif
config NEW
\tbool "new"
\tdefault OLD
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:6: syntax error
Kconfig:6: unknown statement "transitional"
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:4: error: transitional symbols can only have help sections
`,
    },
  },
  {
    name: 'unknownattr',
    kconfig: `config A
\tbool "a"
\tdeprecated "use B"
\thelp
\t  text
config B
\tbool "b"
`,
    conf612: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: unknown statement "deprecated"
Kconfig:4: invalid statement
Kconfig:5: unknown statement "text"
`,
    },
    conf73: {
      status: 1,
      stderr: `Kconfig:3: syntax error
Kconfig:3: unknown statement "deprecated"
Kconfig:4: invalid statement
Kconfig:5: unknown statement "text"
`,
    },
  },
];
