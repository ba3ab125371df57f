// A validator for the part of OpenAPI 3.1 that Patchwork's schema uses for the requests kreview
// makes: path templates, operations, security, query and path parameters, and JSON bodies
// (type, enum, required, properties, readOnly, pattern, lengths, oneOf, uri, $ref). It reads the
// published YAML, so a request the real Patchwork would refuse is refused here too.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

/** What the validator needs of one HTTP request. */
export interface RequestShape {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** The operation a request matched, or the problems that make it invalid. */
export type Checked =
  | { ok: true; operationId: string; params: Record<string, string> }
  | { ok: false; problems: string[] };

/** Loads the schema at `file` and returns a checker for requests against it. */
export function openapiChecker(file: string): (request: RequestShape) => Checked {
  const doc = parse(readFileSync(file, 'utf8')) as Node;
  const resolve = (node: Json | undefined): Node => {
    let current = node as Node;
    while (current !== undefined && typeof current.$ref === 'string') {
      current = current.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<Json>((n, key) => (n as Node)[key] ?? null, doc) as Node;
    }
    return current;
  };
  const paths = doc.paths as Node;
  return (request) => {
    const path = request.path.replace(/(.)\/$/, '$1');
    for (const [template, item] of Object.entries(paths)) {
      const params = matchTemplate(template, path);
      if (params === undefined) continue;
      const operation = (item as Node)[request.method.toLowerCase()] as Node | undefined;
      if (operation === undefined)
        return { ok: false, problems: [`${request.method} is not an operation of ${template}`] };
      const problems: string[] = [];
      const declared = [
        ...(((item as Node).parameters as Json[] | undefined) ?? []),
        ...((operation.parameters as Json[] | undefined) ?? []),
      ].map(resolve);
      for (const p of declared.filter((d) => d.in === 'path')) {
        problems.push(
          ...validate(
            params[String(p.name)] === undefined
              ? null
              : coerce(params[String(p.name)] ?? '', resolve(p.schema)),
            resolve(p.schema),
            `path ${String(p.name)}`,
            resolve,
          ),
        );
      }
      const queryNames = new Set(
        declared.filter((d) => d.in === 'query').map((d) => String(d.name)),
      );
      for (const [key, value] of request.query) {
        const p = declared.find((d) => d.in === 'query' && d.name === key);
        if (p === undefined || !queryNames.has(key))
          problems.push(`query parameter "${key}" is not declared`);
        else
          problems.push(
            ...validate(
              coerce(value, resolve(p.schema)),
              resolve(p.schema),
              `query ${key}`,
              resolve,
            ),
          );
      }
      if (Array.isArray(operation.security) && operation.security.length > 0) {
        const auth = request.headers.authorization;
        if (typeof auth !== 'string' || !/^(Token|Basic) \S+$/.test(auth))
          problems.push('no Authorization header for a secured operation');
      }
      if (operation.requestBody !== undefined) {
        const body = resolve(operation.requestBody);
        const type =
          String(request.headers['content-type'] ?? '')
            .split(';')[0]
            ?.trim() ?? '';
        const media = (body.content as Node)[type] as Node | undefined;
        if (media === undefined) problems.push(`content type "${type}" is not accepted`);
        else {
          try {
            problems.push(
              ...validate(
                JSON.parse(request.body) as Json,
                resolve(media.schema),
                'body',
                resolve,
                true,
              ),
            );
          } catch {
            problems.push('body is not JSON');
          }
        }
      } else if (request.body !== '') problems.push('a body for an operation that takes none');
      return problems.length > 0
        ? { ok: false, problems }
        : { ok: true, operationId: String(operation.operationId), params };
    }
    return { ok: false, problems: [`no path of the schema matches "${request.path}"`] };
  };
}

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (match === null) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
}

// Path and query values are text; an integer parameter must be written as one.
function coerce(value: string, schema: Node): Json {
  return schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
}

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function validate(
  value: Json,
  schema: Node,
  at: string,
  resolve: (n: Json | undefined) => Node,
  writing = false,
): string[] {
  if (schema === undefined) return [];
  const problems: string[] = [];
  const types =
    schema.type === undefined ? undefined : ([] as Json[]).concat(schema.type).map(String);
  const actual = typeOf(value);
  if (
    types !== undefined &&
    !types.includes(actual) &&
    !(actual === 'integer' && types.includes('number'))
  )
    return [`${at}: ${actual} where the schema wants ${types.join(' or ')}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`${at}: does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength)
      problems.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength)
      problems.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.format === 'uri' && !URL.canParse(value)) problems.push(`${at}: not a URI`);
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = schema.oneOf.filter(
      (s) => validate(value, resolve(s), at, resolve, writing).length === 0,
    );
    if (passing.length !== 1)
      problems.push(`${at}: matches ${passing.length} of the oneOf schemas, not exactly 1`);
  }
  if (actual === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Node;
    for (const key of (schema.required as Json[] | undefined) ?? [])
      if (!(String(key) in value)) problems.push(`${at}: "${String(key)}" is required`);
    for (const [key, v] of Object.entries(value)) {
      const property = properties[key];
      if (property === undefined) problems.push(`${at}: "${key}" is not a property`);
      else if (writing && resolve(property).readOnly === true)
        problems.push(`${at}: "${key}" is read-only`);
      else problems.push(...validate(v, resolve(property), `${at}.${key}`, resolve, writing));
    }
  }
  return problems;
}
