// "What changed since the last report": two reports in, the differences a reviewer asks about out —
// new violations, fixed ones, invariants added or removed, coverage up or down, families whose parity moved.
import { transitionKey } from '../kernel/transitions.ts';
import type { ChangesSection, Report } from './model.ts';

function ids(r: Report, pred: (status: string) => boolean): Set<string> {
  return new Set(r.invariants.filter((i) => pred(i.status)).map((i) => i.id));
}

function diff<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  return [...a].filter((x) => !b.has(x));
}

function takenKeys(r: Report): Set<string> {
  return new Set(r.coverage.transitions.filter((t) => t.count > 0).map((t) => transitionKey(t)));
}

function hitCodes(r: Report): Set<string> {
  return new Set(r.coverage.codes.filter((c) => c.count > 0).map((c) => c.code));
}

/** Differences from `previous` to `current`, each list in the current report's order (then the previous one's). */
export function compareReports(previous: Report, current: Report): ChangesSection {
  const violatedBefore = ids(previous, (s) => s === 'violated');
  const violatedNow = ids(current, (s) => s === 'violated');
  const allBefore = ids(previous, () => true);
  const allNow = ids(current, () => true);
  const takenBefore = takenKeys(previous);
  const takenNow = takenKeys(current);
  const codesBefore = hitCodes(previous);
  const codesNow = hitCodes(current);
  const statusBefore = new Map(previous.families.map((f) => [f.family, f.status]));
  return {
    previous: {
      title: previous.title, gitCommit: previous.summary.gitCommit, profile: previous.summary.profile, seed: previous.summary.seed, verdict: previous.verdict,
    },
    newViolations: diff(violatedNow, violatedBefore),
    fixed: [...violatedBefore].filter((id) => allNow.has(id) && !violatedNow.has(id)),
    stillViolated: [...violatedNow].filter((id) => violatedBefore.has(id)),
    invariantsAdded: diff(allNow, allBefore),
    invariantsRemoved: diff(allBefore, allNow),
    transitionsNowTaken: diff(takenNow, takenBefore),
    transitionsNoLongerTaken: diff(takenBefore, takenNow),
    codesNowHit: diff(codesNow, codesBefore),
    codesNoLongerHit: diff(codesBefore, codesNow),
    coverage: {
      transitionsTaken: { key: 'transitions taken', before: takenBefore.size, after: takenNow.size },
      codesHit: { key: 'diagnostic codes hit', before: codesBefore.size, after: codesNow.size },
      inputsChecked: { key: 'inputs checked', before: previous.summary.inputsChecked, after: current.summary.inputsChecked },
      rowsValidated: { key: 'rows validated', before: previous.summary.rowsValidated, after: current.summary.rowsValidated },
    },
    familiesChanged: current.families
      .filter((f) => statusBefore.get(f.family) !== f.status)
      .map((f) => ({ family: f.family, before: statusBefore.get(f.family) ?? 'absent', after: f.status })),
  };
}
