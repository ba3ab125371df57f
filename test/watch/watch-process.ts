// Runs `kreview watch` as a real process (so it can be killed with SIGKILL at a chosen moment) and
// a real SMTP server that counts what it accepted, by Message-ID.
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';

const CLI = resolve(import.meta.dirname, '../../src/cli.ts');

export interface WatchRun {
  readonly child: ChildProcess;
  readonly done: Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>;
}

/** Starts the watcher; `onLine` sees each stderr line and may kill the process. */
export function startWatch(
  args: readonly string[],
  onLine?: (line: string, child: ChildProcess) => void,
): WatchRun {
  const child = spawn(process.execPath, [CLI, 'watch', ...args], {
    env: { ...process.env, KREVIEW_SMTP_PASSWORD: 's3cret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    partial += c.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine?.(line, child);
  });
  const done = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolveDone) => {
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** A real SMTP server (login bot/s3cret) keeping the Message-IDs of the messages it accepted. */
export interface SmtpSink {
  readonly port: number;
  /** Message-IDs in the order the server answered 250 to them (repeats kept). */
  readonly accepted: string[];
  /** The In-Reply-To of each accepted message, by its Message-ID. */
  readonly inReplyTo: Map<string, string>;
  /** Each accepted message as sent (headers and body), by its Message-ID. */
  readonly texts: Map<string, string>;
  /** Called when a client connects, before the greeting; may kill the watcher. */
  onConnect: (() => void) | undefined;
  /** Called with each message before it is accepted; true drops it unaccepted (client killed). */
  onMessage: ((messageId: string) => boolean) | undefined;
  close(): Promise<void>;
}

/** Starts an SMTP sink on 127.0.0.1. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    accepted: [],
    inReplyTo: new Map(),
    texts: new Map(),
    onConnect: undefined,
    onMessage: undefined,
    close: async () => {},
  };
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      sink.onConnect?.();
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === 'bot' && auth.password === 's3cret') callback(null, { user: 'bot' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(text)?.[1] ?? '';
        if (sink.onMessage?.(id) === true) {
          callback(new Error('Connection lost before the message was accepted'));
          return;
        }
        sink.accepted.push(id);
        sink.inReplyTo.set(id, /^In-Reply-To:\s*<([^>]+)>/im.exec(text)?.[1] ?? '');
        sink.texts.set(id, text);
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return Object.assign(sink, {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}
