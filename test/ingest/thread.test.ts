import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../src/domain/message.ts';
import { ancestorsOf, buildThreads } from '../../src/ingest/thread.ts';

function mail(
  id: string,
  position: number,
  inReplyTo?: string,
  references: string[] = [],
): MailMessage {
  return {
    id,
    syntheticId: false,
    position,
    headers: {
      subject: id,
      from: undefined,
      to: [],
      cc: [],
      date: '',
      dateIso: undefined,
      inReplyTo,
      references,
    },
    rawHeaders: '',
    body: '',
  };
}

describe('buildThreads()', () => {
  it('joins messages that refer to the same absent root, and keeps unrelated ones apart', () => {
    const threads = buildThreads([
      mail('b', 1, 'root', ['root']),
      mail('c', 2, 'b', ['root', 'b']),
      mail('d', 3, undefined, ['root']),
      mail('other', 4),
    ]);
    expect(threads.map((t) => [t.root, t.messages.map((m) => m.id)])).toEqual([
      ['root', ['b', 'c', 'd']],
      ['other', ['other']],
    ]);
    expect(threads[0]?.parent.get('c')).toBe('b');
    expect(threads[0]?.parent.has('b')).toBe(false);
  });

  it('uses In-Reply-To when References is missing, and the nearest present ancestor when a link is absent', () => {
    const [thread] = buildThreads([mail('a', 1), mail('c', 3, 'b', ['a', 'b']), mail('d', 4, 'c')]);
    expect(thread?.parent.get('c')).toBe('a');
    expect(thread && ancestorsOf(thread, 'd')).toEqual(['c', 'a']);
  });

  it('survives a reference loop', () => {
    const [thread] = buildThreads([mail('x', 1, 'y', ['y']), mail('y', 2, 'x', ['x'])]);
    expect(thread?.messages).toHaveLength(2);
    expect(thread && ancestorsOf(thread, 'x')).toEqual(['y']);
  });
});
