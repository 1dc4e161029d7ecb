// What a black-box kernel shows after a step (its slot views and capital, spec/protocol.md) against the ledger
// model, and its commands as the protocol carries them. The in-process INV-M-STATE compares every field of the
// kernel's state; a black box has no state to read, so its slot dicts and capital are held to the model instead.
import { Decimal } from '../kernel/decimal.ts';
import type { CommandView, SlotSnapshot, StepView } from '../parity/stepView.ts';
import type { ExpectedCommand } from './expectation.ts';
import { tradeTotals, type LedgerModel } from './ledger.ts';
import type { Mismatch } from './modelRun.ts';
import { shown } from './stateFields.ts';

type SlotField = Exclude<keyof SlotSnapshot, 'slot_id'>;
const DECIMAL_FIELDS: ReadonlySet<SlotField> = new Set(['size', 'initial_size', 'entry_price', 'realized_pnl']);

/** The slot dict the model says slot `slot` shows (an empty slot: stage IDLE, zeros, trade id ""). */
export function modelSlotView(m: LedgerModel, slot: number): Record<SlotField, string | number | boolean> {
  const t = m.slots[slot] ?? null;
  if (!t) return { trade_id: '', fsm_state: 'IDLE', size: '0', initial_size: '0', entry_price: '0', realized_pnl: '0', closed: false, active_leg_index: 0 };
  const x = tradeTotals(t);
  return {
    trade_id: t.tradeId, fsm_state: t.stage, size: x.size.toFixed(), initial_size: x.initialSize.toFixed(), entry_price: x.entryPrice.toFixed(),
    realized_pnl: x.realized.toFixed(), closed: t.closed, active_leg_index: t.legs.length,
  };
}

function sameDecimal(a: unknown, b: string): boolean {
  try {
    return typeof a === 'string' && new Decimal(a).eq(new Decimal(b));
  } catch {
    return false;
  }
}

/** Every slot and the capital after step `i`, against the model; the first difference, or null. */
export function compareViews(i: number, m: LedgerModel, view: StepView): Mismatch | null {
  if (!sameDecimal(view.capital, m.account.capital.toFixed())) return { stepIndex: i, field: 'capital', expected: m.account.capital.toFixed(), actual: shown(view.capital) };
  if (view.slots.length !== m.slots.length) return { stepIndex: i, field: 'slots.length', expected: String(m.slots.length), actual: String(view.slots.length) };
  for (let slot = 0; slot < m.slots.length; slot++) {
    const got = view.slots[slot]!;
    if (got.slot_id !== slot) return { stepIndex: i, field: `slots[${slot}].slot_id`, expected: String(slot), actual: shown(got.slot_id) };
    const want = modelSlotView(m, slot);
    for (const [f, w] of Object.entries(want) as [SlotField, string | number | boolean][]) {
      const g = got[f];
      const same = DECIMAL_FIELDS.has(f) ? sameDecimal(g, w as string) : g === w;
      if (!same) return { stepIndex: i, field: `slot ${slot} ${f}`, expected: shown(w), actual: shown(g) };
    }
  }
  return null;
}

/** The protocol's columns of a command (kind, order, side, qty, price, reduce-only) against the model's. */
export function compareCommandViews(i: number, expected: readonly ExpectedCommand[], actual: readonly CommandView[]): Mismatch | null {
  const name = (kind: string, id: string) => `${kind} ${id}`;
  if (expected.length !== actual.length) {
    return {
      stepIndex: i, field: 'commands',
      expected: expected.map((c) => name(c.type === 'SubmitOrder' ? 'SUBMIT' : 'CANCEL', c.clientOrderId)).join('; ') || 'none',
      actual: actual.map((c) => name(c.kind, c.order_id)).join('; ') || 'none',
    };
  }
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k]!;
    const a = actual[k]!;
    const want: [keyof CommandView, string | boolean | null][] = e.type === 'SubmitOrder'
      ? [['kind', 'SUBMIT'], ['order_id', e.clientOrderId], ['side', e.orderSide], ['qty', e.qty.toFixed()], ['price', e.referencePrice.toFixed()], ['reduce_only', e.reduceOnly]]
      : [['kind', 'CANCEL'], ['order_id', e.clientOrderId], ['side', null], ['qty', null], ['price', null], ['reduce_only', null]];
    for (const [f, w] of want) {
      const g = a[f];
      const same = (f === 'qty' || f === 'price') && typeof w === 'string' ? sameDecimal(g, w) : g === w;
      if (!same) return { stepIndex: i, field: `command[${k}] ${String(want[0]![1])}.${f}`, expected: shown(w), actual: shown(g) };
    }
  }
  return null;
}
