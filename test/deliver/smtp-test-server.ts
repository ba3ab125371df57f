// A real SMTP server (smtp-server) on 127.0.0.1 for the sending tests: it asks for a login
// (bot / s3cret), keeps what it receives, and can reject messages containing a given text.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the server received it: envelope and DATA bytes (CRLF line ends). */
export interface Received {
  readonly from: string;
  readonly to: string[];
  readonly data: Buffer;
  /** True when the message came over TLS (after STARTTLS). */
  readonly secure: boolean;
}

const servers: SMTPServer[] = [];

/** Closes every server started since the last call (for afterEach). */
export async function stopServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(() => done(null)))));
}

/**
 * Starts a server; messages whose bytes contain `reject` get a 550. With `starttls` it offers
 * STARTTLS with smtp-server's own self-signed certificate.
 */
export async function startServer(
  reject?: string,
  starttls = false,
): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: starttls ? [] : ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'bot' && auth.password === 's3cret') callback(null, { user: 'bot' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        if (reject !== undefined && data.includes(reject)) {
          callback(Object.assign(new Error('Message rejected by policy'), { responseCode: 550 }));
          return;
        }
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          secure: session.secure,
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { port: (server.server.address() as AddressInfo).port, received };
}
