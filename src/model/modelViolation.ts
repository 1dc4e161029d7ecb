// A disagreement with the ledger model as a violation: what differs, the model's value and the system's.
import type { Violation } from '../invariants/invariant.ts';
import type { Mismatch } from './modelRun.ts';

export function modelViolation(invariantId: string, what: string, m: Mismatch): Violation {
  return {
    invariantId,
    stepIndex: m.stepIndex,
    message: `${what} ${m.field}: the ledger model expects ${m.expected}, the system gave ${m.actual}`,
    values: { field: m.field, expected: m.expected, actual: m.actual },
  };
}
