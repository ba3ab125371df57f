// Posting kreview's checks to a Patchwork stand-in on 127.0.0.1 that checks every request
// against Patchwork's published OpenAPI schema and answers as Patchwork 3.x does.
import { afterEach, describe, expect, it } from 'vitest';
import { postPatchworkChecks } from '../../src/deliver/patchwork-checks.ts';
import { KreviewError } from '../../src/domain/errors.ts';
import type { Finding, Severity } from '../../src/domain/finding.ts';
import type { Review } from '../../src/domain/review.ts';
import type { Patch, Series } from '../../src/domain/series.ts';
import type { Checked } from '../sources/patchwork/openapi-check.ts';
import {
  check,
  patchwork,
  schemaMissing,
  stopPatchworks,
  TOKEN,
} from '../sources/patchwork/patchwork-server.ts';

const skip = schemaMissing('the Patchwork checks tests');

afterEach(stopPatchworks);

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
    evaluated: {
      patches: [1, 2, 3],
      arches: [],
      checks: ['matrix-cell-changed'],
      reviewable: true,
      summary: undefined,
    },
  };
}

describe.skipIf(skip)('postPatchworkChecks()', () => {
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
      'GET /api/1.4/patches/11/checks/?',
      'POST /api/1.4/patches/11/checks/',
      'GET /api/1.4/patches/12/checks/?',
      'POST /api/1.4/patches/12/checks/',
      'GET /api/1.4/patches/13/checks/?',
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

  it('posts again only where the newest kreview check of a patch says something else', async () => {
    const pw = await patchwork({ 11: '2026-1-ada@example.org', 12: '2026-2-ada@example.org' });
    const target = { url: pw.url, token: TOKEN, targetUrl: undefined };
    await postPatchworkChecks(review([finding(2, 'warning', 'A changes')]), target);
    // The same review again: both patches' newest checks already say it.
    const again = await postPatchworkChecks(review([finding(2, 'warning', 'A changes')]), target);
    expect(again.map((p) => [p.patchId, p.unchanged])).toEqual([
      [11, true],
      [12, true],
    ]);
    expect(pw.checks).toHaveLength(2);
    // A new revision fixed patch 2: only its check is posted, and it is now the newest.
    const fixed = await postPatchworkChecks(review([]), target);
    expect(fixed.map((p) => [p.patchId, p.unchanged])).toEqual([
      [11, true],
      [12, false],
    ]);
    expect(pw.checks.map((c) => [c.patch, c.state])).toEqual([
      [11, 'success'],
      [12, 'warning'],
      [12, 'success'],
    ]);
    // Back to the warning: the newest (success) differs, so the warning is posted once more.
    await postPatchworkChecks(review([finding(2, 'warning', 'A changes')]), target);
    expect(pw.checks.map((c) => c.state)).toEqual(['success', 'warning', 'success', 'warning']);
  });

  it('skips the patches Patchwork does not have, checks one in two projects twice, and fails when it has none', async () => {
    // Patch 2 was sent to two lists: Patchwork has it in two projects (ids 12 and 21).
    const some = await patchwork({ 12: '2026-2-ada@example.org', 21: '2026-2-ada@example.org' });
    const posted = await postPatchworkChecks(review([]), {
      url: some.url,
      token: TOKEN,
      targetUrl: undefined,
    });
    expect(posted.map((p) => [p.index, p.patchId, p.state])).toEqual([
      [2, 12, 'success'],
      [2, 21, 'success'],
    ]);
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

describe.skipIf(skip)('the schema check of the Patchwork stand-in', () => {
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
