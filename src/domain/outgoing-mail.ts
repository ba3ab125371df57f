// A reply as kreview sends it: shared by the report that writes it, the state that keeps it
// and the delivery that sends it.
import type { Address } from './message.ts';

/** A reply ready to be written out or sent. */
export interface OutgoingMail {
  readonly from: Address;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly subject: string;
  readonly date: string;
  readonly messageId: string;
  readonly inReplyTo: string;
  readonly references: readonly string[];
  readonly body: string;
}
