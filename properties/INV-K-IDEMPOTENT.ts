// INV-K-IDEMPOTENT: a duplicate intent id or fill id has no effect.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-IDEMPOTENT';

export const INV_K_IDEMPOTENT: Invariant = {
  id: ID,
  title: 'Duplicate intent ids and fill ids have no effect',
  statement: 'An intent whose id was accepted before, and a fill whose fill id was applied before, are rejected (DUPLICATE_INTENT / DUPLICATE_FILL) and change nothing.',
  why: 'A duplicate fill re-delivered after a reconnect was applied twice (bytex#16; ccxt#18854); a retried intent opened a second position.',
  specAnchor: 'spec/invariants.md#inv-k-idempotent',
  scope: 'kernel',
  reads: ['outcome.diagnosticCode', 'state.seenIntentIds', 'state.seenFillIds'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    const intents = new Set<string>();
    const fills = new Set<string>();
    for (const r of trace.records) {
      const { input } = r;
      const key = input.kind === 'intent' ? `i:${String(input.intent?.intentId)}` : input.kind === 'order_filled' ? `f:${String(input.fillId)}` : null;
      if (key === null) continue;
      const seen = key.startsWith('i:') ? intents : fills;
      if (seen.has(key)) {
        exercised++;
        if (r.result.outcome.accepted || r.result.state !== r.before) {
          violations.push(violation(ID, r.index, `duplicate ${key.startsWith('i:') ? 'intent' : 'fill'} ${key.slice(2)} had an effect`, { id: key.slice(2), code: r.result.outcome.diagnosticCode }));
          break;
        }
      } else if (r.result.outcome.accepted) {
        seen.add(key);
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_IDEMPOTENT;
