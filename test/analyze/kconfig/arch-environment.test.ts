import { describe, expect, it } from 'vitest';
import { loadKconfig } from '../../../src/analyze/kconfig/engine.ts';
import { makefileExports } from '../../../src/analyze/kconfig/environment.ts';
import { memoryFiles } from '../../../src/analyze/kconfig/files.ts';

// The shape of 6.12's arch/um: its Kconfig sources the host arch's um/Kconfig through HEADER_ARCH.
const UM_TREE = {
  Kconfig: 'source "arch/$(SRCARCH)/Kconfig"\n',
  'arch/um/Kconfig': 'config UML\n\tdef_bool y\n\nsource "arch/$(HEADER_ARCH)/um/Kconfig"\n',
  'arch/x86/um/Kconfig':
    'config 64BIT\n\tbool "64-bit kernel" if "$(SUBARCH)" = "x86"\n\tdefault "$(SUBARCH)" != "i386"\n',
};

describe('um takes SUBARCH and HEADER_ARCH as arch/um/Makefile exports them', () => {
  it('loadKconfig() for um sources the x86 um Kconfig instead of itself', async () => {
    const k = await loadKconfig(memoryFiles(UM_TREE), { arch: 'um' }, { commands: new Map() });
    const r = k.run('alldefconfig');
    expect(r.config).toContain('CONFIG_UML=y\nCONFIG_64BIT=y\n');
    expect(r.stderr).toBe('');
  });
});

describe('makefileExports()', () => {
  it('answers an exported $(shell …) variable through the profile, leaving other values unset', () => {
    const makefile = [
      'PAHOLE_VERSION = $(shell $(srctree)/scripts/pahole-version.sh $(PAHOLE))',
      'UNKNOWN_TOOL = $(shell $(NOT_SET) --version)',
      'LITERAL := 1',
      'export LITERAL PAHOLE_VERSION UNKNOWN_TOOL',
      '',
    ].join('\n');
    const asked: string[] = [];
    const got = makefileExports(makefile, { srctree: '.', PAHOLE: 'pahole' }, (cmd) => {
      asked.push(cmd);
      return '0';
    });
    expect([...got]).toEqual([['PAHOLE_VERSION', '0']]);
    expect(asked).toEqual(['./scripts/pahole-version.sh pahole']);
  });
});
