// Address headers (From, To, Cc) read as mailparser's parseAddressHeader reads them, without
// loading mailparser (about 30 MiB of RSS and a quarter of a short command's CPU): nodemailer's
// addressparser, which mailparser itself uses, then mailparser's decoding of the result
// (address-decode.ts). Checked against mailparser header by header (test/ingest).
import addressparser from 'nodemailer/lib/addressparser';
import type { Address } from '../domain/message.ts';
import { decodeAddresses } from './address-decode.ts';

/** The addresses of one header's values (members of a group in its place), in order. */
export function parseAddresses(values: readonly string[]): Address[] {
  const out: Address[] = [];
  for (const value of values) {
    if (value === '') continue;
    for (const entry of decodeAddresses(addressparser(value, { flatten: false })))
      for (const m of entry.group ?? [entry]) out.push({ name: m.name, address: m.address ?? '' });
  }
  return out;
}
