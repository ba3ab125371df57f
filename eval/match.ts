// Scoring of one review against the hand-written claims of its case: which findings are true,
// which are false, which must-say claims were missed. Pure; run.ts does the I/O.
//
// The rule (README, "npm run eval"):
// - A finding names the symbols of its title; when the title names none (e.g. "x86_64 defconfig
//   changes 2 lines"), those of its detail. A symbol is an upper-case word (CONFIG_ prefix
//   ignored).
// - A claim matches a finding when the check is the same (`*` for any), its `symbol` is named by
//   the finding (when given), its `pattern` matches the title or the detail (when given), its
//   `patch` is the finding's patch (when given), and the finding is at least the claim's
//   `severity` (default: info).
// - A finding that matches a mustNotSay claim is false. Otherwise it is true when it matches a
//   mustSay or maySay claim (severity aside). A warning or error that matches nothing is false too:
//   every claim posted to a list must be one a labeller checked. An info finding that matches
//   nothing is counted apart (unlabelled info), neither true nor false.
// - A mustSay claim is met when some finding matches it, severity included; else it is missed.

export type Severity = 'info' | 'warning' | 'error';

/** A finding as `kreview review --json` prints it (the fields the scoring reads). */
export interface JsonFinding {
  readonly check: string;
  readonly severity: Severity;
  readonly patch: number;
  readonly file: string | null;
  readonly line: number | null;
  readonly title: string;
  readonly detail: string;
}

/** One expected (or forbidden) claim. */
export interface Claim {
  readonly check: string;
  readonly symbol?: string;
  readonly pattern?: string;
  readonly patch?: number;
  readonly severity?: Severity;
  /** How the labeller verified it (conf runs, the tree's Kconfig). */
  readonly why: string;
}

export type Verdict = 'true' | 'false' | 'unlabelled-info';

export interface ScoredFinding {
  readonly finding: JsonFinding;
  readonly verdict: Verdict;
  /** For a false finding: the mustNotSay claim it breaks, or undefined when it matched nothing. */
  readonly broke: Claim | undefined;
}

export interface Score {
  readonly findings: readonly ScoredFinding[];
  readonly met: readonly Claim[];
  /** Missed mustSay claims, each with what came closest (a match below the severity asked). */
  readonly missed: readonly { claim: Claim; near: JsonFinding | undefined }[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const SYMBOL = /(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_])/g;

function bare(symbol: string): string {
  return symbol.replace(/^CONFIG_/, '');
}

/** The symbols a finding names: its title's, else its detail's. */
export function namedSymbols(finding: JsonFinding): Set<string> {
  const inTitle = finding.title.match(SYMBOL) ?? [];
  const words = inTitle.length > 0 ? inTitle : (finding.detail.match(SYMBOL) ?? []);
  return new Set(words.map(bare));
}

function matches(claim: Claim, finding: JsonFinding, withSeverity: boolean): boolean {
  if (claim.check !== '*' && claim.check !== finding.check) return false;
  if (claim.patch !== undefined && claim.patch !== finding.patch) return false;
  if (claim.symbol !== undefined && !namedSymbols(finding).has(bare(claim.symbol))) return false;
  if (claim.pattern !== undefined) {
    const re = new RegExp(claim.pattern, 'i');
    if (!re.test(finding.title) && !re.test(finding.detail)) return false;
  }
  if (withSeverity && RANK[finding.severity] < RANK[claim.severity ?? 'info']) return false;
  return true;
}

function specificity(c: Claim): number {
  return (
    (c.symbol === undefined ? 0 : 4) + (c.pattern === undefined ? 0 : 2) + (c.check === '*' ? 0 : 1)
  );
}

/** Scores the findings of one review against its case's claims. */
export function scoreReview(
  findings: readonly JsonFinding[],
  claims: {
    readonly mustSay: readonly Claim[];
    readonly maySay: readonly Claim[];
    readonly mustNotSay: readonly Claim[];
  },
): Score {
  const scored = findings.map((finding): ScoredFinding => {
    // The most specific claim broken names the reason (a symbol beats a pattern beats a check).
    const broke = claims.mustNotSay
      .filter((c) => matches(c, finding, true))
      .sort((a, b) => specificity(b) - specificity(a))[0];
    if (broke !== undefined) return { finding, verdict: 'false', broke };
    const labelled = [...claims.mustSay, ...claims.maySay].some((c) => matches(c, finding, false));
    if (labelled) return { finding, verdict: 'true', broke: undefined };
    return {
      finding,
      verdict: finding.severity === 'info' ? 'unlabelled-info' : 'false',
      broke: undefined,
    };
  });
  const met: Claim[] = [];
  const missed: { claim: Claim; near: JsonFinding | undefined }[] = [];
  for (const claim of claims.mustSay) {
    // A finding that breaks a mustNotSay claim meets nothing.
    const usable = scored.filter((s) => s.broke === undefined);
    if (usable.some((s) => matches(claim, s.finding, true))) met.push(claim);
    else
      missed.push({ claim, near: usable.find((s) => matches(claim, s.finding, false))?.finding });
  }
  return { findings: scored, met, missed };
}
