// A real public-inbox for the watcher tests: a v2 inbox (Debian's public-inbox), messages imported
// with one git fast-import commit each (the layout public-inbox's own importer writes: the raw
// message as the blob `m`), indexed with Xapian, and served by public-inbox-httpd on 127.0.0.1.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Installs Debian's public-inbox when it is missing and we may (root); false when unavailable. */
export function ensurePublicInbox(): boolean {
  if (has('public-inbox-httpd')) return true;
  if (process.getuid?.() !== 0) return false;
  execFileSync('apt-get', ['install', '-y', '-q', 'public-inbox'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return has('public-inbox-httpd');
}

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One inbox under `dir`, with its config and (once started) its server. */
export interface TestInbox {
  readonly dir: string;
  readonly name: string;
  readonly env: Record<string, string>;
  url: string;
  server: ChildProcess | undefined;
}

/** Creates an empty v2 inbox named `name` in `dir`, indexed with Xapian (search works). */
export function createInbox(dir: string, name: string): TestInbox {
  mkdirSync(dir, { recursive: true });
  const env = { ...stringEnv(), PI_CONFIG: join(dir, 'pi-config'), HOME: dir };
  execFileSync(
    'public-inbox-init',
    [
      '-V2',
      '-L',
      'medium',
      name,
      join(dir, 'inbox'),
      `http://127.0.0.1/${name}`,
      `${name}@vger.kernel.org`,
    ],
    { env, stdio: 'pipe' },
  );
  return { dir, name, env, url: '', server: undefined };
}

/** Imports raw messages, one commit each, received at `receivedAt`; then indexes them. */
export function importMessages(inbox: TestInbox, raws: readonly Buffer[], receivedAt: Date): void {
  const git = join(inbox.dir, 'inbox', 'git', '0.git');
  const ref = 'refs/heads/master';
  let hasTip = true;
  try {
    execFileSync('git', ['--git-dir', git, 'rev-parse', '--verify', '-q', ref], { stdio: 'pipe' });
  } catch {
    hasTip = false;
  }
  const time = `${Math.floor(receivedAt.getTime() / 1000)} +0000`;
  const parts: Buffer[] = [];
  raws.forEach((raw, i) => {
    const subject = `message ${i + 1}`;
    parts.push(
      Buffer.from(`blob\nmark :${2 * i + 1}\ndata ${raw.length}\n`),
      raw,
      Buffer.from('\n'),
    );
    parts.push(
      Buffer.from(
        `commit ${ref}\nmark :${2 * i + 2}\nauthor test <test@example.org> ${time}\n` +
          `committer test <test@example.org> ${time}\ndata ${subject.length + 1}\n${subject}\n` +
          (i === 0 ? (hasTip ? `from ${ref}^0\n` : '') : `from :${2 * i}\n`) +
          `D d\nM 100644 :${2 * i + 1} m\n\n`,
      ),
    );
  });
  execFileSync('git', ['--git-dir', git, 'fast-import', '--quiet'], {
    input: Buffer.concat(parts),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  execFileSync('public-inbox-index', [join(inbox.dir, 'inbox')], { env: inbox.env, stdio: 'pipe' });
}

/** Starts public-inbox-httpd for the inbox on a free port of 127.0.0.1 and waits for it. */
export async function serveInbox(inbox: TestInbox): Promise<string> {
  const port = await freePort();
  const server = spawn(
    'public-inbox-httpd',
    [
      '-W0',
      '-l',
      `http://127.0.0.1:${port}`,
      '--stdout',
      join(inbox.dir, 'httpd.out'),
      '--stderr',
      join(inbox.dir, 'httpd.err'),
    ],
    { env: inbox.env, stdio: 'ignore' },
  );
  inbox.server = server;
  inbox.url = `http://127.0.0.1:${port}/${inbox.name}`;
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`${inbox.url}/new.atom`);
      await response.body?.cancel();
      if (response.ok) return inbox.url;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`public-inbox-httpd did not answer on port ${port}`);
}

/**
 * Makes a running server see what was imported since it started: its Xapian readers keep their
 * snapshot until reopened, and SIGHUP makes it reload its inboxes. Waits until `messageId` is
 * found by a search.
 */
export async function refreshInbox(inbox: TestInbox, messageId: string): Promise<void> {
  inbox.server?.kill('SIGHUP');
  const url = `${inbox.url}/?q=${encodeURIComponent(`m:${messageId}`)}&x=A`;
  for (let i = 0; i < 150; i++) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // restarting
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`public-inbox-httpd does not find <${messageId}> after SIGHUP`);
}

/** Stops the inbox's server. */
export async function stopInbox(inbox: TestInbox): Promise<void> {
  const server = inbox.server;
  if (server === undefined || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function stringEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return out;
}
