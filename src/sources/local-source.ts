// Mail the user receives locally: an mbox file (read whole each run) or a maildir (cur/ and new/,
// one message per file). New patch mail is what no earlier run handled; threads come from the
// same read, so a thread is complete as far as the mailbox goes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { KreviewError } from '../domain/errors.ts';
import type { IngestWarning, MailMessage } from '../domain/message.ts';
import type { WatchSource } from '../domain/source.ts';
import { ingestMessages, ingestStream } from '../ingest/ingest.ts';
import { parseSubject } from '../ingest/subject.ts';
import { buildThreads, type Thread } from '../ingest/thread.ts';
import { readMbox } from './mbox-file.ts';

/** A source over a local mbox or maildir at `path`. */
export function localSource(kind: 'mbox' | 'maildir', path: string): WatchSource {
  let threads: Map<string, Thread> | undefined;
  let warnings: readonly IngestWarning[] = [];
  return {
    async list(_cursor, seen) {
      let messages: readonly MailMessage[];
      try {
        const read =
          kind === 'mbox' ? await readMbox(path, process.stdin) : await readMaildir(path);
        messages = read.messages;
        warnings = read.warnings;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { anchors: [], cursor: undefined, faults: [detail], ok: false };
      }
      threads = new Map();
      const anchors: string[] = [];
      for (const thread of buildThreads(ingestMessages(messages).messages)) {
        const fresh = thread.messages.some((m) => !seen(m.id) && isPatchMail(m));
        threads.set(thread.root, thread);
        if (fresh) anchors.push(thread.root);
      }
      return { anchors: anchors.sort(), cursor: undefined, faults: [], ok: true };
    },
    async thread(anchor) {
      const thread = threads?.get(anchor);
      if (thread === undefined)
        return { ok: false, fault: `Cannot find thread <${anchor}> in "${path}"`, gone: true };
      return { ok: true, messages: thread.messages, warnings };
    },
  };
}

function isPatchMail(m: MailMessage): boolean {
  const subject = parseSubject(m.headers.subject);
  return subject.isPatch && !subject.isReply;
}

/** Reads every message file of a maildir's cur/ and new/, in name order. */
async function readMaildir(
  dir: string,
): Promise<{ messages: MailMessage[]; warnings: IngestWarning[] }> {
  const files: string[] = [];
  for (const sub of ['cur', 'new']) {
    let names: string[];
    try {
      names = await readdir(join(dir, sub));
    } catch (error) {
      throw new KreviewError(
        `Cannot read the maildir "${dir}": no ${sub}/ directory`,
        'INPUT_NOT_FOUND',
        {
          cause: error,
        },
      );
    }
    for (const name of names.sort()) if (!name.startsWith('.')) files.push(join(dir, sub, name));
  }
  const messages: MailMessage[] = [];
  const warnings: IngestWarning[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const one = await ingestStream(
      (async function* () {
        yield bytes;
      })(),
    );
    messages.push(...one.messages.map((m) => ({ ...m, position: messages.length + m.position })));
    warnings.push(...one.warnings);
  }
  return { messages, warnings };
}
