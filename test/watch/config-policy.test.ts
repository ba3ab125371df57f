// The `policy` of a watched list: the quiet defaults when it is left out, each field read as
// given, and every mistake a usage error naming the file, the list and the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KreviewError } from '../../src/domain/errors.ts';
import { readWatchConfig } from '../../src/watch/config.ts';
import { DEFAULT_POLICY } from '../../src/watch/policy.ts';

const dir = mkdtempSync(join(tmpdir(), 'kreview-config-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(policy: unknown) {
  const path = join(dir, 'watch.json');
  const list = {
    name: 'linux-kbuild',
    mbox: 'in.mbox',
    ...(policy === undefined ? {} : { policy }),
  };
  writeFileSync(path, JSON.stringify({ stateDir: 's', tree: '.', lists: [list] }));
  return { path, config: readWatchConfig(path, new Date(0)) };
}

describe('the policy of a watched list', () => {
  it('readWatchConfig() gives the quiet defaults when a list has no policy', async () => {
    const { config } = await read(undefined);
    expect((await config).lists[0]?.policy).toEqual({
      replyTo: 'author',
      listAddress: undefined,
      quietWhenClean: true,
      embargoHours: 0,
      onlyKconfig: true,
      minSeverity: 'warning',
      optOutAddresses: [],
      optOutSubjects: [],
      replyOnApplyFailure: false,
      optOutLine: undefined,
      repeatStillThere: false,
    });
    expect(DEFAULT_POLICY.replyOnApplyFailure).toBe(false);
  });

  it('readWatchConfig() reads every field as given (addresses and prefixes in lower case)', async () => {
    const { config } = await read({
      replyTo: 'author+list',
      listAddress: 'linux-kbuild@vger.kernel.org',
      quietWhenClean: false,
      embargoHours: 12.5,
      onlyKconfig: false,
      minSeverity: 'error',
      optOutAddresses: ['Someone@Example.org'],
      optOutSubjects: ['RFC', '[PATCH net-next'],
      replyOnApplyFailure: true,
      optOutLine: 'No more of these: mail kbuild-bot-owner@example.org',
      repeatStillThere: true,
    });
    expect((await config).lists[0]?.policy).toEqual({
      replyTo: 'author+list',
      listAddress: 'linux-kbuild@vger.kernel.org',
      quietWhenClean: false,
      embargoHours: 12.5,
      onlyKconfig: false,
      minSeverity: 'error',
      optOutAddresses: ['someone@example.org'],
      optOutSubjects: ['rfc', '[patch net-next'],
      replyOnApplyFailure: true,
      optOutLine: 'No more of these: mail kbuild-bot-owner@example.org',
      repeatStillThere: true,
    });
  });

  it.each([
    ['a policy that is not an object', ['author'], 'policy is not an object'],
    [
      'an unknown replyTo',
      { replyTo: 'everyone' },
      'policy.replyTo must be "author", "author+list", "list"',
    ],
    [
      'a misspelt field',
      { quietWhenclean: true },
      'policy.quietWhenclean is not a policy field (replyTo, listAddress, quietWhenClean, embargoHours, onlyKconfig, minSeverity, optOutAddresses, optOutSubjects, replyOnApplyFailure, optOutLine, repeatStillThere)',
    ],
    [
      'a string for a flag',
      { quietWhenClean: 'yes' },
      'policy.quietWhenClean must be true or false',
    ],
    [
      'negative embargoHours',
      { embargoHours: -1 },
      'policy.embargoHours must be a number of hours, 0 or more',
    ],
    [
      'an unknown minSeverity',
      { minSeverity: 'warn' },
      'policy.minSeverity must be "info", "warning", "error"',
    ],
    [
      'an opt-out that is no address',
      { optOutAddresses: ['nobody'] },
      'policy.optOutAddresses: "nobody" is not a mail address',
    ],
    [
      'an empty subject prefix',
      { optOutSubjects: [''] },
      'policy.optOutSubjects must be a list of non-empty strings',
    ],
    [
      'a listAddress that is no address',
      { listAddress: 'kbuild' },
      'policy.listAddress must be a mail address',
    ],
  ])(
    'readWatchConfig() refuses %s, naming the file, the list and the field',
    async (_name, policy, detail) => {
      const { path, config } = await read(policy);
      const error = await config.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KreviewError);
      expect((error as KreviewError).code).toBe('USAGE');
      expect((error as Error).message).toBe(
        `Cannot use the watch config "${path}": lists[0] ("linux-kbuild").${detail}`,
      );
    },
  );
});

describe('the rest of a watched list', () => {
  it.each([
    [
      'a delivery mode',
      { delivery: { mode: 'mail' } },
      'delivery.mode must be "print", "outbox" or "send"',
    ],
    [
      'an outbox path that is not a string',
      { delivery: { mode: 'outbox', outbox: 3 } },
      'delivery.outbox must be a non-empty string',
    ],
    [
      'an SMTP port that is not a number',
      { delivery: { mode: 'send', outbox: 'o', smtp: { host: 'h', port: '25' } } },
      'delivery.smtp.port must be a number',
    ],
  ])('readWatchConfig() names the list and the field of %s', async (_name, fields, detail) => {
    const path = join(dir, 'list.json');
    const list = { name: 'linux-kbuild', mbox: 'in.mbox', ...fields };
    writeFileSync(path, JSON.stringify({ stateDir: 's', tree: '.', lists: [list] }));
    await expect(readWatchConfig(path, new Date(0))).rejects.toThrow(
      `Cannot use the watch config "${path}": lists[0] ("linux-kbuild").${detail}`,
    );
  });
});
