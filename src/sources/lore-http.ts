// HTTP for the lore source: one GET with a timeout and a size cap, retried with bounded
// exponential backoff on what a later attempt can fix (timeouts, connection errors, 5xx, a body
// that fails its check such as truncated gzip). A fault that outlasts the retries is a value.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { Readable } from 'node:stream';

/** How hard to try: attempts, the first backoff (doubled each time), timeout and size cap. */
export interface HttpPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  attempts: 4,
  backoffMs: 500,
  timeoutMs: 30_000,
  maxBytes: 64 * 1024 * 1024,
};

/** The network as the source sees it; `fetch` and the sleeper are injected for tests. */
export interface HttpPort {
  readonly fetch: typeof fetch;
  /** A GET that takes response headers over fetch's 16 KiB (a 20 kB Content-Disposition). */
  readonly fetchLargeHeaders?: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly policy: HttpPolicy;
}

export type HttpResult<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly fault: string; readonly status: number | undefined };

/** The default port: global fetch and a real sleep. */
export function httpPort(policy: Partial<HttpPolicy> = {}): HttpPort {
  return {
    fetch: globalThis.fetch,
    fetchLargeHeaders: largeHeaderFetch,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    policy: { ...DEFAULT_HTTP_POLICY, ...policy },
  };
}

/** Headers this client takes: public-inbox's longest Content-Disposition is a subject. */
const LARGE_HEADERS = 1 << 20;

/**
 * A GET through node:http(s), whose header limit can be raised per request (fetch's cannot), as
 * a fetch Response: the status, the body, and the content headers kreview reads.
 */
export const largeHeaderFetch: typeof fetch = (input, init) =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const get = url.protocol === 'https:' ? httpsGet : httpGet;
    const request = get(
      url,
      {
        maxHeaderSize: LARGE_HEADERS,
        headers: { 'User-Agent': 'kreview-watch' },
        ...(init?.signal === undefined || init.signal === null ? {} : { signal: init.signal }),
      },
      (response) => {
        const headers = new Headers();
        for (const name of ['content-length', 'content-type']) {
          const value = response.headers[name];
          if (typeof value === 'string') headers.set(name, value);
        }
        const status = response.statusCode ?? 502;
        const body =
          status === 204 || status === 304 ? null : (Readable.toWeb(response) as ReadableStream);
        resolve(new Response(body, { status, headers }));
      },
    );
    request.on('error', reject);
  });

/**
 * GETs `url` and hands the body to `check`, which returns the value or throws to say the body is
 * unusable (and worth another try). A 4xx other than 408/429 is final at once.
 */
export async function getWithRetry<T>(
  port: HttpPort,
  url: string,
  check: (body: Buffer) => T,
): Promise<HttpResult<T>> {
  const { attempts, backoffMs } = port.policy;
  let fault = '';
  let status: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await port.sleep(backoffMs * 2 ** (attempt - 2));
    const got = await getOnce(port, url);
    status = got.status;
    if (got.body !== undefined) {
      try {
        return { ok: true, value: check(got.body), attempts: attempt };
      } catch (error) {
        fault = `the response is unusable: ${error instanceof Error ? error.message : String(error)}`;
        continue;
      }
    }
    fault = got.fault;
    if (!got.retry) break;
  }
  return { ok: false, fault: `Cannot fetch "${url}": ${fault}`, status };
}

interface Once {
  readonly body: Buffer | undefined;
  readonly status: number | undefined;
  readonly fault: string;
  readonly retry: boolean;
}

async function getOnce(port: HttpPort, url: string): Promise<Once> {
  const { timeoutMs, maxBytes } = port.policy;
  try {
    const response = await port.fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'User-Agent': 'kreview-watch' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      // 501 is an answer (public-inbox without a search index says it), not a passing fault.
      const retry =
        (response.status >= 500 && response.status !== 501) ||
        response.status === 408 ||
        response.status === 429;
      return { body: undefined, status: response.status, fault: `HTTP ${response.status}`, retry };
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body?.cancel();
      return { body: undefined, status: 200, fault: `larger than ${maxBytes} bytes`, retry: false };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body !== null) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes)
          return {
            body: undefined,
            status: 200,
            fault: `larger than ${maxBytes} bytes`,
            retry: false,
          };
        chunks.push(Buffer.from(chunk));
      }
    }
    return { body: Buffer.concat(chunks), status: response.status, fault: '', retry: false };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const detail =
      name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
          : String(error);
    return { body: undefined, status: undefined, fault: detail, retry: true };
  }
}
