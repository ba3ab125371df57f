// A Patchwork stand-in on 127.0.0.1: every request is checked against Patchwork's published
// OpenAPI schema (../shared/patchwork) and answered as Patchwork 3.x answers it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { missingShared, PATCHWORK_SCHEMA } from '../../helpers/shared-data.ts';
import { type Checked, openapiChecker, type RequestShape } from './openapi-check.ts';

/** Checks one request against Patchwork's schema (loaded on first use: a clone may lack it). */
export function check(request: RequestShape): Checked {
  checker ??= openapiChecker(PATCHWORK_SCHEMA);
  return checker(request);
}
let checker: ((request: RequestShape) => Checked) | undefined;
/** Whether the schema is missing (the tests of the stand-in skip then, saying so). */
export const schemaMissing = (what: string): boolean => missingShared(what, PATCHWORK_SCHEMA);
/** The token the stand-in accepts for posting checks. */
export const TOKEN = 'a1b2c3';

/** A request the stand-in received, and what the schema check said of it. */
export interface Logged {
  readonly request: RequestShape;
  readonly checked: Checked;
}

const servers: Server[] = [];
/** Closes every stand-in started since the last call (for afterEach). */
export async function stopPatchworks(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
}

// Patchwork with the given patches (id → Message-ID); it refuses invalid requests with 400 as
// Django REST framework does, and unknown tokens with 403.
export async function patchwork(
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
    if (checked.operationId === 'checks_list')
      return send(
        200,
        checks.filter((c) => c.patch === Number(checked.params.patch_id)),
      );
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
