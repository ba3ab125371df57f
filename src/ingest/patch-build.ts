// Builds a Patch from one patch mail: subject, author and date (in-body headers win), commit
// message as git would store it, diff and files, and the trailers written in the patch.
import type { Address, IngestWarning, MailMessage } from '../domain/message.ts';
import type { ParsedSubject, Patch } from '../domain/series.ts';
import { splitPatchText } from './patch-text.ts';
import { parseSubject } from './subject.ts';
import { commitTrailers } from './trailers.ts';

/** A patch read from its mail, with the problems found in its diff. */
export interface BuiltPatch {
  readonly patch: Patch;
  readonly warnings: readonly IngestWarning[];
}

/** Reads one patch mail (already known to carry a `[PATCH n/m]` subject) into a Patch. */
export function buildPatch(message: MailMessage, parsed: ParsedSubject): BuiltPatch {
  const text = splitPatchText(message.body, message.bodyBytes);
  const subject = text.inBody.subject === undefined ? message.headers.subject : text.inBody.subject;
  const parsedSubject =
    text.inBody.subject === undefined ? parsed : { ...parsed, title: parseSubject(subject).title };
  const author =
    text.inBody.from === undefined ? message.headers.from : parseAddress(text.inBody.from);
  const commitMessage =
    text.message === ''
      ? `${parsedSubject.title}\n`
      : `${parsedSubject.title}\n\n${text.message}\n`;
  const warnings: IngestWarning[] = [];
  const [first, ...more] = text.problems;
  if (first !== undefined) {
    // A mangled mail breaks every hunk alike: one warning per patch, the first problem named.
    const rest = more.length === 0 ? '' : ` (and ${more.length} more like it)`;
    warnings.push({
      position: message.position,
      messageId: message.id,
      message: `Cannot read the diff of "${message.headers.subject}" exactly: ${first}${rest}`,
    });
  }
  if (text.files.length === 0) {
    warnings.push({
      position: message.position,
      messageId: message.id,
      message: `Patch "${message.headers.subject}" has no diff`,
    });
  }
  const patch: Patch = {
    index: parsed.counter,
    subject: message.headers.subject,
    parsedSubject,
    messageId: message.id,
    author,
    date: text.inBody.date ?? message.headers.date,
    commitMessage,
    diff: text.diff,
    files: text.files,
    trailers: commitTrailers(text.message),
    baseCommit: text.baseCommit,
    prerequisitePatchIds: text.prerequisitePatchIds,
    message,
  };
  return { patch, warnings };
}

/** Reads `Name <address>` (or a bare address) as written in an in-body From: line. */
export function parseAddress(text: string): Address {
  const m = /^\s*"?(.*?)"?\s*<([^<>]*)>\s*$/.exec(text);
  if (m !== null) return { name: (m[1] ?? '').trim(), address: (m[2] ?? '').trim() };
  return { name: '', address: text.trim() };
}

/** `Name <address>`, or the bare address when there is no name. */
export function formatAddress(address: Address | undefined): string {
  if (address === undefined) return '';
  return address.name === '' ? address.address : `${address.name} <${address.address}>`;
}
