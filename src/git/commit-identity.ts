// Who and when a commit made from a mail records: the mail's author and date, and a fixed
// committer dated like the author, so the same series gives the same commit ids on every run.
import type { Address } from '../domain/message.ts';

/** One side of a commit's identity, in git's `Name <email> seconds zone` parts. */
export interface Signature {
  readonly name: string;
  readonly email: string;
  /** Git's internal date: seconds since the epoch, a space, and the zone as `+hhmm`. */
  readonly date: string;
}

/** The committer every kreview commit has. */
export const COMMITTER = { name: 'kreview', email: 'kreview@localhost' } as const;

/** The author of a patch as a commit signature; a missing author becomes the fixed committer. */
export function authorSignature(author: Address | undefined, date: string): Signature {
  const name = clean(author?.name || author?.address.split('@')[0] || COMMITTER.name);
  const email = clean(author?.address || COMMITTER.email);
  return { name, email, date: gitDate(date) };
}

/** The fixed committer, dated like the author. */
export function committerSignature(author: Signature): Signature {
  return { ...COMMITTER, date: author.date };
}

/** The environment that makes `git commit-tree` record exactly these signatures. */
export function signatureEnv(author: Signature, committer: Signature): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: author.date,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: committer.date,
  };
}

/** A signature line as a commit object stores it (`author Name <email> 1700000000 +0100`). */
export function signatureLine(role: 'author' | 'committer', s: Signature): string {
  return `${role} ${s.name} <${s.email}> ${s.date}`;
}

/**
 * A mail Date header (RFC 2822, or ISO 8601) as git's internal date; the epoch when it cannot
 * be read, so a bad date never makes the result depend on the clock.
 */
export function gitDate(text: string): string {
  const ms = Date.parse(text.replace(/\s*\([^)]*\)\s*$/, ''));
  if (Number.isNaN(ms)) return '0 +0000';
  return `${Math.floor(ms / 1000)} ${zoneOf(text)}`;
}

function zoneOf(text: string): string {
  const numeric = /([+-])(\d\d):?(\d\d)\s*(?:\([^)]*\))?\s*$/.exec(text.trim());
  if (numeric !== null) return `${numeric[1]}${numeric[2]}${numeric[3]}`;
  return '+0000';
}

// Git strips these from identities itself, but it is clearer to never hand them over: a header
// from a hostile mail must not add lines to a commit object.
function clean(text: string): string {
  const out = text.replace(/[\0\n\r<>]/g, ' ').trim();
  return out === '' ? COMMITTER.name : out;
}

/** A commit message as git stores it: trailing blank lines dropped, one final newline. */
export function commitMessageText(message: string, fallbackTitle: string): string {
  const text = message.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  return `${text === '' ? fallbackTitle.trim() || 'Untitled patch' : text}\n`;
}
