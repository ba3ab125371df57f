// Readable reports of where two conf outputs part ways, for the differential test and script.

/** One output stream of conf that the engine is compared on. */
export type Stream = 'config' | 'stderr' | 'stdout';

/** Where `got` first differs from `want`: the line number and both lines; undefined if equal. */
export function firstDifference(
  want: string,
  got: string,
): { line: number; want: string | undefined; got: string | undefined } | undefined {
  if (want === got) return undefined;
  const a = want.split('\n');
  const b = got.split('\n');
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { line: i + 1, want: a[i], got: b[i] };
  }
  // Same lines but different strings cannot happen with split/join; kept for the type checker.
  return { line: n, want: undefined, got: undefined };
}

function show(line: string | undefined): string {
  return line === undefined ? '(end of output)' : JSON.stringify(line);
}

/** A one-paragraph description of the first difference in `stream`, or undefined if equal. */
export function describeDifference(stream: Stream, want: string, got: string): string | undefined {
  const d = firstDifference(want, got);
  if (d === undefined) return undefined;
  const count = (s: string) => (s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0));
  return (
    `${stream} differs at line ${d.line} (conf: ${count(want)} lines, engine: ${count(got)} lines)\n` +
    `  conf:   ${show(d.want)}\n  engine: ${show(d.got)}`
  );
}

/** Every stream that differs, described; an empty list when the engine agrees with conf. */
export function describeDifferences(
  want: Readonly<Record<Stream, string>>,
  got: Readonly<Record<Stream, string>>,
  streams: readonly Stream[] = ['config', 'stderr', 'stdout'],
): string[] {
  const out: string[] = [];
  for (const s of streams) {
    const d = describeDifference(s, want[s], got[s]);
    if (d !== undefined) out.push(d);
  }
  return out;
}
