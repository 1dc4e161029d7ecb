// Targeted actions for the rare reach cells: venue events for orders past their working life (stale acks and
// ends, late and over-fills, events for a replaced trade's orders) and intents that break two chosen rejection
// rules at once. A pair is planned, not hoped for: the slot is first brought to the stage (and the kernel to
// the mode) the two rules need, by ordinary symbolic actions, then the intent is built and the mode restored.
import { plain } from '../kernel/decimal.ts';
import type { DiagnosticCode } from '../kernel/diagnostics.ts';
import type { KernelInput, KernelIntent, KernelMode, KernelState } from '../kernel/types.ts';
import type { GateAction } from './actions.ts';
import { POSSIBLE_PAIRS, plannedLegIsZero, ruleOf, type ActionClass, type SlotClass } from './precedenceRules.ts';

/** What the executor remembers while resolving one run's actions into inputs. */
export interface GenMemory {
  tradeSeq: number;
  intentSeq: number;
  fillSeq: number;
  lastIntent: KernelIntent | null;
  lastFill: Map<number, KernelInput>;
  /** Every intent id generated so far (a duplicate must reuse one the kernel accepted). */
  readonly intentIds: string[];
  /** Every fill delivered per slot, oldest first: what a duplicate may re-deliver (`dupFill.back`). */
  readonly fills: Map<number, KernelInput[]>;
  /** Per key (`exit-next-leg`, `cancel`, `balance`), how often it was resolved: successive uses alternate forms. */
  readonly variants: Map<string, number>;
}

/** The last step of a planned pair: build the intent now, from the state the setup left. */
export interface PairNow {
  readonly k: 'pairNow';
  readonly pair: number;
  readonly action: ActionClass;
  readonly slot: number;
}
export type PlannedAction = GateAction | PairNow;

type Stale = Extract<GateAction, { k: 'stale' }>;

/** A venue event for an order of the slot's trade (any status) or, with `old`, of an earlier trade. */
export function staleEvent(a: Stale, state: KernelState, mem: GenMemory, tsMs: number): KernelInput | null {
  let orderId: string | null = null;
  if (a.old && mem.tradeSeq > 0) {
    orderId = `T${1 + (a.which % mem.tradeSeq)}:${a.which % 2 === 0 ? 'E' : 'X0'}`;
  } else {
    const n = state.slots.length;
    for (let i = 0; i < n && orderId === null; i++) {
      const t = state.slots[(a.slot + i) % n]?.trade;
      if (t) orderId = a.which % (t.exitOrderCount + 1) === 0 ? `${t.tradeId}:E` : `${t.tradeId}:X${(a.which % (t.exitOrderCount + 1)) - 1}`;
    }
  }
  const o = orderId ? state.orders.get(orderId) : undefined;
  if (!o) return null;
  switch (a.event) {
    case 'order_filled': {
      const step = state.config.instruments[o.asset]!.qtyStep;
      const leaves = o.qty.sub(o.filledQty);
      return { kind: 'order_filled', tsMs, orderId: o.orderId, fillId: `F${++mem.fillSeq}`, qty: plain(leaves.gt(0) ? leaves : step), price: plain(o.referencePrice), fee: '0' };
    }
    case 'order_rejected':
      return { kind: 'order_rejected', tsMs, orderId: o.orderId, venueCode: '-2011', message: 'gate: stale' };
    default:
      return { kind: a.event, tsMs, orderId: o.orderId };
  }
}

function classOf(state: KernelState, slot: number): SlotClass {
  const t = state.slots[slot]?.trade;
  return t ? t.stage : 'IDLE';
}

/** Symbolic steps that bring `slot` from its class to `target`, or null when they cannot. */
function setupSteps(state: KernelState, slot: number, target: SlotClass, cancelRequested: boolean, zeroLeg: boolean): GateAction[] | null {
  const from = classOf(state, slot);
  const t = state.slots[slot]?.trade ?? null;
  const free = from === 'IDLE' || from === 'CLOSED';
  const enter: GateAction = { k: 'enter', slot, side: 'LONG', asset: 0, sizeSteps: zeroLeg ? 50 : 100, priceTicks: 0, leverage: 2, plan: zeroLeg ? [1, 99] : [50, 50] };
  const fill: GateAction = { k: 'fill', slot, pct: 100, slipTicks: 0, feeBp: 0, over: false };
  const exit: GateAction = { k: 'exit', slot, pct: null, priceTicks: 0, exact: null };
  let steps: GateAction[] | null = null;
  if (zeroLeg) {
    steps = from === 'POSITION_OPEN' && t && plannedLegIsZero(t, state) ? [] : free ? [enter, fill] : null;
  } else if (from === target) {
    steps = [];
  } else if (target === 'ORDER_REQUESTED') {
    steps = free ? [enter] : null;
  } else if (target === 'POSITION_OPEN') {
    steps = from === 'ORDER_REQUESTED' ? [fill] : free ? [enter, fill] : null;
  } else if (target === 'EXIT_REQUESTED') {
    steps = from === 'POSITION_OPEN' ? [exit] : from === 'ORDER_REQUESTED' ? [fill, exit] : free ? [enter, fill, exit] : null;
  } else if (target === 'CLOSED') {
    steps = from === 'ORDER_REQUESTED' ? [{ k: 'end', slot, how: 'order_canceled' }] : free ? [enter, { k: 'end', slot, how: 'order_canceled' }] : null;
  }
  if (steps && cancelRequested) {
    const id = t && from === target ? (target === 'ORDER_REQUESTED' ? t.activeEntryOrder : t.activeExitOrder) : null;
    if (!(id && state.orders.get(id)?.cancelRequested)) steps = [...steps, { k: 'cancel', slot }];
  }
  return steps;
}

type BreakTwo = Extract<GateAction, { k: 'breakTwo' }>;

/** What each possible pair needs, worked out once: the actions and slot stages both rules share, the mode, the setup. */
const PAIR_NEEDS = POSSIBLE_PAIRS.map((pair) => {
  const ra = ruleOf(pair.first);
  const rb = ruleOf(pair.second);
  const has = (c: DiagnosticCode) => pair.first === c || pair.second === c;
  return {
    actions: ra.actions.filter((x) => rb.actions.includes(x)), slots: ra.slots.filter((x) => rb.slots.includes(x)), mode: ra.mode ?? rb.mode,
    cancelRequested: has('CANCEL_ALREADY_REQUESTED'), zeroLeg: has('LEG_SIZE_ZERO'),
  };
});

/** The inputs that make one intent break both rules of a pair: setup, mode, the intent, mode restored. */
export function planPair(a: BreakTwo, state: KernelState): PlannedAction[] {
  const { actions, slots, mode, cancelRequested, zeroLeg } = PAIR_NEEDS[a.pair % PAIR_NEEDS.length]!;
  const action = actions[a.variant % actions.length] ?? 'EXIT';
  const n = state.slots.length;
  let slot = a.slot % n;
  let setup: GateAction[] = [];
  if (slots.length === 1 && slots[0] === 'UNKNOWN') {
    slot = state.config.slotCount + 2;
  } else {
    let best: { slot: number; steps: GateAction[] } | null = null;
    for (let i = 0; i < n; i++) {
      const s = (a.slot + i) % n;
      for (const target of slots) {
        if (target === 'UNKNOWN') continue;
        const steps = target === 'IDLE' ? (classOf(state, s) === 'IDLE' ? [] : null) : setupSteps(state, s, target, cancelRequested, zeroLeg);
        if (steps && (!best || steps.length < best.steps.length)) best = { slot: s, steps };
      }
    }
    if (!best) return [{ k: 'pairNow', pair: a.pair, action, slot }];
    slot = best.slot;
    setup = best.steps;
  }
  const out: PlannedAction[] = [];
  let current: KernelMode = state.mode;
  const control = (m: KernelMode): GateAction => ({ k: 'control', mode: m });
  if (setup.length > 0 && (current === 'HALTED' || current === 'REDUCE_ONLY')) {
    out.push(control('NORMAL'));
    current = 'NORMAL';
  }
  out.push(...setup);
  if (mode && current !== mode) out.push(control(mode));
  out.push({ k: 'pairNow', pair: a.pair, action, slot });
  if ((mode ?? current) !== state.mode) out.push(control(state.mode));
  return out;
}

function seenIntentId(state: KernelState, mem: GenMemory): string {
  for (let i = mem.intentIds.length - 1; i >= 0; i--) if (state.seenIntentIds.has(mem.intentIds[i]!)) return mem.intentIds[i]!;
  return mem.intentIds[0] ?? 'I0';
}

function seenTradeId(state: KernelState, mem: GenMemory, slotTrade: string | undefined): string {
  if (slotTrade) return slotTrade;
  for (let k = mem.tradeSeq; k >= 1; k--) if (state.seenTradeIds.has(`T${k}`)) return `T${k}`;
  return 'T1';
}

/** The intent of a planned pair, built against the state now: a valid intent of the action, then both rules broken. */
export function pairIntent(p: PairNow, state: KernelState, mem: GenMemory, tsMs: number): KernelInput {
  const pair = POSSIBLE_PAIRS[p.pair % POSSIBLE_PAIRS.length]!;
  const has = (c: DiagnosticCode) => pair.first === c || pair.second === c;
  const t = state.slots[p.slot]?.trade ?? null;
  const enter = p.action === 'ENTER';
  const i: Record<string, unknown> = {
    intentId: `I${++mem.intentSeq}`, tradeId: enter || !t ? `T${++mem.tradeSeq}` : t.tradeId, slotId: p.slot,
    asset: !enter && t ? t.asset : 'BTCUSDT', side: !enter && t ? t.side : 'LONG', action: p.action === 'OTHER' ? 'FLIP' : p.action,
    referencePrice: '100', targetSize: enter ? '0.1' : null, leverage: enter ? '2' : '1', exitLegRatios: enter ? ['1'] : [], reason: `PAIR:${pair.first}>${pair.second}`,
  };
  mem.intentIds.push(i['intentId'] as string);
  let ts = tsMs;
  if (has('INVALID_INPUT')) i['reason'] = 7;
  if (has('INVALID_TIMESTAMP')) ts = -1;
  if (has('DUPLICATE_INTENT')) i['intentId'] = seenIntentId(state, mem);
  if (has('INVALID_INTENT_ID')) i[has('DUPLICATE_INTENT') ? 'tradeId' : 'intentId'] = '';
  if (has('UNKNOWN_ASSET')) i['asset'] = 'DOGEUSDT';
  if (has('INVALID_SIDE')) i['side'] = 'FLAT';
  if (has('INVALID_PRICE')) i['referencePrice'] = 'NaN';
  if (has('OFF_GRID_PRICE')) i['referencePrice'] = '100.005';
  if (has('INVALID_SIZE')) i['targetSize'] = '-0.5';
  else if (has('BELOW_MIN_QTY')) i['targetSize'] = '0.0005';
  else if (has('OFF_GRID_SIZE')) i['targetSize'] = has('BELOW_MIN_NOTIONAL') ? '0.0105' : '0.1005';
  else if (has('BELOW_MIN_NOTIONAL')) i['targetSize'] = '0.01';
  if (has('INVALID_LEVERAGE')) i['leverage'] = '0';
  if (has('INSUFFICIENT_MARGIN')) i['leverage'] = '0.00000001';
  if (has('INVALID_EXIT_RATIOS')) i['exitLegRatios'] = ['0.5', '1.0'];
  if (has('TRADE_ID_MISMATCH') && i['tradeId'] !== '') i['tradeId'] = 'T-nobody';
  if (has('DUPLICATE_TRADE_ID')) i['tradeId'] = seenTradeId(state, mem, t?.tradeId);
  if (has('ASSET_MISMATCH') && i['asset'] !== 'DOGEUSDT') i['asset'] = t?.asset === 'ETHUSDT' ? 'BTCUSDT' : 'ETHUSDT';
  if (has('SIDE_MISMATCH') && i['side'] !== 'FLAT') i['side'] = t?.side === 'SHORT' ? 'LONG' : 'SHORT';
  const intent = i as unknown as KernelIntent;
  mem.lastIntent = intent;
  return { kind: 'intent', tsMs: ts, intent };
}
