// The raw header block of a message: split into fields without decoding, so that ids, dates and
// MIME parameters are read as sent and only the fields that need it are decoded (encoded-words.ts).

/** One header field as it appeared: name as written, raw (possibly folded) value. */
export interface HeaderField {
  readonly name: string;
  /** The value with its folding kept, without the trailing line end. */
  readonly raw: string;
}

const FIELD = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/** True when a line looks like the start of a header field (`Name: value`). */
export function isHeaderLine(line: string): boolean {
  return FIELD.test(line);
}

/** Splits a header block (LF line ends) into fields; lines that are neither fields nor folds are dropped. */
export function readHeaderFields(block: string): HeaderField[] {
  const fields: { name: string; raw: string }[] = [];
  for (const line of block.split('\n')) {
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      last.raw += `\n${line}`;
      continue;
    }
    const match = FIELD.exec(line);
    if (match === null) continue;
    fields.push({ name: match[1] ?? '', raw: line.slice(match[0].length).replace(/^[ \t]/, '') });
  }
  return fields;
}

/** The first field of that name (case-insensitive), unfolded; undefined when absent. */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  const field = fields.find((f) => f.name.toLowerCase() === lower);
  return field === undefined ? undefined : unfold(field.raw);
}

/** Removes folding: a line end followed by white space becomes that white space. */
export function unfold(value: string): string {
  return value.replace(/\r?\n(?=[ \t])/g, '').trim();
}

/** A MIME header value split into its type and lower-cased parameters (`charset`, `boundary`). */
export interface MimeValue {
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Reads `text/plain; charset="utf-8"; format=flowed` into its value and parameters. */
export function parseMimeValue(header: string | undefined): MimeValue {
  const params = new Map<string, string>();
  if (header === undefined) return { value: '', params };
  const [head = '', ...rest] = splitParams(header);
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let val = part.slice(eq + 1).trim();
    if (val.startsWith('"') && val.endsWith('"') && val.length >= 2) {
      val = val.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (!params.has(key)) params.set(key, val);
  }
  return { value: head.trim().toLowerCase(), params };
}

// Semicolons inside quoted strings do not separate parameters.
function splitParams(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
