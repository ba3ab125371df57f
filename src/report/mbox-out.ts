// Replies as files: an mboxrd of them (what `git am`, mutt and b4 read) and the file names that
// keep them in send order.
import type { OutgoingMail } from './email.ts';
import { formatMail } from './email.ts';

// A fixed From_ line, as lore writes it: the date in it is not read by anyone, and a real one
// would make the bytes depend on the clock.
const FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970';

/** The messages as one mboxrd text: lines starting with ">*From " get one more ">". */
export function mboxOf(messages: readonly string[]): string {
  return messages
    .map((text) => {
      const body = text.replace(/^(>*From )/gm, '>$1');
      return `${FROM_LINE}\n${body.endsWith('\n') ? body : `${body}\n`}\n`;
    })
    .join('');
}

/** The replies of a review as one mboxrd. */
export function repliesMbox(replies: readonly OutgoingMail[]): string {
  return mboxOf(replies.map(formatMail));
}

/** `0001-re-patch-v6-2-3-vfio-allow-noiommu-with-cdev.eml`: send order, then the subject. */
export function emlName(index: number, mail: OutgoingMail): string {
  const slug = mail.subject
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 52)
    .replace(/-+$/, '');
  return `${String(index + 1).padStart(4, '0')}-${slug === '' ? 'reply' : slug}.eml`;
}
