// Every invariant over one execution, and how a violation is named and shown: shared by the in-process runner
// and the worker pool.
import { describeInput, describeOutcome, describeSlot } from '../driver/describe.ts';
import { Decimal, plain } from '../kernel/decimal.ts';
import type { Invariant, Violation } from '../invariants/invariant.ts';
import type { Execution } from './execute.ts';
import type { CounterexampleData, StepRow } from './result.ts';

export interface CheckOutcome {
  readonly violations: Violation[];
  readonly exercised: Map<string, number>;
}

const NO_SKIP: ReadonlySet<string> = new Set();

/**
 * A shrink candidate needs one answer, does any invariant fail: `stopAtFirst` stops at the first violation and
 * `tryFirst` checks the invariant that failed the run being shrunk before the others. The outcome's violations
 * and exercised counts are then partial; only whether there is a violation means anything.
 */
export interface QuickCheck {
  readonly stopAtFirst: true;
  readonly tryFirst?: string;
}

function firstThen(invariants: readonly Invariant[], id: string | undefined): readonly Invariant[] {
  const i = id === undefined ? -1 : invariants.findIndex((inv) => inv.id === id);
  return i <= 0 ? invariants : [invariants[i]!, ...invariants.slice(0, i), ...invariants.slice(i + 1)];
}

/** Every invariant on one execution; a system fault is itself a violation. */
export function checkExecution(exec: Execution, invariants: readonly Invariant[], skip: ReadonlySet<string> = NO_SKIP, quick?: QuickCheck): CheckOutcome {
  const violations: Violation[] = [];
  const exercised = new Map<string, number>();
  if (exec.fault) {
    violations.push({ invariantId: exec.fault.invariantId, message: exec.fault.message, stepIndex: exec.fault.stepIndex, values: {} });
    return { violations, exercised };
  }
  for (const inv of quick ? firstThen(invariants, quick.tryFirst) : invariants) {
    if (skip.has(inv.id)) continue;
    let r;
    try {
      r = inv.check(exec.trace);
    } catch (e) {
      r = { violations: [{ invariantId: inv.id, message: `the check threw ${(e as Error).name}: ${(e as Error).message}`, stepIndex: 0, values: {} }], exercised: 0 };
    }
    exercised.set(inv.id, r.exercised);
    if (r.violations[0]) {
      violations.push(r.violations[0]);
      if (quick) break;
    }
  }
  return { violations, exercised };
}

export function stepTable(exec: Execution): StepRow[] {
  const box = exec.trace.blackBox;
  if (box) return blackBoxStepTable(exec, box.views);
  return exec.trace.records.map((r) => ({
    step: r.index,
    input: describeInput(r.input),
    outcome: describeOutcome(r.result.outcome),
    slot: r.result.outcome.slotId === null ? '-' : `slot ${r.result.outcome.slotId}: ${describeSlot(r.result.state, r.result.outcome.slotId)}`,
    // For the report's counterexample chart: the open position over all slots and the capital after the step.
    size: plain(r.result.state.slots.reduce((n, s) => (s.trade ? n.plus(s.trade.size) : n), new Decimal(0))),
    capital: plain(r.result.state.account.capital),
  }));
}

export function signatureOf(v: Violation, exec: Execution): string {
  const record = exec.trace.records[Math.min(v.stepIndex, exec.trace.records.length - 1)];
  const t = record?.result.outcome.transitions[0];
  const where = t ? `${t.from} --${t.trigger}--> ${t.to}` : record ? `${record.input.kind}${record.result.outcome.accepted ? '' : ` ${record.result.outcome.diagnosticCode}`}` : 'start';
  return `${v.invariantId} @ ${where}`;
}

export function counterexampleOf(v: Violation, exec: Execution, replay: (f: string | null) => string): CounterexampleData {
  return {
    invariantId: v.invariantId, message: v.message, values: v.values, stepIndex: v.stepIndex, inputs: exec.inputs,
    steps: stepTable(exec), file: null, replayCommand: replay(null),
  };
}

/** A black box's steps as it showed them: its outcome, its slot dict, its capital (never the reference's). */
function blackBoxStepTable(exec: Execution, views: NonNullable<Execution['trace']['blackBox']>['views']): StepRow[] {
  return exec.trace.records.map((r, i) => {
    const v = views[i]!;
    const slot = v.outcome.slot_id === null ? undefined : v.slots[v.outcome.slot_id];
    return {
      step: r.index,
      input: describeInput(r.input),
      outcome: describeOutcome(r.result.outcome),
      slot: !slot ? '-' : `slot ${slot.slot_id}: ${slot.trade_id === '' ? 'IDLE' : `${slot.trade_id} ${slot.fsm_state} ${slot.size}/${slot.initial_size} pnl ${slot.realized_pnl}`}`,
      size: plain(v.slots.reduce((n, s) => n.plus(s.size), new Decimal(0))),
      capital: v.capital,
    };
  });
}
