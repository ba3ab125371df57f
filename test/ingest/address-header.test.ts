// parseAddresses() must read every header as mailparser's parseAddressHeader does, whether it
// takes the fast path (nodemailer's addressparser alone) or loads mailparser.
import { parseAddressHeader } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseAddresses } from '../../src/ingest/address-header.ts';

const HEADERS: string[][] = [
  ['Zoë Exämple <zoe@example.org>'],
  ['"Doe, Jane" <jane@example.org>, bob@example.org'],
  ['  Spaced   Name   <spaced@example.org>  '],
  ['Undisclosed recipients:;'],
  ['list: a@example.org, "B" <b@example.org>;, c@example.org'],
  ['a@example.org (A comment)', 'Second Header <second@example.org>'],
  ['"quoted \\"inner\\" name" <q@example.org>'],
  ['<angle-only@example.org>'],
  ['broken <no-closing@example.org'],
  ['linux-kernel@vger.kernel.org, Greg KH <gregkh@linuxfoundation.org>,\tx@y.z'],
  ['=?UTF-8?q?Zo=C3=AB?= <zoe@example.org>'],
  ['Punycode <user@xn--bcher-kva.example>'],
  [''],
];

function mailparserReads(values: string[]): { name: string; address: string }[] {
  return parseAddressHeader(values).value.flatMap((entry) =>
    (entry.group ?? [entry]).map((m) => ({ name: m.name ?? '', address: m.address ?? '' })),
  );
}

describe('parseAddresses()', () => {
  it.each(HEADERS.map((h) => [JSON.stringify(h), h] as const))(
    'reads %s as mailparser does',
    async (_name, values) => {
      expect(await parseAddresses(values)).toEqual(mailparserReads(values));
    },
  );

  it('decodes encoded words in names (through mailparser)', async () => {
    expect(await parseAddresses(['=?UTF-8?q?Zo=C3=AB?= <zoe@example.org>'])).toEqual([
      { name: 'Zoë', address: 'zoe@example.org' },
    ]);
  });
});
