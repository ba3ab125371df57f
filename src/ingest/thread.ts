// Groups messages into threads from Message-ID, In-Reply-To and References. Messages that refer
// to the same (possibly absent) ancestor land in one thread, as public-inbox groups them.
import type { MailMessage } from '../domain/message.ts';

/** One thread: its messages in mbox order and each message's nearest present ancestor. */
export interface Thread {
  /** The id the thread hangs from: the first reference of its oldest message, or that message's id. */
  readonly root: string;
  readonly messages: readonly MailMessage[];
  /** Message id → id of its nearest ancestor present in the input (absent for tops). */
  readonly parent: ReadonlyMap<string, string>;
}

/** Threads of a set of messages (ids unique), ordered by the position of their first message. */
export function buildThreads(messages: readonly MailMessage[]): Thread[] {
  const links = new UnionFind();
  const present = new Map(messages.map((m) => [m.id, m]));
  for (const m of messages) {
    links.add(m.id);
    for (const ref of ancestry(m)) links.union(m.id, ref);
  }
  const groups = new Map<string, MailMessage[]>();
  for (const m of [...messages].sort((a, b) => a.position - b.position)) {
    const key = links.find(m.id);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [m]);
    else group.push(m);
  }
  const threads: Thread[] = [];
  for (const group of groups.values()) {
    const parent = new Map<string, string>();
    for (const m of group) {
      const up = [...ancestry(m)].reverse().find((id) => present.has(id) && id !== m.id);
      if (up !== undefined) parent.set(m.id, up);
    }
    const first = group[0];
    if (first === undefined) continue;
    threads.push({ root: ancestry(first)[0] ?? first.id, messages: group, parent });
  }
  return threads;
}

/** The ancestors a message names, oldest first: References, then In-Reply-To when not among them. */
export function ancestry(m: MailMessage): string[] {
  const refs = m.headers.references.filter((r) => r !== m.id);
  const reply = m.headers.inReplyTo;
  if (reply !== undefined && reply !== m.id) {
    // In-Reply-To names the direct parent even when References is missing or truncated.
    return [...refs.filter((r) => r !== reply), reply];
  }
  return refs;
}

/** Walks from a message to the thread top through present ancestors, guarding against loops. */
export function ancestorsOf(thread: Thread, id: string): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  for (
    let up = thread.parent.get(id);
    up !== undefined && !seen.has(up);
    up = thread.parent.get(up)
  ) {
    seen.add(up);
    out.push(up);
  }
  return out;
}

class UnionFind {
  readonly #parent = new Map<string, string>();

  add(id: string): void {
    if (!this.#parent.has(id)) this.#parent.set(id, id);
  }

  find(id: string): string {
    this.add(id);
    let root = id;
    for (
      let up = this.#parent.get(root);
      up !== undefined && up !== root;
      up = this.#parent.get(root)
    )
      root = up;
    for (let cur = id; cur !== root; ) {
      const next = this.#parent.get(cur) ?? root;
      this.#parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent.set(rb, ra);
  }
}
