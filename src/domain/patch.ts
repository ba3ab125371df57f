/** One line of a hunk: its kind and its text without the leading marker or line end. */
export interface HunkLine {
  readonly kind: 'context' | 'add' | 'del' | 'no-newline';
  readonly text: string;
  /** Line number in the old file (context and del lines). */
  readonly oldLine: number | undefined;
  /** Line number in the new file (context and add lines). */
  readonly newLine: number | undefined;
}

/** One `@@ -a,b +c,d @@` hunk of a file's diff. */
export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** The text after the second `@@` (usually the enclosing function), may be empty. */
  readonly section: string;
  readonly lines: readonly HunkLine[];
}

export type FileChange = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

/** The part of a patch's diff that concerns one file. */
export interface FilePatch {
  /** Path before the change (no `a/` prefix); equals newPath unless renamed or copied. */
  readonly oldPath: string;
  /** Path after the change (no `b/` prefix). */
  readonly newPath: string;
  readonly change: FileChange;
  readonly oldMode: string | undefined;
  readonly newMode: string | undefined;
  /** Abbreviated or full blob ids from the `index <old>..<new>` line, when present. */
  readonly oldBlob: string | undefined;
  readonly newBlob: string | undefined;
  readonly binary: boolean;
  readonly hunks: readonly Hunk[];
}

/** A trailer such as `Signed-off-by: A U Thor <a@example.org>`. */
export interface Trailer {
  readonly key: string;
  readonly value: string;
  /** Message-ID of the reply the trailer was given in; undefined when it is in the patch itself. */
  readonly fromReply: string | undefined;
}
