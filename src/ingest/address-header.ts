// Address headers (From, To, Cc) read as mailparser's parseAddressHeader reads them, without
// loading mailparser for the common header: its import (HTML, charsets, link finding) is about a
// quarter of the CPU of a short command such as `kreview apply`. parseAddressHeader is nodemailer's
// addressparser plus decoding that only RFC 2047 encoded words and punycode domains need, so a
// header with neither is parsed by addressparser alone and one with either by mailparser.
import addressparser from 'nodemailer/lib/addressparser';
import type { Address } from '../domain/message.ts';

// Wider than what mailparser decodes (`=?…?=` words, `@xn--` domains): a false hit costs time only.
const NEEDS_DECODING = /=\?|xn--/i;

interface Parsed {
  readonly name?: string;
  readonly address?: string;
  readonly group?: readonly Parsed[];
}

/** The addresses of one header's values (members of a group in its place), in order. */
export async function parseAddresses(values: readonly string[]): Promise<Address[]> {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return [];
  if (present.some((v) => NEEDS_DECODING.test(v))) {
    const { parseAddressHeader } = await import('mailparser');
    return flatten(parseAddressHeader(present).value);
  }
  return flatten(present.flatMap((v) => addressparser(v)));
}

function flatten(entries: readonly Parsed[]): Address[] {
  const out: Address[] = [];
  for (const entry of entries) {
    for (const m of entry.group ?? [entry]) {
      out.push({ name: (m.name ?? '').trim(), address: m.address ?? '' });
    }
  }
  return out;
}
