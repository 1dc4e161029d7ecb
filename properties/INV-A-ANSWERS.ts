// INV-A-ANSWERS: the adapter answers every event in time, without throwing, with a well-formed answer,
// and the loop reaches quiescence. A broken adapter is a finding with its sequence, never a workbench crash.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { indexTrace } from '../src/adapters/conformance/traceIndex.ts';

export const INV_A_ANSWERS: Invariant<AdapterTrace> = {
  id: 'INV-A-ANSWERS',
  title: 'The adapter answers every event, in time, with well-formed data',
  statement: 'Every call to handle(event) returns (or resolves to) a well-formed reaction within callTimeoutMs without throwing; the run settles within callCountMax calls and requestCountMax requests.',
  why: 'An adapter that throws, hangs or answers nonsense leaves orders at the venue the kernel does not know about.',
  specAnchor: 'spec/venue.md#inv-a-answers',
  scope: 'adapter',
  check(trace) {
    const index = indexTrace(trace);
    const violations: Violation[] = trace.faults
      .filter((f) => f.kind !== 'kernel_assertion')
      .map((f) => ({
        invariantId: 'INV-A-ANSWERS',
        message: f.message,
        stepIndex: index.lastStep,
        values: { fault: f.kind, call: f.callIndex === null ? '-' : String(f.callIndex) },
      }));
    return { violations, exercised: trace.calls.length };
  },
};
export default INV_A_ANSWERS;
