// The `previous` member of `review --json`: the revision compared with, and every finding of
// the comparison with its status.
import type { RevisionComparison } from '../domain/revision.ts';

/** The JSON value of a comparison; `revision` says which revision a finding's patch counts in. */
export function previousJson(c: RevisionComparison) {
  return {
    version: c.previousVersion,
    messageId: c.previousMessageId,
    linkedBy: c.linkedBy,
    unchangedPatches: c.unchangedPatches.map((u) => ({
      patch: u.patch,
      previousPatch: u.previousPatch,
    })),
    findings: c.findings.map((f) => ({
      status: f.status,
      revision: f.status === 'fixed' ? c.previousVersion : c.version,
      check: f.mark.check,
      severity: f.mark.severity,
      patch: f.mark.patch,
      symbol: f.mark.symbol ?? null,
      file: f.mark.file ?? null,
      title: f.mark.title,
      ...(f.status === 'still-there' && f.previous !== undefined
        ? { previousPatch: f.previous.patch, previousTitle: f.previous.title }
        : {}),
      unchangedPatch: f.unchangedPatch,
    })),
    ...(c.matrices === undefined
      ? {}
      : {
          matrices: c.matrices.map((m) => ({
            spec: m.spec,
            arch: m.arch,
            changes: m.changes.map((v) => ({
              symbol: v.symbol,
              previous: v.previous,
              current: v.current,
              cases: v.cases,
            })),
          })),
        }),
  };
}
