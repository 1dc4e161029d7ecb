// INV-K-DECLARED-TRANSITIONS: every stage change is a transition of the declared table, and the state agrees.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';
import { nextStage } from '../src/kernel/transitions.ts';

const ID = 'INV-K-DECLARED-TRANSITIONS';

export const INV_K_DECLARED_TRANSITIONS: Invariant = {
  id: ID,
  title: 'Every transition is in the declared table',
  statement: 'Each transition an outcome reports is (from, trigger) → to of the table in spec/kernel.md §5.1; a step\'s first transition of a slot starts from the stage that slot had before the step and each next one from the previous `to`; a slot\'s stage changes only through a reported transition, and ends at the last one\'s `to`; CLOSED is final: a trade that reached CLOSED never takes another transition.',
  why: 'A table later overwritten by another branch stops telling the truth (NautilusTrader\'s trap); the coverage of the gate is counted on this table.',
  specAnchor: 'spec/invariants.md#inv-k-declared-transitions',
  scope: 'kernel',
  reads: ['outcome.transitions', 'trade.stage', 'trade.tradeId'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    const closedTrades = new Set<string>();
    for (const r of trace.records) {
      const reported = new Map<number, string>();
      for (const t of r.result.outcome.transitions) {
        exercised++;
        const to = nextStage(t.from, t.trigger);
        if (to !== t.to) violations.push(violation(ID, r.index, `undeclared transition ${t.from} --${t.trigger}--> ${t.to}`, { from: t.from, trigger: t.trigger, to: t.to, declared: to ?? 'none' }));
        const stageBefore = reported.get(t.slotId) ?? r.before.slots[t.slotId]?.trade?.stage ?? 'IDLE';
        if (t.from !== stageBefore) violations.push(violation(ID, r.index, `transition ${t.from} --${t.trigger}--> ${t.to} of slot ${t.slotId} does not start from the stage ${stageBefore} the slot was in`, { slotId: t.slotId, from: t.from, stageBefore }));
        if (closedTrades.has(t.tradeId)) violations.push(violation(ID, r.index, `trade ${t.tradeId} left CLOSED (${t.from} --${t.trigger}--> ${t.to}): CLOSED is final`, { tradeId: t.tradeId, trigger: t.trigger }));
        if (t.to === 'CLOSED') closedTrades.add(t.tradeId);
        reported.set(t.slotId, t.to);
      }
      for (const slot of r.result.state.slots) {
        const before = r.before.slots[slot.slotId]?.trade;
        const after = slot.trade;
        const stageBefore = before?.stage ?? 'IDLE';
        const stageAfter = after?.stage ?? 'IDLE';
        const expected = reported.get(slot.slotId) ?? (before?.tradeId === after?.tradeId ? stageBefore : undefined);
        if (expected !== stageAfter) {
          violations.push(violation(ID, r.index, `slot ${slot.slotId} moved ${stageBefore} → ${stageAfter} without a declared transition`, { slotId: slot.slotId, from: stageBefore, to: stageAfter }));
        }
      }
      if (violations.length > 0) break;
    }
    return { violations, exercised };
  },
};
export default INV_K_DECLARED_TRANSITIONS;
