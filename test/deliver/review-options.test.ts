// Misused delivery options of `kreview review` are refused (exit 2) before any work is done,
// with a message that names the option and a hint.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { fixture, repoRoot } from '../ingest/helpers.ts';

async function review(args: string[], env: Record<string, string> = {}) {
  let stderr = '';
  const status = await main(
    ['review', fixture('vfio-noiommu.mbox'), '--tree', '/nonexistent/linux', ...args],
    {
      stdout: { write: () => true },
      stderr: { write: (c: string) => (stderr += c) },
      stdin: Readable.from([]),
      env,
      cwd: repoRoot,
    },
  );
  return { status, stderr };
}

describe('kreview review delivery options', () => {
  it.each([
    [
      'an unknown --format',
      {
        given: ['--format', 'html'],
        want: 'kreview: Cannot review: unknown --format "html"\nhint: use one of text, json, email, b4-check, b4-review\n',
      },
    ],
    [
      '--json with another --format',
      {
        given: ['--json', '--format', 'email'],
        want: 'kreview: Cannot review: --json and --format disagree\nhint: give one of them\n',
      },
    ],
    [
      'a --date that is not one',
      {
        given: ['--date', 'yesterday'],
        want: 'kreview: Cannot review: --date "yesterday" is not a date\nhint: write it as 2026-03-10T12:00:00Z\n',
      },
    ],
    [
      '--send without an outbox',
      {
        given: ['--send', '--smtp-host', 'mail.example.org'],
        want: 'kreview: Cannot send: --send needs --outbox and --smtp-host\nhint: the outbox keeps what was sent\n',
      },
    ],
    [
      'an unknown --smtp-tls',
      {
        given: ['--smtp-tls', 'ssl'],
        want: 'kreview: Cannot send: unknown --smtp-tls "ssl"\nhint: use one of starttls, tls, none\n',
      },
    ],
    [
      'a --from that is no address',
      {
        given: ['--from', 'Kconfig Bot', '--format', 'email'],
        want: 'kreview: Cannot use "Kconfig Bot" as the sender: it is not an address\nhint: write it as "Name <name@example.org>"\n',
      },
    ],
    [
      '--patchwork without a token',
      {
        given: ['--patchwork', 'https://patchwork.example.org'],
        want: 'kreview: Cannot post to Patchwork: no token\nhint: set KREVIEW_PATCHWORK_TOKEN\n',
      },
    ],
  ])('refuses %s', async (_name, { given, want }) => {
    const { status, stderr } = await review(given);
    expect(stderr).toBe(want);
    expect(status).toBe(2);
  });
});
