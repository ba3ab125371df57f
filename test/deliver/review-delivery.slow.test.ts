// `kreview review` end to end with every delivery at once on the VFIO v6 series (big tree):
// b4-check JSON on stdout, the outbox (the golden replies, file by file), the replies sent to a
// real SMTP server, and the checks posted to a schema-checking Patchwork stand-in.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { MBOX_FILE, SENT_FILE } from '../../src/deliver/outbox.ts';
import { mboxOf } from '../../src/report/mbox-out.ts';
import { kernelSetup } from '../../tools/oracle/kernel-setup.ts';
import { goldenPath, repoRoot, SERIES_MBOX } from '../report/golden-run.ts';
import {
  patchwork,
  schemaMissing,
  stopPatchworks,
  TOKEN,
} from '../sources/patchwork/patchwork-server.ts';
import { type Received, startServer, stopServers } from './smtp-test-server.ts';

const skip = schemaMissing('the Patchwork delivery tests');

interface B4Entry {
  tool: string;
  status: string;
  summary: string;
  msgid: string;
  details: string;
}

const PATCHES = {
  101: '20260309093000.601-1-ada@example.org',
  102: '20260309093000.602-2-ada@example.org',
  103: '20260309093000.603-3-ada@example.org',
};

describe.skipIf(skip)(
  'kreview review --format b4-check --outbox --send --patchwork (big tree)',
  () => {
    const outbox = mkdtempSync(join(tmpdir(), 'kreview-e2e-'));
    let status = -1;
    let stdout = '';
    let stderr = '';
    let received: Received[] = [];
    let pw: Awaited<ReturnType<typeof patchwork>>;

    beforeAll(async () => {
      const { tree } = await kernelSetup(repoRoot);
      const smtp = await startServer();
      received = smtp.received;
      pw = await patchwork(PATCHES);
      // The golden run's arguments, plus every delivery.
      status = await main(
        [
          'review',
          SERIES_MBOX,
          '--tree',
          tree,
          '--preset',
          'vfio-noiommu',
          '--revision',
          '6',
          '--no-previous',
          '--date',
          '2026-03-10T12:00:00Z',
          '--from',
          'Kconfig Review Bot <kreview@example.org>',
          '--format',
          'b4-check',
          '--outbox',
          outbox,
          '--send',
          '--smtp-host',
          '127.0.0.1',
          '--smtp-port',
          String(smtp.port),
          '--smtp-tls',
          'none',
          '--smtp-user',
          'bot',
          '--patchwork',
          pw.url,
          '--target-url',
          'https://lore.kernel.org/r/x',
        ],
        {
          stdout: { write: (c: string) => (stdout += c) },
          stderr: { write: (c: string) => (stderr += c) },
          stdin: Readable.from([]),
          env: { ...process.env, KREVIEW_SMTP_PASSWORD: 's3cret', KREVIEW_PATCHWORK_TOKEN: TOKEN },
          cwd: repoRoot,
        },
      );
    }, 900_000);

    afterAll(async () => {
      await stopServers();
      await stopPatchworks();
    });

    it('prints b4 check entries: one per patch, then the series', () => {
      expect(status, stderr).toBe(0);
      const entries = JSON.parse(stdout) as B4Entry[];
      expect(entries.map((e) => [e.tool, e.msgid])).toEqual([
        ['kreview', PATCHES[101]],
        ['kreview', PATCHES[102]],
        ['kreview', PATCHES[103]],
        ['kreview', '20260309093000.600-0-ada@example.org'],
      ]);
      for (const e of entries) {
        expect(['pass', 'warn', 'fail']).toContain(e.status);
        // "2 warnings, 1 note": one detail per finding counted.
        const counted = [...e.summary.matchAll(/\d+/g)].reduce((n, m) => n + Number(m[0]), 0);
        expect(JSON.parse(e.details)).toHaveLength(counted);
      }
    });

    it('writes the golden replies to the outbox, one .eml each in send order', () => {
      const files = readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      expect(files.map((f) => f.slice(0, 5))).toEqual(['0001-', '0002-']);
      const texts = files.map((f) => readFileSync(join(outbox, f), 'utf8'));
      const golden = readFileSync(goldenPath(6), 'utf8');
      expect(mboxOf(texts)).toBe(golden);
      expect(readFileSync(join(outbox, MBOX_FILE), 'utf8')).toBe(golden);
    });

    it('sends every reply once, byte for byte, and records it', () => {
      const files = readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      expect(received.map((r) => r.data.toString('utf8').replace(/\r\n/g, '\n'))).toEqual(
        files.map((f) => readFileSync(join(outbox, f), 'utf8')),
      );
      expect(
        readFileSync(join(outbox, SENT_FILE), 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split(' ')[1]),
      ).toEqual(files);
      expect(stderr).toContain('kreview: sent 2 replies through 127.0.0.1');
    });

    it('posts one schema-valid check per patch, in the states b4-check reports', () => {
      expect(pw.log.filter((l) => !l.checked.ok)).toEqual([]);
      const b4 = (JSON.parse(stdout) as B4Entry[])
        .slice(0, 3)
        .map((e) => ({ pass: 'success', warn: 'warning', fail: 'fail' })[e.status]);
      expect(pw.checks.map((c) => [c.patch, c.context, c.target_url])).toEqual([
        [101, 'kreview-kconfig', 'https://lore.kernel.org/r/x'],
        [102, 'kreview-kconfig', 'https://lore.kernel.org/r/x'],
        [103, 'kreview-kconfig', 'https://lore.kernel.org/r/x'],
      ]);
      expect(pw.checks.map((c) => c.state)).toEqual(b4);
    });
  },
);
