import { describe, expect, it } from 'vitest';
import { parseMessageId, parseReferences, standInMessageId } from '../../src/ingest/message-id.ts';

const cases: [string, { given: string | undefined; want: string | undefined }][] = [
  [
    'parseMessageId() strips angle brackets and space',
    { given: '  <abc@example.org> ', want: 'abc@example.org' },
  ],
  [
    'parseMessageId() reads a lore list URL',
    {
      given: 'https://lore.kernel.org/linux-kbuild/20230107091820.3382134-1-masahiroy@kernel.org/',
      want: '20230107091820.3382134-1-masahiroy@kernel.org',
    },
  ],
  [
    'parseMessageId() reads the URL of any public-inbox, not only lore.kernel.org',
    { given: 'http://127.0.0.1:8080/vfio/a%40b.c/T/#t', want: 'a@b.c' },
  ],
  [
    'parseMessageId() reads a lore /r/ URL with percent-encoding',
    { given: 'https://lore.kernel.org/r/a%40b.c', want: 'a@b.c' },
  ],
  [
    'parseMessageId() reads a lore thread URL with a fragment',
    { given: 'https://lore.kernel.org/all/x@y.z/T/#u', want: 'x@y.z' },
  ],
  ['parseMessageId() strips an id: prefix', { given: 'id:<p@q>', want: 'p@q' }],
  ['parseMessageId() gives undefined for empty input', { given: ' <> ', want: undefined }],
];

describe('message ids', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseMessageId(given)).toBe(want);
  });

  it('parseReferences() reads every id once, in order, across folded lines', () => {
    expect(parseReferences('<a@x>\n <b@x> <a@x>\t<c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
  });

  it('standInMessageId() is stable for the same bytes and differs for others', () => {
    const one = standInMessageId(Buffer.from('Subject: x\n\nbody\n'));
    expect(one).toMatch(/^kreview-[0-9a-f]{16}@stand-in$/);
    expect(standInMessageId(Buffer.from('Subject: x\n\nbody\n'))).toBe(one);
    expect(standInMessageId(Buffer.from('Subject: y\n\nbody\n'))).not.toBe(one);
  });
});
