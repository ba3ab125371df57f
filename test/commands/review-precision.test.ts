// Each claim kreview makes is one conf on the applied tree confirms: these small trees are the
// classes of false or missing findings found on real mail, reviewed end to end (git, the
// engine, every check) as `kreview review` does it.
import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.ts';
import { tinyReviewFixture } from '../helpers/tiny-review.ts';
import { tinyTreeFiles } from '../helpers/tiny-tree.ts';

const KCONFIG = [
  'config NET',
  '\tbool "Networking"',
  '',
  'config PHY_LIB',
  '\tbool',
  '\tdepends on NET',
  '',
  'config LEGACY_HELPER',
  '\tbool',
  '\tdefault y',
  '',
  'config BUF_SIZE',
  '\tint "Buffer size"',
  '\tdefault 64',
  '',
  'choice',
  '\tprompt "Compression"',
  '\tdefault COMP_GZIP',
  '',
  'config COMP_GZIP',
  '\tbool "gzip"',
  '',
  'config COMP_XZ',
  '\tbool "xz"',
  '',
  'endchoice',
  '',
].join('\n');

const BASE_FILES = tinyTreeFiles(
  KCONFIG,
  // The two macros of scripts/Kconfig.include a $(success,…) needs.
  [
    'mainmenu "Tiny $(ARCH)"',
    'if-success = $(shell,{ $(1); } >/dev/null 2>&1 && echo "$(2)" || echo "$(3)")',
    'success = $(if-success,$(1),y,n)',
    'source "drivers/Kconfig"',
    '',
  ].join('\n'),
  { 'drivers/net.c': '#ifdef CONFIG_NET\nint net;\n#endif\n' },
);

const tree = tinyReviewFixture(BASE_FILES);
// The same tree with a statement no kernel knows, for a base that does not parse.
const brokenTree = tinyReviewFixture({
  ...BASE_FILES,
  'drivers/Kconfig': `${KCONFIG}\nfrobnicate NET\n`,
});

function review(branch: string, ...kconfigs: string[]): Promise<Review> {
  return tree.review(
    branch,
    kconfigs.map((kconfig, i) => ({
      message: `drivers: ${branch} ${i + 1}`,
      files: { 'drivers/Kconfig': kconfig },
    })),
  );
}

const said = (r: Review) => r.findings.map((f) => `${f.severity} ${f.check}: ${f.title}`);

describe('claims conf confirms', () => {
  it('says in words that a default added to a choice switches defconfig', async () => {
    const r = await review(
      'choice-default',
      KCONFIG.replace('default COMP_GZIP', 'default COMP_XZ'),
    );
    // No symbol is named on a changed line, yet the targets run and the switch is said.
    expect(said(r)).toContain(
      'info target-drift: x86_64 defconfig: COMP_GZIP y -> n, COMP_XZ n -> y',
    );
    expect(r.evaluated.arches).toEqual(['x86_64']);
    // Anchored on the line that made the switch, not on the series as a whole.
    const drift = r.findings.find((f) => f.check === 'target-drift');
    expect(drift?.anchor).toEqual({ patch: 1, file: 'drivers/Kconfig', line: 18, side: 'new' });
    expect(said(r).filter((s) => s.startsWith('warning') || s.startsWith('error'))).toEqual([]);
  });

  it('describes a new symbol as new, not as a value the matrix changed', async () => {
    const r = await review(
      'new-symbol',
      `${KCONFIG}\nconfig FAST_NET\n\tbool "Fast networking"\n\tdepends on NET\n\tdefault y\n`,
    );
    expect(r.findings.map((f) => f.check)).not.toContain('matrix-cell-changed');
    expect(said(r)).toContain(
      'info new-symbol: New bool FAST_NET: y in defconfig (x86_64), y in allmodconfig (x86_64)',
    );
  });

  it('does not call a promptless symbol that goes away a user setting lost', async () => {
    const r = await review(
      'drop-helper',
      KCONFIG.replace('config LEGACY_HELPER\n\tbool\n\tdefault y\n\n', ''),
    );
    expect(r.findings.map((f) => f.check)).not.toContain('lost-on-upgrade');
  });

  it('never requests y of an int symbol, so never reports the invalid value it made', async () => {
    const r = await review(
      'buf-size',
      KCONFIG.replace('default 64', 'default 128\n\trange 16 256'),
    );
    expect(r.findings.map((f) => f.check)).not.toContain('new-kconfig-warning');
    expect(said(r)).toContain('info target-drift: x86_64 defconfig: BUF_SIZE 64 -> 128');
  });

  it('reports a select that forces a symbol past its dependencies once, with who selects it', async () => {
    const r = await review(
      'select-phy',
      KCONFIG.replace(
        'config BUF_SIZE',
        'config PHY_USER\n\tbool "PHY user"\n\tselect PHY_LIB\n\nconfig BUF_SIZE',
      ),
    );
    const warnings = r.findings.filter((f) => f.check === 'new-kconfig-warning');
    expect(warnings.map((f) => f.title)).toEqual([
      'PHY_USER selects PHY_LIB without its dependencies (x86_64)',
    ]);
    expect(warnings[0]?.anchor).toMatchObject({ patch: 1, file: 'drivers/Kconfig', side: 'new' });
  });

  it('claims a symbol can never be enabled only with the dependency that blocks it', async () => {
    const r = await review(
      'never',
      `${KCONFIG}\nconfig ARCH_FOO\n\tbool\n\nconfig FOO_DRIVER\n\tbool "Foo driver"\n\tdepends on ARCH_FOO\n`,
    );
    const never = r.findings.filter((f) => f.check === 'symbol-never-enabled');
    expect(never.map((f) => f.title)).toEqual(['FOO_DRIVER cannot be enabled on x86_64']);
    expect(never[0]?.detail).toContain('it depends on ARCH_FOO, which has no prompt');
    expect(never[0]?.severity).toBe('info');
  });

  it('claims nothing about a value only a command the series adds decides', async () => {
    const r = await review(
      'new-command',
      KCONFIG.replace(
        'config LEGACY_HELPER\n\tbool\n\tdefault y\n',
        'config LEGACY_HELPER\n\tbool\n\tdefault y\n\nconfig AS_NEW\n\tdef_bool $(success,true new-probe)\n\nconfig NET_FAST\n\tbool "Fast"\n\tdepends on AS_NEW\n\tdefault y\n',
      ),
    );
    expect(r.findings.map((f) => f.check)).toEqual(['command-macro-added']);
    expect(r.notes.join('\n')).toContain(
      'kreview does not run the commands this series adds to Kconfig; what AS_NEW, NET_FAST come to depends on them',
    );
  });

  it('files a change under the patch that causes it, not the first that names the symbol', async () => {
    // Patch 1 makes NET_TOOL need NET; patch 2 only rewords NET_TOOL's prompt, and is the
    // last patch to name it (where an anchor by lines alone would put the finding).
    const tool = `${KCONFIG}\nconfig NET_TOOL\n\tbool "Net tool"\n\tdefault y\n`;
    const one = tool.replace(
      '"Net tool"\n\tdefault y\n',
      '"Net tool"\n\tdefault y\n\tdepends on NET\n',
    );
    const two = one.replace('bool "Net tool"', 'bool "Networking tool"');
    const base = await review('two-step-base', tool);
    expect(base.applied).toBe(true);
    // The next review's base is that tree (main moves; this is the file's last case).
    tree.repo.git('checkout', '-q', 'two-step-base');
    tree.repo.git('branch', '-f', 'main', 'two-step-base');
    tree.repo.git('checkout', '-q', 'main');
    const r = await review('two-step', one, two);
    const changed = r.findings.filter((f) => f.check === 'matrix-cell-changed');
    expect(changed.map((f) => f.title)).toEqual([
      'NET_TOOL can no longer be enabled when NET=n (x86_64)',
    ]);
    expect(changed[0]?.anchor).toMatchObject({ patch: 1, file: 'drivers/Kconfig', side: 'new' });
    expect(changed[0]?.facts?.patch).toBe(1);
  });

  it('blames nothing on a series when the base tree itself does not parse', async () => {
    const r = await brokenTree.review('change', [
      {
        message: 'drivers: change',
        files: {
          'drivers/Kconfig': `${KCONFIG.replace('"Networking"', '"Net"')}\nfrobnicate NET\n`,
        },
      },
    ]);
    expect(r.findings).toEqual([]);
    expect(r.evaluated.patches).toEqual([]);
    expect(r.evaluated.summary).toMatch(
      /^kreview cannot read this tree's Kconfig for x86_64 \(.*unknown statement "frobnicate"/,
    );
  });
});
