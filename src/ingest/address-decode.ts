// What mailparser does to the addresses nodemailer's parser reads from a header, without loading
// mailparser: display names trimmed and their encoded words decoded; an address that hides an
// encoded word kept only if it decodes to a plain local@domain (RFC 2047 keeps encoded words out
// of the addr-spec); an internationalised (xn--) domain shown in Unicode.
import { domainToUnicode } from 'node:url';
import { decodeEncodedWords, hasEncodedWord } from './encoded-words.ts';

/** An address or group as nodemailer's addressparser returns it. */
export interface ParsedAddress {
  name: string;
  address?: string;
  group?: ParsedAddress[];
}

/** Decodes parsed addresses (and the members of groups) in place, and returns them. */
export function decodeAddresses<T extends ParsedAddress>(addresses: T[]): T[] {
  for (const a of addresses) {
    a.name = decodeEncodedWords((a.name ?? '').trim());
    if (a.address !== undefined && a.address !== '' && hasEncodedWord(a.address)) {
      const decoded = decodeEncodedWords(a.address);
      a.address = /^[^\s@]+@[^\s@]+$/.test(decoded) && !decoded.includes('=?') ? decoded : '';
    }
    if (a.address !== undefined && /@xn--/.test(a.address)) {
      const at = a.address.lastIndexOf('@');
      const domain = domainToUnicode(a.address.slice(at + 1));
      if (domain !== '') a.address = a.address.slice(0, at + 1) + domain;
    }
    if (a.group !== undefined) decodeAddresses(a.group);
  }
  return addresses;
}
