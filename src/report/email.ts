// Serialises a reply as an RFC 5322 message: UTF-8 plain text, 8bit when it is not plain ASCII,
// encoded words for non-ASCII header text, long headers folded. The bytes depend only on the
// reply, so golden files can pin them.
import type { Address } from '../domain/message.ts';
import type { OutgoingMail } from '../domain/outgoing-mail.ts';

export type { OutgoingMail } from '../domain/outgoing-mail.ts';

/** The message as text with LF line ends (SMTP and git send-email turn them into CRLF). */
export function formatMail(mail: OutgoingMail): string {
  const body = mail.body.endsWith('\n') ? mail.body : `${mail.body}\n`;
  const encoding = transferEncoding(body);
  const headers = [
    header('From', formatAddress(mail.from)),
    ...(mail.to.length > 0 ? [addressHeader('To', mail.to)] : []),
    ...(mail.cc.length > 0 ? [addressHeader('Cc', mail.cc)] : []),
    header('Subject', encodeWords(mail.subject)),
    header('Date', mail.date),
    header('Message-ID', `<${mail.messageId}>`),
    header('In-Reply-To', `<${mail.inReplyTo}>`),
    header('References', mail.references.map((r) => `<${r}>`).join(' ')),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${encoding}`,
  ];
  return `${headers.join('\n')}\n\n${encoding === 'quoted-printable' ? quotedPrintable(body) : body}`;
}

// SMTP allows 998 octets a line: a quoted patch line past that (minified data, a long string)
// needs quoted-printable; otherwise 7bit for ASCII and 8bit for UTF-8 keep the text readable.
function transferEncoding(body: string): '7bit' | '8bit' | 'quoted-printable' {
  if (body.split('\n').some((line) => Buffer.byteLength(line) > 998)) return 'quoted-printable';
  return Buffer.byteLength(body) === body.length ? '7bit' : '8bit';
}

/** RFC 2045 quoted-printable of UTF-8 text with LF line ends, soft breaks before 76 columns. */
export function quotedPrintable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line);
      const out: string[] = [];
      let current = '';
      bytes.forEach((byte, i) => {
        const last = i === bytes.length - 1;
        const plain =
          (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        const piece = plain
          ? String.fromCharCode(byte)
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (current.length + piece.length > 75) {
          out.push(`${current}=`);
          current = '';
        }
        current += piece;
      });
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

/** `Name <addr>`, quoting the name when it has characters that need it. */
export function formatAddress(address: Address): string {
  if (address.name === '') return address.address;
  const name = /^[\x20-\x7e]*$/.test(address.name)
    ? /[()<>[\]:;@\\,."]/.test(address.name)
      ? `"${address.name.replace(/(["\\])/g, '\\$1')}"`
      : address.name
    : encodeWords(address.name);
  return `${name} <${address.address}>`;
}

// RFC 2047 B-encoding for any non-ASCII text, split so each encoded word stays short.
function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(' ');
}

// Folds at spaces so no line is longer than 78 characters where it can be helped.
function header(name: string, value: string): string {
  const lines: string[] = [];
  let current = `${name}:`;
  for (const word of value.split(' ')) {
    if (current.length + 1 + word.length > 78 && current.length > name.length + 1) {
      lines.push(current);
      current = ` ${word}`;
    } else current += ` ${word}`;
  }
  lines.push(current);
  return lines.join('\n');
}

// Address lists fold between addresses, never inside a display name, as mail clients write them.
function addressHeader(name: string, addresses: readonly Address[]): string {
  const lines: string[] = [];
  let current = `${name}:`;
  addresses.forEach((address, i) => {
    const text = `${formatAddress(address)}${i < addresses.length - 1 ? ',' : ''}`;
    if (current.length + 1 + text.length > 78 && current.length > name.length + 1) {
      lines.push(current);
      current = ` ${text}`;
    } else current += ` ${text}`;
  });
  lines.push(current);
  return lines.join('\n');
}
