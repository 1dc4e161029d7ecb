// One-line, human-readable descriptions of inputs, outcomes and slots, for tables and counterexamples.
import { plain, show, toDecimal } from '../kernel/decimal.ts';
import type { KernelInput, KernelOutcome, KernelState } from '../kernel/types.ts';

function dec(x: unknown): string {
  const d = toDecimal(x);
  return d ? (d.isFinite() ? plain(d) : d.toString()) : safeJson(x);
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? show(x);
  } catch {
    return show(x);
  }
}

/** Any value as text: inputs come from files and other processes, so no field is trusted to have its type. */
const t = (x: unknown): string => (typeof x === 'string' ? x : x !== null && typeof x === 'object' ? safeJson(x) : show(x));

export function describeInput(input: KernelInput): string {
  const raw = input as unknown as Record<string, unknown>;
  switch (input.kind) {
    case 'intent': {
      const i = raw['intent'];
      if (i === null || typeof i !== 'object') return `intent ${safeJson(i)}`;
      const r = i as Record<string, unknown>;
      const size = r['targetSize'] === null || r['targetSize'] === undefined ? 'plan' : dec(r['targetSize']);
      if (r['action'] === 'CANCEL') return `CANCEL ${t(r['tradeId'])} slot ${t(r['slotId'])} [${t(r['intentId'])}]`;
      const ratios = r['exitLegRatios'];
      const legs = Array.isArray(ratios) ? ratios.map(dec).join('/') : safeJson(ratios);
      const extra = r['action'] === 'ENTER' ? ` x${dec(r['leverage'])} legs ${legs}` : '';
      return `${t(r['action'])} ${t(r['tradeId'])} slot ${t(r['slotId'])} ${t(r['side'])} ${size} @${dec(r['referencePrice'])}${extra} [${t(r['intentId'])}]`;
    }
    case 'order_accepted':
      return `venue ack ${t(raw['orderId'])}`;
    case 'order_filled':
      return `venue fill ${t(raw['orderId'])} ${dec(raw['qty'])} @${dec(raw['price'])} fee ${dec(raw['fee'])} [${t(raw['fillId'])}]`;
    case 'order_rejected':
      return `venue reject ${t(raw['orderId'])} ${t(raw['venueCode'])}`;
    case 'order_canceled':
      return `venue canceled ${t(raw['orderId'])}`;
    case 'order_expired':
      return `venue expired ${t(raw['orderId'])}`;
    case 'balance_reported':
      return `balance report ${dec(raw['balance'])}`;
    case 'control_changed':
      return `control ${t(raw['mode'])}/${t(raw['verbosity'])}`;
    default:
      return `input ${safeJson(raw['kind'])}`;
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
