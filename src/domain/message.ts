/** A mail address as it appeared in a header: display name and bare address. */
export interface Address {
  readonly name: string;
  readonly address: string;
}

/** The headers kreview keeps from a message, decoded (RFC 2047) but otherwise as sent. */
export interface MessageHeaders {
  readonly subject: string;
  readonly from: Address | undefined;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  /** The Date header as written, for attribution lines. */
  readonly date: string;
  /** The Date header as an ISO 8601 instant, or undefined when it does not parse. */
  readonly dateIso: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
}

/**
 * One mail message read from a source. `body` is the decoded text of the first text/plain part,
 * byte-exact for patches (tabs, trailing whitespace and 8-bit text kept); `rawHeaders` is the
 * header block exactly as it was in the mbox.
 */
export interface MailMessage {
  /** Normalised Message-ID (no angle brackets); a stable stand-in when the message had none. */
  readonly id: string;
  /** True when `id` is a stand-in made by kreview because the message had no Message-ID. */
  readonly syntheticId: boolean;
  /** 1-based position of the message in its source (mbox order). */
  readonly position: number;
  readonly headers: MessageHeaders;
  readonly rawHeaders: string;
  readonly body: string;
  /**
   * The body's bytes, only when `body` does not encode back to them as UTF-8 (Latin-1 in a
   * patch, say): a patch is applied from the mail's bytes, as git am applies it.
   */
  readonly bodyBytes?: Buffer | undefined;
}

/** Something wrong with one message of the input; the rest of the input is still read. */
export interface IngestWarning {
  /** 1-based position of the message in its source, when the problem belongs to one message. */
  readonly position: number | undefined;
  readonly messageId: string | undefined;
  readonly message: string;
}
