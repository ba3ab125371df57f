// Which Kconfig language a tree speaks. The rules changed between kernels (6.12 warns where 7.3
// refuses, 7.3 reads statements 6.12 calls syntax errors), and conf of the tree is the judge, so
// the engine decides from the tree's own scripts/kconfig sources: each rule is a feature probe of
// the text conf is built from, not a version number (a backport, or -next, moves rules one by one).
// Each rule below was checked against 6.12's and 7.3's conf with a Kconfig of a few lines.

/** The rules of one Kconfig language where kernels differ. */
export interface KconfigLanguage {
  /** `transitional` is an attribute (6.18+); before, conf says `unknown statement "transitional"`. */
  readonly transitional: boolean;
  /** `depends on X if Y` (6.19+); before, a syntax error. */
  readonly dependsIf: boolean;
  /** menuconfig without a prompt is an error, not a warning (7.x). */
  readonly menuconfigPromptRequired: boolean;
  /** A second help text, or a blank one, is an error, not a warning (7.x). */
  readonly helpStrict: boolean;
  /** `bool "prompt"` is a choice option (6.12; 7.x has only `prompt`). */
  readonly choiceBoolPrompt: boolean;
  /**
   * A choice member's prompt in another entry: allowed when that entry has the same parent (6.12,
   * "choice value has a prompt outside its choice group" otherwise), or never (7.x, "choice value
   * must not have a prompt in another entry").
   */
  readonly choicePromptElsewhere: 'same-parent' | 'never';
  /** An entry that depends on a symbol negated (!A, A=n, A!=y) ends A's automatic submenu (7.x). */
  readonly negatedEndsSubmenu: boolean;
  /** KCONFIG_WARN_CHANGED_INPUT reports user values Kconfig changed (7.x). */
  readonly warnChangedInput: boolean;
  /** Sourcing a file a second time (not recursively) is an error (7.x); before, it is read again. */
  readonly repeatedInclusionError: boolean;
}

/** The newest language the engine knows: used for trees that carry no scripts/kconfig. */
export const NEWEST_LANGUAGE: KconfigLanguage = {
  transitional: true,
  dependsIf: true,
  menuconfigPromptRequired: true,
  helpStrict: true,
  choiceBoolPrompt: false,
  choicePromptElsewhere: 'never',
  negatedEndsSubmenu: true,
  warnChangedInput: true,
  repeatedInclusionError: true,
};

/** Linux 6.12's language, for tests and for callers that know their tree's version. */
export const LINUX_6_12_LANGUAGE: KconfigLanguage = {
  transitional: false,
  dependsIf: false,
  menuconfigPromptRequired: false,
  helpStrict: false,
  choiceBoolPrompt: true,
  choicePromptElsewhere: 'same-parent',
  negatedEndsSubmenu: false,
  warnChangedInput: false,
  repeatedInclusionError: false,
};

/** The scripts/kconfig sources the probes read (undefined when the tree lacks one). */
export interface KconfigSources {
  readonly parser: string | undefined;
  readonly lexer: string | undefined;
  readonly menu: string | undefined;
  readonly confdata: string | undefined;
  readonly util?: string | undefined;
}

/** The paths of the sources, relative to the tree root. */
export const KCONFIG_SOURCE_PATHS = {
  parser: 'scripts/kconfig/parser.y',
  lexer: 'scripts/kconfig/lexer.l',
  menu: 'scripts/kconfig/menu.c',
  confdata: 'scripts/kconfig/confdata.c',
  util: 'scripts/kconfig/util.c',
} as const;

/**
 * The language of a tree from its conf's sources; a tree without parser.y (a test tree, a
 * Kconfig fragment) gets the newest language, so a newer construct still parses.
 */
export function probeLanguage(src: KconfigSources): KconfigLanguage {
  const { parser, lexer, menu, confdata, util } = src;
  if (parser === undefined) return NEWEST_LANGUAGE;
  return {
    transitional: /"transitional"/.test(lexer ?? '') || /T_TRANSITIONAL/.test(parser),
    dependsIf: /T_DEPENDS\s+T_ON\s+expr\s+if_expr/.test(parser),
    menuconfigPromptRequired: /zconf_error\(\s*"menuconfig statement without prompt"/.test(parser),
    helpStrict: /zconf_error\(\s*"'%s' defined with more than one help text"/.test(parser),
    choiceBoolPrompt: /choice_option:\s*T_BOOL\s+T_WORD_QUOTE/.test(parser),
    choicePromptElsewhere: parser.includes('prop->menu->parent != menu->parent')
      ? 'same-parent'
      : 'never',
    negatedEndsSubmenu: (menu ?? '').includes('expr_contains_symbol_negated('),
    warnChangedInput: (confdata ?? '').includes('KCONFIG_WARN_CHANGED_INPUT'),
    repeatedInclusionError: (util ?? '').includes('repeated inclusion of'),
  };
}
