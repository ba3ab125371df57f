// The "what to do" sentences: each names only what the finding's facts support.
import { describe, expect, it } from 'vitest';
import { upgradeAdvice } from '../../../src/analyze/checks/lost-on-upgrade.ts';
import { changeAdvice } from '../../../src/analyze/checks/matrix-changes.ts';
import { nearestName } from '../../../src/analyze/checks/nearest-name.ts';
import { selectAdvice, unmetDependency } from '../../../src/analyze/checks/new-warnings.ts';
import { orList, replacementsOf } from '../../../src/analyze/checks/replacement.ts';
import { undefinedAdvice } from '../../../src/analyze/checks/undefined-symbols.ts';
import type { SymbolSite } from '../../../src/analyze/matrix/touched-symbols.ts';

const site = (s: Partial<SymbolSite> & Pick<SymbolSite, 'symbol' | 'text'>): SymbolSite => ({
  patch: 1,
  file: 'drivers/vfio/Kconfig',
  line: 10,
  side: 'new',
  role: 'defines',
  ...s,
});

describe('replacementsOf', () => {
  const sites = [
    site({ symbol: 'VFIO_NOIOMMU', side: 'old', text: 'config VFIO_NOIOMMU' }),
    site({ symbol: 'VFIO_GROUP_NOIOMMU', text: 'config VFIO_GROUP_NOIOMMU' }),
    site({ symbol: 'VFIO', text: '\tdepends on VFIO' }),
    site({ symbol: 'VFIO_CDEV_NOIOMMU', patch: 2, text: 'config VFIO_CDEV_NOIOMMU' }),
    site({ symbol: 'VFIO_PCI', text: 'config VFIO_PCI' }),
  ];
  it('names the symbols the removing patch newly defines, not older ones or other patches', () => {
    expect(replacementsOf('VFIO_NOIOMMU', sites, (s) => s === 'VFIO_PCI')).toEqual([
      'VFIO_GROUP_NOIOMMU',
    ]);
  });
  it('names nothing for a symbol whose config line no patch removes', () => {
    expect(replacementsOf('VFIO', sites, () => false)).toEqual([]);
  });
  it('lists alternatives as a reviewer does', () => {
    expect(orList(['A'])).toBe('A');
    expect(orList(['A', 'B', 'C'])).toBe('A, B or C');
  });
});

describe('upgradeAdvice', () => {
  it('says how a rename keeps old configs, naming the new symbol', () => {
    const text = upgradeAdvice('VFIO_NOIOMMU', 'y', undefined, {
      replacements: ['VFIO_GROUP_NOIOMMU'],
      dependsOn: undefined,
      newSymbols: [],
    });
    expect(text).toBe(
      'Nothing tells the users who had it enabled: the kernel they build next lacks it. Keep the old name, or keep VFIO_NOIOMMU as it was and add `default VFIO_NOIOMMU` to VFIO_GROUP_NOIOMMU, so existing configs keep it.',
    );
  });
  it('does not invent a new name when the series adds none', () => {
    const text = upgradeAdvice('OLD', 'm', undefined, {
      replacements: [],
      dependsOn: undefined,
      newSymbols: [],
    });
    expect(text).toContain('If it was renamed, keep OLD and add `default OLD` to the new symbol');
    expect(text).toContain('dropped on purpose');
  });
  it('names the dependency a value turned off now has, and a new symbol in it', () => {
    const old = upgradeAdvice('FAST', 'y', 'n', {
      replacements: [],
      dependsOn: 'CRYPTO',
      newSymbols: [],
    });
    expect(old).toContain('the kernel they build next has n');
    expect(old).toContain('It now also depends on CRYPTO');
    expect(old).not.toContain('a default');
    const fresh = upgradeAdvice('FAST', 'y', 'n', {
      replacements: [],
      dependsOn: 'FAST_BACKEND',
      newSymbols: ['FAST_BACKEND'],
    });
    expect(fresh).toContain('give FAST_BACKEND, which it now depends on, a default');
    const long = upgradeAdvice('FAST', 'y', 'n', {
      replacements: [],
      dependsOn: undefined,
      newSymbols: [],
      added: 3,
    });
    expect(long).toContain('It now also depends on the 3 conditions the series adds');
  });
  it('says nothing of dependencies for a y that becomes m', () => {
    const text = upgradeAdvice('FAST', 'y', 'm', {
      replacements: [],
      dependsOn: 'NET',
      newSymbols: [],
    });
    expect(text).not.toContain('depends on NET');
    expect(text).toContain("FAST's type, dependencies and selects");
  });
});

describe('selectAdvice', () => {
  const warning =
    'WARNING: unmet direct dependencies detected for NEEDS_DEP\n  Depends on [n]: OTHER [=n] && !BROKEN [=y]\n  Selected by [y]:\n  - FEATURE [=y]';
  it("reads the unmet dependency out of conf's warning", () => {
    expect(unmetDependency(warning)).toBe('OTHER && !BROKEN');
    expect(unmetDependency('WARNING: something else')).toBeUndefined();
  });
  it('gives the selector the dependency, or the select a condition', () => {
    expect(selectAdvice('NEEDS_DEP', ['FEATURE'], 'OTHER')).toContain(
      'Make FEATURE `depends on OTHER`, or `select NEEDS_DEP if OTHER`.',
    );
    expect(selectAdvice('NEEDS_DEP', ['A', 'B'], 'OTHER && !BROKEN')).toContain(
      'Make the selecting symbols `depends on OTHER && !BROKEN`, or `select NEEDS_DEP if (OTHER && !BROKEN)`.',
    );
  });
});

describe('undefined references', () => {
  const names = ['VFIO_GROUP', 'VFIO_GROUP_NOIOMMU', 'NET', 'NETDEVICES'];
  it('finds the one defined name within two edits', () => {
    expect(nearestName('VFIO_GRUOP', names)).toBe('VFIO_GROUP');
    expect(nearestName('CRYPTO', names)).toBeUndefined();
  });
  it('names nothing when two names are as near', () => {
    expect(nearestName('ABCD', ['ABCE', 'ABCF'])).toBeUndefined();
    expect(nearestName('ABCD', ['ABCE', 'ABXY'])).toBe('ABCE');
  });
  it('says what the line does with a symbol that is always n', () => {
    const depends = site({ symbol: 'VFIO_GRUOP', text: '\tdepends on VFIO_GRUOP', role: 'tests' });
    expect(undefinedAdvice(depends, 'VFIO_GROUP')).toBe(
      'An undefined symbol is always n, so what depends on it can never be enabled. VFIO_GROUP is defined and differs by a letter or two: if it is meant, use it; else define VFIO_GRUOP in this series or drop the reference.',
    );
    const select = site({ symbol: 'NOPE', text: '\tselect NOPE', role: 'tests' });
    expect(undefinedAdvice(select, undefined)).toContain('so the select does nothing.');
    const c = site({ symbol: 'NOPE', file: 'drivers/a.c', text: '#ifdef CONFIG_NOPE' });
    expect(undefinedAdvice(c, undefined)).toContain('the condition is always false');
    const make = site({ symbol: 'NOPE', file: 'drivers/Makefile', text: 'obj-$(CONFIG_NOPE)' });
    expect(undefinedAdvice(make, undefined)).toContain('never built');
  });
});

describe('changeAdvice', () => {
  it('follows the way the value moved', () => {
    expect(changeAdvice('X', true, false, false)).toContain('changes in its dependencies');
    expect(changeAdvice('X', false, true, false)).toContain('add the dependency it lacks');
    expect(changeAdvice('X', false, false, true)).toContain('keep its y or m');
    expect(changeAdvice('X', true, true, false)).toContain('not all intended');
  });
});
