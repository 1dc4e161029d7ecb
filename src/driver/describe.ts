// One-line, human-readable descriptions of inputs, outcomes and slots, for tables and counterexamples.
import { plain, toDecimal } from '../kernel/decimal.ts';
import type { KernelInput, KernelOutcome, KernelState } from '../kernel/types.ts';

function dec(x: unknown): string {
  const d = toDecimal(x);
  return d ? (d.isFinite() ? plain(d) : d.toString()) : JSON.stringify(x);
}

export function describeInput(input: KernelInput): string {
  switch (input.kind) {
    case 'intent': {
      const i = input.intent;
      const size = i.targetSize === null || i.targetSize === undefined ? 'plan' : dec(i.targetSize);
      if (i.action === 'CANCEL') return `CANCEL ${i.tradeId} slot ${i.slotId} [${i.intentId}]`;
      const extra = i.action === 'ENTER' ? ` x${dec(i.leverage)} legs ${(i.exitLegRatios ?? []).map(dec).join('/')}` : '';
      return `${String(i.action)} ${i.tradeId} slot ${i.slotId} ${i.side} ${size} @${dec(i.referencePrice)}${extra} [${i.intentId}]`;
    }
    case 'order_accepted':
      return `venue ack ${input.orderId}`;
    case 'order_filled':
      return `venue fill ${input.orderId} ${dec(input.qty)} @${dec(input.price)} fee ${dec(input.fee)} [${input.fillId}]`;
    case 'order_rejected':
      return `venue reject ${input.orderId} ${input.venueCode}`;
    case 'order_canceled':
      return `venue canceled ${input.orderId}`;
    case 'order_expired':
      return `venue expired ${input.orderId}`;
    case 'balance_reported':
      return `balance report ${dec(input.balance)}`;
    case 'control_changed':
      return `control ${input.mode}/${input.verbosity}`;
  }
}

export function describeOutcome(outcome: KernelOutcome): string {
  const verdict = outcome.accepted ? 'accepted' : 'rejected';
  return outcome.diagnosticCode === 'OK' ? verdict : `${verdict} ${outcome.diagnosticCode}`;
}

/** Compact state of one slot: `T1 EXIT_REQUESTED 0.5/1 pnl 5`. */
export function describeSlot(state: KernelState, slotId: number): string {
  const t = state.slots[slotId]?.trade;
  if (!t) return 'IDLE';
  return `${t.tradeId} ${t.stage} ${plain(t.size)}/${plain(t.initialSize)} pnl ${plain(t.realizedPnl)}`;
}
