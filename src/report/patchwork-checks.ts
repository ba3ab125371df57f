// What kreview posts to Patchwork for each patch: a state from that patch's findings and a one-line
// description. Series-wide findings (anchor patch 0) count on the last patch present, where the
// series is whole.
import type { Finding } from '../domain/finding.ts';
import type { Review } from '../domain/review.ts';
import { countText, statusOf } from './b4-check.ts';

/** Patchwork's context for kreview's checks: one check per patch, replaced on each run. */
export const PATCHWORK_CONTEXT = 'kreview-kconfig';

export type PatchworkState = 'success' | 'warning' | 'fail';

/** The check to post for one patch of the series. */
export interface PatchCheck {
  readonly messageId: string;
  readonly index: number;
  readonly state: PatchworkState;
  readonly description: string;
}

const STATE = { pass: 'success', warn: 'warning', fail: 'fail' } as const;
const MAX_DESCRIPTION = 200;

/** One check per patch present in the series, in patch order. */
export function patchChecks(review: Review): PatchCheck[] {
  const patches = review.series.patches;
  const last = patches[patches.length - 1]?.index;
  return patches.map((patch) => {
    const findings = review.findings.filter(
      (f) => f.anchor.patch === patch.index || (f.anchor.patch === 0 && patch.index === last),
    );
    return {
      messageId: patch.messageId,
      index: patch.index,
      state: STATE[statusOf(findings)],
      description: describe(findings),
    };
  });
}

function describe(findings: readonly Finding[]): string {
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  const text = first === undefined ? countText(findings) : `${countText(findings)}: ${first.title}`;
  const line = text.replace(/\s+/g, ' ');
  return line.length <= MAX_DESCRIPTION ? line : `${line.slice(0, MAX_DESCRIPTION - 1)}…`;
}
