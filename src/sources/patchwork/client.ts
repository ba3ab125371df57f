// A typed Patchwork REST client (API 1.4) from the published OpenAPI schema, with token auth.
// The schema writes paths without the trailing slash Patchwork's URLs end in; a middleware adds
// it so the requests reach the view instead of a redirect.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type PatchworkClient = Client<paths>;

const trailingSlash: Middleware = {
  onRequest({ request }) {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/')) return undefined;
    url.pathname += '/';
    return new Request(url, request);
  },
};

/** A client for the Patchwork at `baseUrl` (e.g. https://patchwork.kernel.org). */
export function patchworkClient(baseUrl: string, token: string | undefined): PatchworkClient {
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: {
      Accept: 'application/json',
      ...(token === undefined ? {} : { Authorization: `Token ${token}` }),
    },
  });
  client.use(trailingSlash);
  return client;
}
