/**
 * Parsed file contents shared between trees: keyed by a file's identity (blob id), so a base
 * tree and its patched tree parse each unchanged file once.
 */
export class ParseCache {
  readonly #entries = new Map<string, unknown>();

  /** Returns the cached value for an identity, computing and storing it on a miss. */
  get<T>(identity: string, compute: () => T): T {
    if (this.#entries.has(identity)) return this.#entries.get(identity) as T;
    const value = compute();
    this.#entries.set(identity, value);
    return value;
  }

  /** The cached value for an identity, if any. */
  peek<T>(identity: string): T | undefined {
    return this.#entries.get(identity) as T | undefined;
  }

  /** Like get, for values computed asynchronously (file texts read through a port). */
  async getAsync<T>(identity: string, compute: () => Promise<T>): Promise<T> {
    if (this.#entries.has(identity)) return this.#entries.get(identity) as T;
    const value = await compute();
    this.#entries.set(identity, value);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
