import { describe, expect, it } from 'vitest';
import { commitTrailers, parseTrailerLine, replyTrailers } from '../../src/ingest/trailers.ts';

const lineCases: [string, { given: string; want: [string, string] | undefined }][] = [
  [
    'parseTrailerLine() canonicalises the key case of reviewed-BY',
    { given: 'reviewed-BY: A <a@b>', want: ['Reviewed-by', 'A <a@b>'] },
  ],
  [
    'parseTrailerLine() reads Fixes with its title',
    { given: 'Fixes: 0123456789ab ("x: y")', want: ['Fixes', '0123456789ab ("x: y")'] },
  ],
  [
    'parseTrailerLine() accepts an unknown *-by key',
    { given: 'Debugged-by: D <d@e>', want: ['Debugged-by', 'D <d@e>'] },
  ],
  [
    'parseTrailerLine() ignores other Key: value lines',
    { given: 'Note: not a trailer', want: undefined },
  ],
  ['parseTrailerLine() ignores an indented line', { given: ' Acked-by: A <a@b>', want: undefined }],
];

describe('trailers', () => {
  it.each(lineCases)('%s', (_name, { given, want }) => {
    const t = parseTrailerLine(given, undefined);
    expect(t === undefined ? undefined : [t.key, t.value]).toEqual(want);
  });

  it('commitTrailers() reads only the last paragraph', () => {
    const body =
      'Reported-by: in prose, not a trailer <x@y>\n\nMore text.\n\nCc: C <c@d>\n[ fixed a typo ]\nSigned-off-by: S <s@t>';
    expect(commitTrailers(body).map((t) => t.key)).toEqual(['Cc', 'Signed-off-by']);
  });

  it('replyTrailers() skips quoted lines, trailers without an address or URL, and the signature', () => {
    const body = [
      '> Signed-off-by: Quoted <q@r>',
      'Tested-by: me',
      'Link: not a url',
      'Fixes: please',
      'Acked-by: Real <real@example.org>',
      'Closes: https://example.org/bug/1',
      '-- ',
      'Reviewed-by: Sig <sig@example.org>',
    ].join('\n');
    expect(replyTrailers(body, 'r@x').map((t) => `${t.key}: ${t.value} ${t.fromReply}`)).toEqual([
      'Acked-by: Real <real@example.org> r@x',
      'Closes: https://example.org/bug/1 r@x',
    ]);
  });
});
