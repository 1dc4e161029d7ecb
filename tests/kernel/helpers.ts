// Builders for kernel tests: intents and venue events with sensible defaults, and a runner over plain steps.
import { initialState, makeConfig, step } from '../../src/kernel/index.ts';
import type { KernelInput, KernelIntent, KernelState, StepResult } from '../../src/kernel/index.ts';

let counter = 0;
const nextId = (p: string) => `${p}-${++counter}`;

export function intent(over: Partial<KernelIntent> & Pick<KernelIntent, 'action'>): KernelInput {
  const base: KernelIntent = {
    intentId: nextId(over.action), tradeId: 'T1', slotId: 0, asset: 'BTCUSDT', side: 'LONG', action: over.action,
    referencePrice: '100', targetSize: over.action === 'ENTER' ? '1' : null, leverage: '2', exitLegRatios: ['1'], reason: 'TEST',
  };
  return { kind: 'intent', tsMs: 1_000, intent: { ...base, ...over } };
}

export const enter = (over: Partial<KernelIntent> = {}) => intent({ action: 'ENTER', ...over });
export const exit = (over: Partial<KernelIntent> = {}) => intent({ action: 'EXIT', ...over });
export const cancel = (over: Partial<KernelIntent> = {}) => intent({ action: 'CANCEL', ...over });

export const ack = (orderId: string): KernelInput => ({ kind: 'order_accepted', tsMs: 1_000, orderId });
export const fill = (orderId: string, qty: string, price: string, fee = '0', fillId = nextId('fill')): KernelInput =>
  ({ kind: 'order_filled', tsMs: 1_000, orderId, fillId, qty, price, fee });
export const canceled = (orderId: string): KernelInput => ({ kind: 'order_canceled', tsMs: 1_000, orderId });
export const expired = (orderId: string): KernelInput => ({ kind: 'order_expired', tsMs: 1_000, orderId });
export const rejected = (orderId: string, venueCode = '-2019'): KernelInput => ({ kind: 'order_rejected', tsMs: 1_000, orderId, venueCode, message: 'test' });
export const balance = (b: string): KernelInput => ({ kind: 'balance_reported', tsMs: 1_000, balance: b });
export const control = (mode: string, verbosity = 'INFO'): KernelInput => ({ kind: 'control_changed', tsMs: 1_000, mode, verbosity } as KernelInput);

export function fresh(slotCount = 2, initialCapital = '25000'): KernelState {
  return initialState(makeConfig({ slotCount, initialCapital }));
}

/** Applies inputs in order; throws if any is rejected unless `allowRejects`. Returns the final state and every result. */
export function apply(state: KernelState, inputs: readonly KernelInput[], allowRejects = false): { state: KernelState; results: StepResult[] } {
  const results: StepResult[] = [];
  let s = state;
  for (const input of inputs) {
    const r = step(s, input);
    if (!allowRejects && !r.outcome.accepted) {
      throw new Error(`setup input rejected: ${r.outcome.diagnosticCode} ${JSON.stringify(r.outcome.details)}`);
    }
    results.push(r);
    s = r.state;
  }
  return { state: s, results };
}

/** A trade in POSITION_OPEN: ENTER `size` @`price`, fully filled. */
export function openPosition(over: Partial<KernelIntent> = {}, state = fresh()): KernelState {
  const e = enter(over);
  const i = (e as Extract<KernelInput, { kind: 'intent' }>).intent;
  return apply(state, [e, ack(`${i.tradeId}:E`), fill(`${i.tradeId}:E`, String(i.targetSize), String(i.referencePrice))]).state;
}

export function trade(state: KernelState, slotId = 0) {
  const t = state.slots[slotId]?.trade;
  if (!t) throw new Error(`slot ${slotId} has no trade`);
  return t;
}
