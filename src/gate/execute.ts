// Turns a generated case into a trace: resolves each symbolic action against the kernel's current state into a
// concrete KernelInput, steps the system under test, then writes its rows. Replays run concrete inputs directly.
import type { StepRecord } from '../driver/driver.ts';
import { Decimal, bookMoney, plain, truncToStep } from '../kernel/decimal.ts';
import { initialState } from '../kernel/state.ts';
import { KernelAssertionError } from '../kernel/stepContext.ts';
import { step } from '../kernel/step.ts';
import { malformedStepResult, STEP_CONTRACT_ID } from './stepContract.ts';
import type { KernelConfig, KernelInput, KernelIntent, KernelMode, KernelState, Order, Trade } from '../kernel/types.ts';
import type { RunTrace } from '../invariants/invariant.ts';
import type { GateAction } from './actions.ts';
import { REFERENCE, type SystemUnderTest } from './systemUnderTest.ts';
import { executeBlackBox } from './blackBox.ts';
import { pairIntent, planPair, staleEvent, type GenMemory, type PlannedAction } from './targeted.ts';

const ASSETS = ['BTCUSDT', 'ETHUSDT'] as const;
const BASE_PRICE = new Decimal(100);

/** A failure of the system itself (it threw): reported as a violation of the named invariant. */
export interface SystemFault {
  readonly invariantId: string;
  readonly message: string;
  readonly stepIndex: number;
}

export interface Execution {
  readonly trace: RunTrace;
  readonly inputs: readonly KernelInput[];
  readonly fault: SystemFault | null;
}

type Model = GenMemory;

function tradeIn(state: KernelState, slot: number): Trade | null {
  return state.slots[slot]?.trade ?? null;
}

/** The preferred slot if it fits, else the next one that does (so few actions resolve to nothing). */
function pickSlot(state: KernelState, preferred: number, fits: (slot: number) => boolean): number {
  const n = state.slots.length;
  for (let i = 0; i < n; i++) {
    const slot = (preferred + i) % n;
    if (fits(slot)) return slot;
  }
  return preferred;
}

function workingOrder(state: KernelState, slot: number): Order | null {
  const t = tradeIn(state, slot);
  const id = t?.stage === 'ORDER_REQUESTED' ? t.activeEntryOrder : t?.stage === 'EXIT_REQUESTED' ? t.activeExitOrder : null;
  return id ? state.orders.get(id) ?? null : null;
}

function endedOrderWithLeaves(state: KernelState, slot: number): Order | null {
  const t = tradeIn(state, slot);
  if (!t || t.closed) return null;
  for (const o of state.orders.values()) {
    if (o.tradeId === t.tradeId && (o.status === 'CANCELED' || o.status === 'EXPIRED' || o.status === 'REJECTED') && o.filledQty.lt(o.qty)) return o;
  }
  return null;
}

function priceOf(config: KernelConfig, asset: string, ticks: number): Decimal {
  const tick = config.instruments[asset]?.priceTick ?? new Decimal('0.1');
  const p = BASE_PRICE.add(tick.mul(ticks));
  return p.gt(0) ? p : tick;
}

/** Resolves one symbolic action into a concrete input, or null when it has nothing to act on. */
function resolve(action: GateAction, state: KernelState, model: Model, tsMs: number): KernelInput | null {
  const a = action;
  const config = state.config;
  const intent = (fields: Omit<KernelIntent, 'intentId'>): KernelInput => {
    // Same fields in the same order as a spread would give (intentId first), built without one.
    const i: KernelIntent = Object.assign({ intentId: `I${++model.intentSeq}` }, fields);
    model.lastIntent = i;
    model.intentIds.push(i.intentId);
    return { kind: 'intent', tsMs, intent: i };
  };
  switch (a.k) {
    case 'enter': {
      const asset = ASSETS[a.asset] ?? 'BTCUSDT';
      const step = config.instruments[asset]!.qtyStep;
      return intent({
        tradeId: `T${++model.tradeSeq}`, slotId: a.slot, asset, side: a.side, action: 'ENTER', referencePrice: plain(priceOf(config, asset, a.priceTicks)),
        targetSize: plain(step.mul(a.sizeSteps)), leverage: String(a.leverage), exitLegRatios: a.plan.map((p) => plain(new Decimal(p).div(100))), reason: 'GATE',
      });
    }
    case 'exit': {
      const slot = pickSlot(state, a.slot, (i) => tradeIn(state, i)?.stage === 'POSITION_OPEN');
      const t = tradeIn(state, slot);
      if (!t) return null;
      const step = config.instruments[t.asset]!.qtyStep;
      let targetSize: string | null = null;
      if (a.exact !== null) {
        const sizes = { remainder: t.size, 'remainder+step': t.size.add(step), 'remainder-step': t.size.sub(step), double: t.size.mul(2), triple: t.size.mul(3), 'below-min': step.mul(10) };
        const q = sizes[a.exact];
        targetSize = plain(q.gt(0) ? q : step);
      } else if (a.pct !== null) {
        const q = truncToStep(t.size.mul(a.pct).div(100), step);
        targetSize = plain(q.gt(0) ? q : step);
      }
      const exitIntent = { tradeId: t.tradeId, slotId: slot, asset: t.asset, side: t.side, action: 'EXIT' as const, referencePrice: plain(priceOf(config, t.asset, a.priceTicks)), targetSize, leverage: '1', exitLegRatios: [], reason: `TP${t.activeLegIndex + 1}` };
      // "The next leg of the plan" arrives as targetSize null or with no targetSize at all (spec/kernel.md §3): both, in turn.
      if (targetSize === null && variant(model, 'exit-next-leg') % 2 === 1) {
        const { targetSize: _absent, ...noSize } = exitIntent;
        return intent(noSize as unknown as Omit<KernelIntent, 'intentId'>);
      }
      return intent(exitIntent);
    }
    case 'cancel': {
      const slot = pickSlot(state, a.slot, (i) => workingOrder(state, i) !== null);
      const t = tradeIn(state, slot);
      if (!t) return null;
      // CANCEL reads only its ids and slot (spec/kernel.md §3): every other use sends nonsense in the other fields.
      const junk = variant(model, 'cancel') % 2 === 1;
      return intent({
        tradeId: t.tradeId, slotId: slot, asset: junk ? '' : t.asset, side: junk ? ('FLAT' as KernelIntent['side']) : t.side, action: 'CANCEL',
        referencePrice: junk ? 'n/a' : '1', targetSize: junk ? '-1' : null, leverage: '1', exitLegRatios: [], reason: 'CANCEL',
      });
    }
    case 'ack': {
      const o = workingOrder(state, pickSlot(state, a.slot, (i) => workingOrder(state, i)?.status === 'PENDING_NEW'));
      return o ? { kind: 'order_accepted', tsMs, orderId: o.orderId } : null;
    }
    case 'fill':
    case 'lateFill': {
      const find = a.k === 'fill' ? workingOrder : endedOrderWithLeaves;
      const slot = pickSlot(state, a.slot, (i) => find(state, i) !== null);
      const o = find(state, slot);
      if (!o) return null;
      const step = config.instruments[o.asset]!.qtyStep;
      const leaves = o.qty.sub(o.filledQty);
      let qty = truncToStep(leaves.mul(a.pct).div(100), step);
      if (qty.lte(0)) qty = step;
      if (a.k === 'fill' && a.over) qty = leaves.add(step.mul(3));
      const slipped = o.referencePrice.add(config.instruments[o.asset]!.priceTick.mul(a.k === 'fill' ? a.slipTicks : 0));
      const px = slipped.gt(0) ? slipped : o.referencePrice;
      const fee = a.k === 'fill' ? bookMoney(qty.mul(px).mul(a.feeBp).div(10_000)) : new Decimal(0);
      const input: KernelInput = { kind: 'order_filled', tsMs, orderId: o.orderId, fillId: `F${++model.fillSeq}`, qty: plain(qty), price: plain(px), fee: plain(fee) };
      model.lastFill.set(slot, input);
      model.fills.set(slot, [...(model.fills.get(slot) ?? []), input]);
      return input;
    }
    case 'dupFill': {
      // `back` counts among the fills of the order the slot's latest fill went to (the oldest when it had fewer):
      // a duplicate that arrives after later fills of its own order.
      const latest = model.lastFill.get(a.slot);
      if (!latest || latest.kind !== 'order_filled') return null;
      const ofOrder = (model.fills.get(a.slot) ?? []).filter((f) => f.kind === 'order_filled' && f.orderId === latest.orderId);
      const last = ofOrder[Math.max(0, ofOrder.length - 1 - a.back)] ?? latest;
      return a.fresh && last.kind === 'order_filled' ? { ...last, tsMs, fillId: `F${++model.fillSeq}` } : { ...last, tsMs };
    }
    case 'end': {
      const o = workingOrder(state, pickSlot(state, a.slot, (i) => workingOrder(state, i) !== null));
      if (!o) return null;
      return a.how === 'order_rejected' ? { kind: 'order_rejected', tsMs, orderId: o.orderId, venueCode: o.purpose === 'EXIT' ? '-2022' : '-2019', message: 'gate' } : { kind: a.how, tsMs, orderId: o.orderId };
    }
    case 'balance': {
      // Every third report agrees with the kernel's capital exactly (OK rather than BALANCE_DRIFT).
      const exact = variant(model, 'balance') % 3 === 2;
      return { kind: 'balance_reported', tsMs, balance: plain(state.account.capital.add(exact ? 0 : new Decimal(a.driftCents).div(100))) };
    }
    case 'control':
      return { kind: 'control_changed', tsMs, mode: a.mode, verbosity: 'INFO' };
    case 'invalid':
      return invalidInput(a.rule, a.shape, a.slot, state, model, tsMs, intent);
    case 'stale':
      return staleEvent(a, state, model, tsMs);
    case 'breakTwo':
      // expanded into its plan by executeActions before it gets here
      return null;
  }
}

/** How often `key` was resolved before in this run: successive uses alternate between a resolution's forms. */
function variant(model: Model, key: string): number {
  const n = model.variants.get(key) ?? 0;
  model.variants.set(key, n + 1);
  return n;
}

/** The n-th shape of a rule (a draw past the rule's last shape wraps around). */
function pick<T>(n: number, shapes: readonly T[]): T {
  return shapes[n % shapes.length] as T;
}

/** The same object without `key` at all (JSON keeps no `undefined`, so an absent field must really be absent). */
function without<T extends object>(x: T, key: keyof T): T {
  const { [key]: _gone, ...rest } = x;
  return rest as T;
}

function invalidInput(rule: string, n: number, slot: number, state: KernelState, model: Model, tsMs: number, intent: (f: Omit<KernelIntent, 'intentId'>) => KernelInput): KernelInput {
  const t = tradeIn(state, slot);
  const base: Omit<KernelIntent, 'intentId'> = {
    tradeId: t?.tradeId ?? `T${model.tradeSeq + 1}`, slotId: slot, asset: t?.asset ?? 'BTCUSDT', side: t?.side ?? 'LONG',
    action: t && !t.closed ? 'EXIT' : 'ENTER', referencePrice: '100', targetSize: '0.1', leverage: '2', exitLegRatios: ['1'], reason: `INVALID:${rule}`,
  };
  // Each rule has several shapes breaking the same rule: every branch of its check (a wrong type as well as a wrong
  // value), its boundary, and the values the row writer must carry through as received (a slot id just inside and
  // just outside Int32, a field absent, an object where text belongs). `n`, the action's `shape`, picks one; shape 0,
  // where shrinking ends, is the plainest.
  const junk = <T,>(x: T) => x as never;
  const fresh = () => `I${++model.intentSeq}`;
  switch (rule) {
    case 'nan-price': return intent({ ...base, referencePrice: pick(n, ['NaN', '-1', junk(null), '0', 'Infinity', junk({ px: 1 }), junk(true)]) });
    case 'negative-size': return pick(n, [0, 1]) === 0 ? intent({ ...base, targetSize: '-0.5' }) : intent({ ...base, action: 'ENTER', targetSize: null });
    case 'off-grid-price': return intent({ ...base, referencePrice: '100.005' });
    case 'unknown-slot': return intent({
      ...base,
      slotId: pick(n, [state.config.slotCount + 2, state.config.slotCount, -1, 1.5, junk('1'), 2 ** 31 - 1, 2 ** 31, -(2 ** 31) + 1, -(2 ** 31), 2 ** 53, junk(null)]),
    });
    case 'trade-mismatch': return intent({ ...base, action: 'EXIT', tradeId: 'T-nobody' });
    case 'zero-leverage': return intent({ ...base, action: 'ENTER', leverage: pick(n, ['0', 'NaN', junk(null), '-2']) });
    case 'ratios-past-one': return intent({ ...base, action: 'ENTER', exitLegRatios: pick<unknown[]>(n, [['0.5', '1.0'], [], ['-0.5'], ['x', '0.5'], ['0.5', null], [0.75, 0.5], ['0'], [{ r: 1 }]]) as string[] });
    case 'unknown-action': return intent({ ...base, action: pick(n, ['FLIP', junk(5), junk(null), 'enter']) as KernelIntent['action'] });
    case 'unknown-order': return pick<KernelInput>(n, [
      { kind: 'order_canceled', tsMs, orderId: 'nobody:E' },
      { kind: 'order_accepted', tsMs, orderId: junk(5) },
      { kind: 'order_filled', tsMs, orderId: 'nobody:X0', fillId: `F${++model.fillSeq}`, qty: '1', price: '100', fee: '0' },
      { kind: 'order_accepted', tsMs, orderId: 'nobody:E' },
      { kind: 'order_filled', tsMs, orderId: junk(null), fillId: `F${++model.fillSeq}`, qty: '1', price: '100', fee: '0' },
      junk({ kind: 'order_expired', tsMs }),
      { kind: 'order_rejected', tsMs, orderId: junk({ id: 'T1:E' }), venueCode: '-2011', message: 'gate' },
      { kind: 'order_expired', tsMs, orderId: 'nobody:X3' },
      // An input of another kind carrying an intent: extra fields are ignored, and it writes no intent rows.
      junk({ kind: 'order_canceled', tsMs, orderId: 'nobody:E', intent: { ...base, intentId: fresh() } }),
    ]);
    case 'unknown-asset': return intent({ ...base, asset: pick(n, ['DOGEUSDT', 'toString', junk(7), junk(null), '', '__proto__']) });
    case 'invalid-side': return intent({ ...base, side: pick(n, ['FLAT', junk(null), 'long', junk(1)]) as KernelIntent['side'] });
    case 'off-grid-size': return intent({ ...base, targetSize: '0.0005' });
    case 'asset-mismatch': return intent({ ...base, action: 'EXIT', asset: base.asset === 'BTCUSDT' ? 'ETHUSDT' : 'BTCUSDT', referencePrice: '100' });
    case 'side-mismatch': return intent({ ...base, action: 'EXIT', side: base.side === 'LONG' ? 'SHORT' : 'LONG' });
    case 'nan-fill': {
      const o = workingOrder(state, slot);
      if (!o) return intent({ ...base, referencePrice: 'NaN' });
      const fill = { kind: 'order_filled' as const, tsMs, orderId: o.orderId, fillId: `F${++model.fillSeq}`, qty: '0.001', price: '100', fee: '0' };
      return pick<KernelInput>(n, [
        { ...fill, qty: 'NaN' }, { ...fill, price: '0' }, { ...fill, fee: 'x' }, { ...fill, fillId: '' }, { ...fill, qty: '-1' }, { ...fill, fillId: junk(5) },
        { ...fill, price: '-100' }, { ...fill, price: junk(null) }, { ...fill, fee: 'Infinity' }, { ...fill, fee: junk(null) }, without(fill, 'fillId'),
        { ...fill, qty: '0' },
      ]);
    }
    case 'nan-balance': return { kind: 'balance_reported', tsMs, balance: pick(n, ['NaN', 'abc', 'Infinity', junk(null), junk({ usd: 1 })]) };
    case 'bad-mode': return pick<KernelInput>(n, [
      { kind: 'control_changed', tsMs, mode: 'TURBO' as KernelMode, verbosity: 'INFO' },
      { kind: 'control_changed', tsMs, mode: 'NORMAL', verbosity: junk('LOUD') },
      { kind: 'control_changed', tsMs, mode: junk(null), verbosity: 'TRACE' },
    ]);
    case 'reused-trade-id': return intent({ ...base, action: 'ENTER', slotId: slot, tradeId: model.tradeSeq > 0 ? 'T1' : 'T0' });
    case 'bad-timestamp': return pick<KernelInput>(n, [
      { kind: 'balance_reported', tsMs: -1, balance: '1' },
      { kind: 'balance_reported', tsMs: 1.5, balance: '1' },
      { kind: 'balance_reported', tsMs: junk('7'), balance: '1' },
      { kind: 'balance_reported', tsMs: junk(null), balance: '1' },
      { kind: 'balance_reported', tsMs: 2 ** 53, balance: '1' },
      junk({ kind: 'balance_reported', balance: '1' }),
      { kind: 'intent', tsMs: tsMs + 0.5, intent: { intentId: fresh(), ...base } },
    ]);
    case 'empty-intent-id': return { kind: 'intent', tsMs, intent: pick<KernelIntent>(n, [
      { ...base, intentId: '' }, { ...base, intentId: junk(7) }, { ...base, intentId: fresh(), tradeId: '' }, { ...base, intentId: fresh(), tradeId: junk(7) },
      without({ ...base, intentId: '' }, 'intentId'), { ...base, intentId: fresh(), tradeId: junk(null) },
    ]) };
    case 'not-an-input': return pick<KernelInput>(n, [
      junk({ kind: 'teleport', tsMs }),
      junk({ kind: 'intent', tsMs, intent: 5 }),
      junk({ kind: 'intent', tsMs, intent: null }),
      junk({ kind: 'intent', tsMs, intent: [base] }),
      junk({ kind: 'intent', tsMs, intent: { ...base, intentId: fresh(), reason: 7 } }),
      junk({ kind: 'intent', tsMs, intent: { ...base, intentId: fresh(), exitLegRatios: '1' } }),
      junk({ kind: '', tsMs }),
      junk({ kind: 5, tsMs }),
      junk({ tsMs }),
      junk({ kind: 'intent', tsMs, intent: without({ ...base, intentId: fresh() }, 'reason') }),
      junk({ kind: 'intent', tsMs, intent: { ...base, intentId: fresh(), reason: { why: 'x' } } }),
      junk({ kind: 'intent', tsMs, intent: { ...base, intentId: fresh(), reason: null } }),
      junk({ kind: 'intent', tsMs, intent: without({ ...base, intentId: fresh() }, 'exitLegRatios') }),
      junk({ kind: 'intent', tsMs, intent: 'ENTER' }),
      junk({ kind: 'INTENT', tsMs }),
      junk({ kind: ['intent'], tsMs }),
    ]);
    default: {
      const last = model.lastIntent;
      return last ? { kind: 'intent', tsMs, intent: last } : intent({ ...base, referencePrice: 'Infinity' });
    }
  }
}

/**
 * The gate's clock: inputs one second apart, and every fifth 2 h 5 min 7 s later, starting two seconds before a
 * midnight. So a run's rows cross midnight at its third input exactly (00:00:00.000, right after two rows of the
 * day before: the writer's day boundary), and within its first thirty inputs the hour, the minute and the second
 * each take the value 10 (the writer's two-digit boundary) as well as single digits.
 */
export const GATE_EPOCH_MS = Date.UTC(2026, 4, 25, 23, 59, 58);
export function tsOf(index: number): number {
  return GATE_EPOCH_MS + index * 1000 + Math.floor(index / 5) * 7_507_000;
}

export interface StepHooks {
  /** Called with each concrete input just before the system steps it: the watchdog's heartbeat. */
  readonly beforeStep?: (input: KernelInput, index: number) => void;
}

function runInputs(
  sut: SystemUnderTest, config: KernelConfig, next: (state: KernelState, index: number) => KernelInput | null | undefined, maxInputs: number,
  hooks?: StepHooks,
): Execution {
  let state = initialState(config);
  const records: StepRecord[] = [];
  const inputs: KernelInput[] = [];
  let fault: SystemFault | null = null;
  for (let i = 0; i < maxInputs; i++) {
    const input = next(state, records.length);
    if (input === undefined) break;
    if (input === null) continue;
    hooks?.beforeStep?.(input, records.length);
    try {
      const result = sut.step(state, input);
      const malformed = sut.step === step ? null : malformedStepResult(result);
      if (malformed) {
        // An async step's rejection must not surface later as an unhandled rejection.
        if (typeof (result as { then?: unknown } | null)?.then === 'function') (result as unknown as Promise<unknown>).then(undefined, () => undefined);
        inputs.push(input);
        fault = { invariantId: STEP_CONTRACT_ID, message: `${sut.name}: step ${malformed}`, stepIndex: records.length };
        break;
      }
      records.push({ index: records.length, origin: 'external', input, before: state, result });
      inputs.push(input);
      state = result.state;
    } catch (e) {
      inputs.push(input);
      const err = e as Error;
      const id = e instanceof KernelAssertionError ? (/^(INV-[A-Z0-9-]+)/.exec(err.message)?.[1] ?? 'INV-K-NEVER-THROWS') : 'INV-K-NEVER-THROWS';
      fault = { invariantId: id, message: `${sut.name} threw ${err.name}: ${err.message}`, stepIndex: records.length };
      break;
    }
  }
  let rows = null;
  if (sut.writeRows && !fault) {
    try {
      rows = sut.writeRows(records);
    } catch (e) {
      fault = { invariantId: 'INV-R-SCHEMA-VALID', message: `the row writer threw ${(e as Error).name}: ${(e as Error).message}`, stepIndex: records.length };
    }
  }
  return { trace: { config, records, rows }, inputs, fault };
}

/** Inputs one action may expand into at most (a planned pair: mode, setup, the intent, mode restored). */
const INPUTS_PER_ACTION_MAX = 7;

export function executeActions(sut: SystemUnderTest, config: KernelConfig, actions: readonly GateAction[], hooks?: StepHooks): Execution {
  // A black box: the actions resolve against the reference (the spec), the kernel gets the resulting inputs.
  if (sut.blackBox) return executeBlackBox(sut.blackBox, config, executeActions(REFERENCE, config, actions));
  const model: Model = { tradeSeq: 0, intentSeq: 0, fillSeq: 0, lastIntent: null, lastFill: new Map(), intentIds: [], fills: new Map(), variants: new Map() };
  let cursor = 0;
  // A planned pair expands into several actions, each resolved against the state its predecessor left.
  const queue: PlannedAction[] = [];
  return runInputs(sut, config, (state, index) => {
    let a: PlannedAction | undefined = queue.shift();
    if (a === undefined) {
      a = actions[cursor++];
      if (a === undefined) return undefined;
      // A second CANCEL for an order whose cancel is already requested (CANCEL_ALREADY_REQUESTED) needs the first.
      if (a.k === 'invalid' && a.rule === 'cancel-again') {
        queue.push({ k: 'cancel', slot: a.slot }, { k: 'cancel', slot: a.slot });
        a = queue.shift()!;
      }
      if (a.k === 'breakTwo') {
        queue.push(...planPair(a, state));
        a = queue.shift();
        if (a === undefined) return null;
      }
    }
    return a.k === 'pairNow' ? pairIntent(a, state, model, tsOf(index)) : resolve(a, state, model, tsOf(index));
  }, actions.length * INPUTS_PER_ACTION_MAX, hooks);
}

export function executeInputs(sut: SystemUnderTest, config: KernelConfig, inputs: readonly KernelInput[], hooks?: StepHooks): Execution {
  if (sut.blackBox) return executeBlackBox(sut.blackBox, config, executeInputs(REFERENCE, config, inputs));
  let cursor = 0;
  return runInputs(sut, config, () => inputs[cursor++], inputs.length, hooks);
}

