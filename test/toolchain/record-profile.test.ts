import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKconfig } from '../../src/analyze/kconfig/engine.ts';
import { dirFiles } from '../../src/sources/dir-files.ts';
import { recordProfile } from '../../src/toolchain/record-profile.ts';

// A tree whose Kconfig runs a script of its own (through $(srctree)) and two success probes,
// one of which depends on the script's answer, so recording needs more than one round.
function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kreview-probe-tree-'));
  mkdirSync(path.join(root, 'scripts'));
  writeFileSync(
    path.join(root, 'scripts/probe.sh'),
    '#!/bin/sh\necho run >> "$(dirname "$0")/runs"\necho "answer-$1"\n',
  );
  chmodSync(path.join(root, 'scripts/probe.sh'), 0o755);
  writeFileSync(
    path.join(root, 'Kconfig'),
    [
      'if-success = $(shell,{ $(1); } >/dev/null 2>&1 && echo "$(2)" || echo "$(3)")',
      'success = $(if-success,$(1),y,n)',
      'probe := $(shell,$(srctree)/scripts/probe.sh 42)',
      'config PROBE',
      '\tstring',
      '\tdefault "$(probe)"',
      'config OK',
      '\tdef_bool $(success,test "$(probe)" = answer-42)',
      'config NOT_OK',
      '\tdef_bool $(success,false)',
      '',
    ].join('\n'),
  );
  return root;
}

describe('recordProfile()', () => {
  it("runs the base tree's commands until the Kconfig asks nothing new, and caches the answers", async () => {
    const root = tree();
    const cache = mkdtempSync(path.join(tmpdir(), 'kreview-probe-cache-'));
    const files = dirFiles(root);
    const profile = await recordProfile(files, root, { arch: 'x86_64' }, cache);
    expect(profile.commands.get('./scripts/probe.sh 42')).toEqual({
      stdout: 'answer-42\n',
      exitCode: 0,
    });
    expect(profile.commands.get('test "answer-42" = answer-42')?.exitCode).toBe(0);
    expect(profile.commands.get('false')?.exitCode).toBe(1);
    const k = await loadKconfig(files, { arch: 'x86_64' }, profile);
    expect(k.unansweredCommands).toEqual([]);
    expect(k.run('alldefconfig').config).toContain('CONFIG_PROBE="answer-42"\nCONFIG_OK=y\n');
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it('answers from the cache without running again, until a script the commands name changes', async () => {
    const root = tree();
    const cache = mkdtempSync(path.join(tmpdir(), 'kreview-probe-cache-'));
    const runs = () => readFileSync(path.join(root, 'scripts/runs'), 'utf8').split('\n').length - 1;
    await recordProfile(dirFiles(root), root, { arch: 'x86_64' }, cache);
    expect(runs()).toBe(1);
    const again = await recordProfile(dirFiles(root), root, { arch: 'x86_64' }, cache);
    expect(runs()).toBe(1);
    expect(again.commands.get('./scripts/probe.sh 42')?.stdout).toBe('answer-42\n');
    writeFileSync(
      path.join(root, 'scripts/probe.sh'),
      '#!/bin/sh\necho run >> "$(dirname "$0")/runs"\necho "new-$1"\n',
    );
    const changed = await recordProfile(dirFiles(root), root, { arch: 'x86_64' }, cache);
    expect(runs()).toBe(2);
    expect(changed.commands.get('./scripts/probe.sh 42')?.stdout).toBe('new-42\n');
    expect([...changed.commands.keys()].some((k) => k.startsWith('#'))).toBe(false);
  });
});
