// Posting kreview's checks to a Patchwork stand-in on 127.0.0.1 that checks every request
// against Patchwork's published OpenAPI schema and answers as Patchwork 3.x does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KreviewError } from '../../../src/domain/errors.ts';
import type { Finding, Severity } from '../../../src/domain/finding.ts';
import type { Review } from '../../../src/domain/review.ts';
import type { Patch, Series } from '../../../src/domain/series.ts';
import { postPatchworkChecks } from '../../../src/sources/patchwork/post-checks.ts';
import { type Checked, openapiChecker, type RequestShape } from './openapi-check.ts';

const SCHEMA = path.resolve(
  import.meta.dirname,
  '../../../../shared/patchwork/patchwork-api-v1.4.yaml',
);
const check = openapiChecker(SCHEMA);
const TOKEN = 'a1b2c3';

interface Logged {
  readonly request: RequestShape;
  readonly checked: Checked;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

// Patchwork with the given patches (id → Message-ID); it refuses invalid requests with 400 as
// Django REST framework does, and unknown tokens with 403.
async function patchwork(
  patches: Record<number, string>,
): Promise<{ url: string; log: Logged[]; checks: Record<string, unknown>[] }> {
  const log: Logged[] = [];
  const checks: Record<string, unknown>[] = [];
  const server = createServer(async (req, res) => {
    const request = await shape(req);
    const checked = check(request);
    log.push({ request, checked });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!checked.ok) return send(400, { detail: checked.problems.join('; ') });
    const base = `http://${req.headers.host}/api/1.4`;
    if (checked.operationId === 'patches_list') {
      const msgid = request.query.get('msgid');
      const found = Object.entries(patches).filter(([, m]) => msgid === null || m === msgid);
      return send(
        200,
        found.map(([id, m]) => ({
          id: Number(id),
          url: `${base}/patches/${id}/`,
          msgid: `<${m}>`,
          name: `patch ${id}`,
          state: 'new',
          archived: false,
          delegate: null,
        })),
      );
    }
    if (checked.operationId === 'checks_create') {
      if (request.headers.authorization !== `Token ${TOKEN}`)
        return send(403, { detail: 'You do not have permission to perform this action.' });
      const id = checks.length + 1;
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const created = {
        id,
        url: `${base}/patches/${checked.params.patch_id}/checks/${id}/`,
        patch: Number(checked.params.patch_id),
        date: '2026-03-10T12:00:01',
        user: { id: 7, username: 'kreview' },
        ...body,
      };
      checks.push(created);
      return send(201, created);
    }
    return send(404, { detail: 'Not found.' });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, checks };
}

async function shape(req: IncomingMessage): Promise<RequestShape> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? '/', 'http://x');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function finding(patch: number, severity: Severity, title: string): Finding {
  return {
    check: 'matrix-cell-changed',
    severity,
    anchor: { patch, file: 'drivers/vfio/Kconfig', line: 68, side: 'new' },
    title,
    detail: '',
  };
}

// A review of a three-patch series; only what the Patchwork step reads is filled in.
function review(findings: Finding[]): Review {
  const patches = [1, 2, 3].map(
    (index) => ({ index, messageId: `2026-${index}-ada@example.org` }) as Patch,
  );
  const series = {
    subject: 'vfio: noiommu for cdev',
    patches,
    messageId: '2026-0-ada@example.org',
  } as unknown as Series;
  return {
    series,
    base: 'b'.repeat(40),
    baseReason: 'base-commit',
    head: 'c'.repeat(40),
    applied: true,
    matrices: [],
    findings,
    notes: [],
  };
}

describe('postPatchworkChecks()', () => {
  it('posts one schema-valid check per patch with the state of its findings', async () => {
    const pw = await patchwork({
      11: '2026-1-ada@example.org',
      12: '2026-2-ada@example.org',
      13: '2026-3-ada@example.org',
      14: 'other@example.org',
    });
    const posted = await postPatchworkChecks(
      review([
        finding(2, 'warning', 'VFIO_NOIOMMU changes in 3 of 5 cases on arm'),
        finding(3, 'error', 'Patch does not apply'),
        finding(3, 'warning', 'x'),
      ]),
      { url: pw.url, token: TOKEN, targetUrl: 'https://lore.kernel.org/r/kreview-1@example.org' },
    );
    expect(pw.log.filter((l) => !l.checked.ok).map((l) => l.checked)).toEqual([]);
    expect(
      pw.log.map(
        (l) =>
          `${l.request.method} ${l.request.path}${l.request.method === 'GET' ? `?${l.request.query}` : ''}`,
      ),
    ).toEqual([
      'GET /api/1.4/patches/?msgid=2026-1-ada%40example.org',
      'GET /api/1.4/patches/?msgid=2026-2-ada%40example.org',
      'GET /api/1.4/patches/?msgid=2026-3-ada%40example.org',
      'POST /api/1.4/patches/11/checks/',
      'POST /api/1.4/patches/12/checks/',
      'POST /api/1.4/patches/13/checks/',
    ]);
    expect(
      pw.checks.map((c) => [c.patch, c.context, c.state, c.description, c.target_url]),
    ).toEqual([
      [
        11,
        'kreview-kconfig',
        'success',
        'no Kconfig findings',
        'https://lore.kernel.org/r/kreview-1@example.org',
      ],
      [
        12,
        'kreview-kconfig',
        'warning',
        '1 warning: VFIO_NOIOMMU changes in 3 of 5 cases on arm',
        'https://lore.kernel.org/r/kreview-1@example.org',
      ],
      [
        13,
        'kreview-kconfig',
        'fail',
        '1 error, 1 warning: Patch does not apply',
        'https://lore.kernel.org/r/kreview-1@example.org',
      ],
    ]);
    expect(posted.map((p) => p.patchId)).toEqual([11, 12, 13]);
  });

  it('skips the patches Patchwork does not have and fails when it has none', async () => {
    const some = await patchwork({ 12: '2026-2-ada@example.org' });
    const posted = await postPatchworkChecks(review([]), {
      url: some.url,
      token: TOKEN,
      targetUrl: undefined,
    });
    expect(posted.map((p) => [p.index, p.patchId, p.state])).toEqual([[2, 12, 'success']]);
    expect(some.checks[0]?.target_url).toBeNull();

    const none = await patchwork({ 14: 'other@example.org' });
    const error = await postPatchworkChecks(review([]), {
      url: none.url,
      token: TOKEN,
      targetUrl: undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KreviewError);
    expect((error as KreviewError).message).toBe(
      `Cannot post checks to "${none.url}": no patch of "vfio: noiommu for cdev" is there`,
    );
    expect(none.checks).toEqual([]);
  });

  it('names the patch whose check Patchwork refused', async () => {
    const pw = await patchwork({ 11: '2026-1-ada@example.org' });
    const error = await postPatchworkChecks(review([]), {
      url: pw.url,
      token: 'wrong',
      targetUrl: undefined,
    }).catch((e: unknown) => e);
    expect((error as KreviewError).message).toBe(
      `Cannot post the check of patch 1 <2026-1-ada@example.org> to "${pw.url}": HTTP 403`,
    );
    expect((error as KreviewError).hint).toBe('the token has no maintainer rights on this project');
  });
});

describe('the schema check of the Patchwork stand-in', () => {
  const post = (body: unknown, auth = `Token ${TOKEN}`): Checked =>
    check({
      method: 'POST',
      path: '/api/1.4/patches/11/checks/',
      query: new URLSearchParams(),
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    [
      'accepts a complete check',
      {
        given: {
          state: 'success',
          context: 'kreview-kconfig',
          description: 'ok',
          target_url: null,
        },
        want: [],
      },
    ],
    [
      'refuses a state Patchwork does not know',
      {
        given: { state: 'passed', context: 'kreview-kconfig' },
        want: ['body.state: "passed" is not one of pending, success, warning, fail'],
      },
    ],
    [
      'refuses a context with a space',
      {
        given: { state: 'fail', context: 'kreview kconfig' },
        want: ['body.context: does not match ^[-a-zA-Z0-9_]+$'],
      },
    ],
    [
      'refuses a check without a state',
      { given: { context: 'kreview-kconfig' }, want: ['body: "state" is required'] },
    ],
    [
      'refuses a property the schema lacks',
      { given: { state: 'fail', name: 'x' }, want: ['body: "name" is not a property'] },
    ],
  ])('checks a POSTed check: %s', (_name, { given, want }) => {
    const result = post(given);
    expect(result.ok ? [] : result.problems).toEqual(want);
  });

  it('refuses an unknown query parameter, a non-integer patch id and a missing token', () => {
    const get = check({
      method: 'GET',
      path: '/api/1.4/patches/',
      query: new URLSearchParams({ message_id: 'x' }),
      headers: {},
      body: '',
    });
    expect(get).toEqual({ ok: false, problems: ['query parameter "message_id" is not declared'] });
    const bad = check({
      method: 'POST',
      path: '/api/1.4/patches/abc/checks/',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: '{"state":"fail"}',
    });
    expect(bad).toEqual({
      ok: false,
      problems: [
        'path patch_id: string where the schema wants integer',
        'no Authorization header for a secured operation',
      ],
    });
  });
});
