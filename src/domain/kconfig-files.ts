// The port through which the Kconfig engine reads a tree: git objects (src/git), a directory
// (src/sources) or memory (tests) implement it.
/** Where Kconfig files come from: a git tree, a directory, or memory (tests). */
export interface KconfigFiles {
  /** Reads a file by its path relative to the tree root ("arch/x86/Kconfig"); undefined when absent. */
  read(path: string): Promise<string | undefined>;
  /** A stable identity of the file's contents (git blob id, or a sha1 of the bytes) for the shared parse cache; undefined when absent. */
  identity(path: string): Promise<string | undefined>;
  /** Every file under a directory (paths from the tree root), for make's $(wildcard); optional. */
  list?(dir: string): Promise<string[]>;
}

/**
 * The text of a Kconfig file (or defconfig, Makefile) from its bytes: UTF-8, as the kernel's
 * files are written and as conf's .config is read back, the same for every reader so a tree
 * gives the same prompts and values from git objects as from a directory.
 */
export function decodeKconfigText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
