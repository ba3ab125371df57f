// The engine speaks each tree's Kconfig language: the tiny trees of language-cases.ts give, with
// 6.12's rules, what 6.12's conf printed, and with 7.3's rules what 7.3's conf printed.
import { describe, expect, it } from 'vitest';
import {
  type KconfigLanguage,
  LINUX_6_12_LANGUAGE,
  NEWEST_LANGUAGE,
  probeLanguage,
} from '../../../src/analyze/kconfig/language.ts';
import { KconfigParseError } from '../../../src/analyze/kconfig/parse-error.ts';
import { loadTree } from './helpers.ts';
import { type ConfAnswer, LANGUAGE_CASES, type LanguageCase } from './language-cases.ts';

async function answer(c: LanguageCase, language: KconfigLanguage): Promise<ConfAnswer> {
  try {
    const k = await loadTree({ Kconfig: c.kconfig, ...c.files }, {}, { language });
    return { status: 0, stderr: k.run('olddefconfig').stderr };
  } catch (error) {
    if (error instanceof KconfigParseError) return { status: 1, stderr: error.stderr };
    throw error;
  }
}

describe.each(LANGUAGE_CASES)('$name', (c) => {
  it("loadKconfig() with 6.12's rules answers as 6.12's conf", async () => {
    expect(await answer(c, LINUX_6_12_LANGUAGE)).toEqual(c.conf612);
  });
  it("loadKconfig() with 7.3's rules answers as 7.3's conf", async () => {
    expect(await answer(c, NEWEST_LANGUAGE)).toEqual(c.conf73);
  });
});

// Excerpts of the two parser.y files, as the probes see them.
const PARSER_612 = `choice_option: T_BOOL T_WORD_QUOTE if_expr T_EOL
		zconfprint("warning: menuconfig statement without prompt");
depends: T_DEPENDS T_ON expr T_EOL
		if (prop->menu != menu && prop->type == P_PROMPT &&
		    prop->menu->parent != menu->parent) {`;
const PARSER_73 = `%token T_TRANSITIONAL
		zconf_error("menuconfig statement without prompt");
		zconf_error("'%s' defined with more than one help text",
depends: T_DEPENDS T_ON expr if_expr T_EOL
		if (prop->menu != menu && prop->type == P_PROMPT) {`;

describe('probeLanguage()', () => {
  it.each([
    ['6.12', PARSER_612, '', LINUX_6_12_LANGUAGE],
    ['7.3', PARSER_73, 'KCONFIG_WARN_CHANGED_INPUT', { ...NEWEST_LANGUAGE }],
  ])('reads the %s rules from its parser.y', (_v, parser, confdata, want) => {
    const newer = confdata !== '';
    const menu = newer ? 'if (expr_contains_symbol_negated(dep, sym))' : '';
    const util = newer ? '"%s:%d: error: repeated inclusion of %s\\n"' : '';
    expect(probeLanguage({ parser, lexer: undefined, menu, confdata, util })).toEqual(want);
  });

  it('gives a tree without scripts/kconfig the newest language', () => {
    const none = { parser: undefined, lexer: undefined, menu: undefined, confdata: undefined };
    expect(probeLanguage(none)).toBe(NEWEST_LANGUAGE);
  });

  it('moves one rule at a time, as a backport would', () => {
    const backport = PARSER_612.replace('T_ON expr T_EOL', 'T_ON expr if_expr T_EOL');
    const none = { lexer: undefined, menu: undefined, confdata: undefined };
    expect(probeLanguage({ parser: backport, ...none })).toEqual({
      ...LINUX_6_12_LANGUAGE,
      dependsIf: true,
    });
  });
});
