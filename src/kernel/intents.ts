// ENTER, EXIT and CANCEL: validation in the documented precedence, then the accepted effect.
import { Decimal, ONE, ZERO, isOnGrid, isPositiveFinite, plain, show, toDecimal, truncToStep } from './decimal.ts';
import type { DiagnosticCode } from './diagnostics.ts';
import { freeCapital } from './state.ts';
import { accept, commit, reject, transition, type Draft, type StepContext } from './stepContext.ts';
import type { Action, Instrument, KernelIntent, KernelState, Order, Side, StepResult, Trade } from './types.ts';

const ACTIONS: readonly Action[] = ['ENTER', 'EXIT', 'CANCEL'];
const SIDES: readonly Side[] = ['LONG', 'SHORT'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

interface Checked {
  readonly intent: KernelIntent;
  readonly slotId: number;
  readonly instrument: Instrument | null;
  readonly price: Decimal;
  readonly size: Decimal | null;
  readonly leverage: Decimal;
  readonly ratios: readonly Decimal[];
}

type Check = { ok: true; value: Checked } | { ok: false; code: DiagnosticCode; details: Record<string, string> };

const fail = (code: DiagnosticCode, details: Record<string, string> = {}): Check => ({ ok: false, code, details });

/** Stateless checks plus the mode and duplicate checks, in INTENT_REJECTION_PRECEDENCE order. */
function checkIntent(state: KernelState, raw: unknown): Check {
  if (!isRecord(raw)) return fail('INVALID_INPUT', { field: 'intent' });
  if (typeof raw['reason'] !== 'string') return fail('INVALID_INPUT', { field: 'reason' });
  if (!Array.isArray(raw['exitLegRatios'])) return fail('INVALID_INPUT', { field: 'exitLegRatios' });
  const action = raw['action'];
  if (typeof action !== 'string' || !ACTIONS.includes(action as Action)) return fail('UNKNOWN_ACTION', { action: show(action) });
  const intentId = raw['intentId'];
  const tradeId = raw['tradeId'];
  if (typeof intentId !== 'string' || intentId === '') return fail('INVALID_INTENT_ID', { field: 'intentId' });
  if (typeof tradeId !== 'string' || tradeId === '') return fail('INVALID_INTENT_ID', { field: 'tradeId' });
  if (state.seenIntentIds.has(intentId)) return fail('DUPLICATE_INTENT', { intentId });
  if (state.mode === 'HALTED' && action !== 'CANCEL') return fail('KERNEL_HALTED');
  if (state.mode === 'REDUCE_ONLY' && action === 'ENTER') return fail('REDUCE_ONLY');
  const slotId = raw['slotId'];
  if (typeof slotId !== 'number' || !Number.isInteger(slotId) || slotId < 0 || slotId >= state.config.slotCount) {
    return fail('UNKNOWN_SLOT', { slotId: show(slotId) });
  }
  const intent = raw as unknown as KernelIntent;
  if (action === 'CANCEL') {
    return { ok: true, value: { intent, slotId, instrument: null, price: ZERO, size: null, leverage: ONE, ratios: [] } };
  }
  const asset = raw['asset'];
  // Own keys only: an asset named 'toString' or '__proto__' is unknown, not an inherited property.
  const instrument = typeof asset === 'string' && Object.hasOwn(state.config.instruments, asset) ? state.config.instruments[asset] : undefined;
  if (!instrument) return fail('UNKNOWN_ASSET', { asset: show(asset) });
  if (!SIDES.includes(raw['side'] as Side)) return fail('INVALID_SIDE', { side: show(raw['side']) });
  const price = toDecimal(raw['referencePrice']);
  if (!price || !isPositiveFinite(price)) return fail('INVALID_PRICE', { referencePrice: show(raw['referencePrice']) });
  if (!isOnGrid(price, instrument.priceTick)) return fail('OFF_GRID_PRICE', { referencePrice: plain(price), tick: plain(instrument.priceTick) });
  const rawSize = raw['targetSize'];
  let size: Decimal | null = null;
  if (action === 'ENTER' || (rawSize !== null && rawSize !== undefined)) {
    size = toDecimal(rawSize);
    if (!size || !isPositiveFinite(size)) return fail('INVALID_SIZE', { targetSize: show(rawSize) });
    if (!isOnGrid(size, instrument.qtyStep)) return fail('OFF_GRID_SIZE', { targetSize: plain(size), step: plain(instrument.qtyStep) });
  }
  let leverage = ONE;
  const ratios: Decimal[] = [];
  if (action === 'ENTER') {
    const lev = toDecimal(raw['leverage']);
    if (!lev || !isPositiveFinite(lev)) return fail('INVALID_LEVERAGE', { leverage: show(raw['leverage']) });
    leverage = lev;
    let sum = ZERO;
    for (const r of raw['exitLegRatios'] as unknown[]) {
      const d = toDecimal(r);
      if (!d || !isPositiveFinite(d)) return fail('INVALID_EXIT_RATIOS', { ratio: show(r) });
      ratios.push(d);
      sum = sum.add(d);
    }
    if (ratios.length === 0 || sum.gt(1)) return fail('INVALID_EXIT_RATIOS', { sum: plain(sum), count: show(ratios.length) });
  }
  return { ok: true, value: { intent, slotId, instrument, price, size, leverage, ratios } };
}

export function stepIntent(state: KernelState, ctx: StepContext, raw: unknown): StepResult {
  const checked = checkIntent(state, raw);
  const rawSlot = isRecord(raw) && typeof raw['slotId'] === 'number' ? raw['slotId'] : null;
  const rawTrade = isRecord(raw) && typeof raw['tradeId'] === 'string' ? raw['tradeId'] : null;
  if (!checked.ok) {
    const slotId = rawSlot !== null && state.slots[rawSlot] ? rawSlot : null;
    return reject(state, ctx, checked.code, { slotId, tradeId: rawTrade }, checked.details);
  }
  const c = checked.value;
  switch (c.intent.action) {
    case 'ENTER':
      return enter(state, ctx, c);
    case 'EXIT':
      return exit(state, ctx, c);
    case 'CANCEL':
      return cancel(state, ctx, c);
  }
}

function enter(state: KernelState, ctx: StepContext, c: Checked): StepResult {
  const { intent, slotId, price, leverage } = c;
  const size = c.size as Decimal;
  const instrument = c.instrument as Instrument;
  const subject = { slotId, tradeId: intent.tradeId };
  const existing = state.slots[slotId]?.trade ?? null;
  if (existing && !existing.closed) return reject(state, ctx, 'SLOT_OCCUPIED', subject, { occupiedBy: existing.tradeId, stage: existing.stage });
  if (state.seenTradeIds.has(intent.tradeId)) return reject(state, ctx, 'DUPLICATE_TRADE_ID', subject);
  if (size.lt(instrument.minQty)) return reject(state, ctx, 'BELOW_MIN_QTY', subject, { size: plain(size), minQty: plain(instrument.minQty) });
  const notional = size.mul(price);
  if (notional.lt(instrument.minNotional)) {
    return reject(state, ctx, 'BELOW_MIN_NOTIONAL', subject, { notional: plain(notional), minNotional: plain(instrument.minNotional) });
  }
  const margin = notional.div(leverage);
  const free = freeCapital(state);
  if (margin.gt(free)) return reject(state, ctx, 'INSUFFICIENT_MARGIN', subject, { margin: plain(margin), free: plain(free) });

  const orderId = `${intent.tradeId}:E`;
  const order: Order = {
    orderId, slotId, tradeId: intent.tradeId, purpose: 'ENTRY', asset: intent.asset,
    orderSide: intent.side === 'LONG' ? 'BUY' : 'SELL', qty: size, referencePrice: price, reduceOnly: false,
    status: 'PENDING_NEW', filledQty: ZERO, filledNotional: ZERO, fees: ZERO,
    legPnl: ZERO, legQty: ZERO, legNotional: ZERO, legFees: ZERO, fillIds: [], cancelRequested: false,
    reason: intent.reason, intentId: intent.intentId,
  };
  const stage = transition(ctx, { slotId, tradeId: intent.tradeId, stage: existing ? existing.stage : 'IDLE' }, 'ENTER');
  const trade: Trade = {
    tradeId: intent.tradeId, slotId, asset: intent.asset, side: intent.side, stage,
    requestedSize: size, initialSize: ZERO, size: ZERO, entryNotional: ZERO, entryPrice: ZERO, entryFees: ZERO,
    entryFeesCharged: ZERO, exitNotional: ZERO, exitFees: ZERO, exitedQty: ZERO, realizedPnl: ZERO, legsRealizedPnl: ZERO, markPrice: price,
    leverage, entryReferencePrice: price, exitOrderCount: 0, exitLegRatios: c.ratios, activeLegIndex: 0,
    activeEntryOrder: orderId, activeExitOrder: null, closed: false, closeReason: '', openedAtMs: ctx.tsMs, fillCount: 0,
  };
  const next = commit(state, { trade, orders: [order], intentId: intent.intentId, tradeId: intent.tradeId });
  ctx.events.push(
    { type: 'TradeOpened', tsMs: ctx.tsMs, slotId, tradeId: trade.tradeId, asset: trade.asset, side: trade.side, requestedSize: size, referencePrice: price, leverage, intentId: intent.intentId },
    { type: 'OrderSubmitted', tsMs: ctx.tsMs, order },
  );
  ctx.commands.push(submitCommand(ctx.tsMs, order));
  return accept(next, ctx, 'OK', subject, { orderId, qty: plain(size), margin: plain(margin), free: plain(free) });
}

function submitCommand(tsMs: number, order: Order) {
  return {
    type: 'SubmitOrder' as const, tsMs, clientOrderId: order.orderId, slotId: order.slotId, tradeId: order.tradeId,
    purpose: order.purpose, asset: order.asset, orderSide: order.orderSide, qty: order.qty,
    referencePrice: order.referencePrice, reduceOnly: order.reduceOnly,
  };
}

/** Shared EXIT/CANCEL checks against the slot's trade, in precedence order. */
function liveTradeFor(state: KernelState, c: Checked): { trade: Trade } | { code: DiagnosticCode; details: Record<string, string> } {
  const trade = state.slots[c.slotId]?.trade ?? null;
  if (!trade) return { code: 'NO_POSITION', details: {} };
  if (trade.closed) return { code: 'TRADE_CLOSED', details: { tradeId: trade.tradeId, closeReason: trade.closeReason } };
  if (trade.tradeId !== c.intent.tradeId) return { code: 'TRADE_ID_MISMATCH', details: { expected: trade.tradeId, got: c.intent.tradeId } };
  return { trade };
}

/** Size of the next leg: explicit (clamped) or from the plan; the last planned leg takes all that remains. */
export function legQuantity(trade: Trade, explicit: Decimal | null, instrument: Instrument, price: Decimal): { qty: Decimal; clamped: boolean; absorbed: boolean } {
  const remaining = trade.size;
  let qty: Decimal;
  let clamped = false;
  if (explicit) {
    clamped = explicit.gt(remaining);
    qty = clamped ? remaining : explicit;
  } else {
    const lastPlanned = trade.activeLegIndex >= trade.exitLegRatios.length - 1;
    const ratio = trade.exitLegRatios[trade.activeLegIndex];
    qty = lastPlanned || !ratio ? remaining : truncToStep(ratio.mul(trade.initialSize), instrument.qtyStep);
    if (qty.gt(remaining)) {
      qty = remaining;
      clamped = true;
    }
  }
  // A residue the venue could never trade (below min qty or min notional) is closed with this leg.
  const residue = remaining.sub(qty);
  const absorbed = qty.gt(0) && residue.gt(0) && (residue.lt(instrument.minQty) || residue.mul(price).lt(instrument.minNotional));
  return { qty: absorbed ? remaining : qty, clamped, absorbed };
}

function exit(state: KernelState, ctx: StepContext, c: Checked): StepResult {
  const { intent, slotId, price } = c;
  const subject = { slotId, tradeId: intent.tradeId };
  const live = liveTradeFor(state, c);
  if (!('trade' in live)) return reject(state, ctx, live.code, subject, live.details);
  const trade = live.trade;
  if (trade.asset !== intent.asset) return reject(state, ctx, 'ASSET_MISMATCH', subject, { expected: trade.asset, got: show(intent.asset) });
  if (trade.side !== intent.side) return reject(state, ctx, 'SIDE_MISMATCH', subject, { expected: trade.side, got: show(intent.side) });
  if (trade.stage === 'ORDER_REQUESTED') return reject(state, ctx, 'ENTRY_WORKING', subject, { orderId: show(trade.activeEntryOrder) });
  if (trade.stage === 'EXIT_REQUESTED') return reject(state, ctx, 'EXIT_WORKING', subject, { orderId: show(trade.activeExitOrder) });
  const instrument = c.instrument as Instrument;
  const leg = legQuantity(trade, c.size, instrument, price);
  if (leg.qty.lte(0)) return reject(state, ctx, 'LEG_SIZE_ZERO', subject, { legIndex: show(trade.activeLegIndex) });

  const orderId = `${trade.tradeId}:X${trade.exitOrderCount}`;
  const order: Order = {
    orderId, slotId, tradeId: trade.tradeId, purpose: 'EXIT', asset: trade.asset,
    orderSide: trade.side === 'LONG' ? 'SELL' : 'BUY', qty: leg.qty, referencePrice: price, reduceOnly: true,
    status: 'PENDING_NEW', filledQty: ZERO, filledNotional: ZERO, fees: ZERO,
    legPnl: ZERO, legQty: ZERO, legNotional: ZERO, legFees: ZERO, fillIds: [], cancelRequested: false,
    reason: intent.reason, intentId: intent.intentId,
  };
  const next: Draft<Trade> = { ...trade };
  next.stage = transition(ctx, trade, 'EXIT');
  next.activeExitOrder = orderId;
  next.exitOrderCount = trade.exitOrderCount + 1;
  next.markPrice = price;
  ctx.events.push({ type: 'OrderSubmitted', tsMs: ctx.tsMs, order });
  ctx.commands.push(submitCommand(ctx.tsMs, order));
  const details: Record<string, string> = { orderId, qty: plain(leg.qty), remaining: plain(trade.size), legIndex: show(trade.activeLegIndex) };
  if (c.size) details['requested'] = plain(c.size);
  if (leg.absorbed) details['residueAbsorbed'] = 'true';
  return accept(commit(state, { trade: next, orders: [order], intentId: intent.intentId }), ctx, leg.clamped ? 'EXIT_CLAMPED' : 'OK', subject, details);
}

function cancel(state: KernelState, ctx: StepContext, c: Checked): StepResult {
  const { intent, slotId } = c;
  const subject = { slotId, tradeId: intent.tradeId };
  const live = liveTradeFor(state, c);
  if (!('trade' in live)) return reject(state, ctx, live.code, subject, live.details);
  const trade = live.trade;
  const orderId = trade.stage === 'ORDER_REQUESTED' ? trade.activeEntryOrder : trade.stage === 'EXIT_REQUESTED' ? trade.activeExitOrder : null;
  const order = orderId ? state.orders.get(orderId) : undefined;
  if (!order) return reject(state, ctx, 'NO_WORKING_ORDER', subject, { stage: trade.stage });
  if (order.cancelRequested) return reject(state, ctx, 'CANCEL_ALREADY_REQUESTED', subject, { orderId: order.orderId });
  const nextOrder: Draft<Order> = { ...order };
  nextOrder.cancelRequested = true;
  const nextTrade: Draft<Trade> = { ...trade };
  nextTrade.stage = transition(ctx, trade, 'CANCEL_REQUEST');
  ctx.events.push({ type: 'OrderCancelRequested', tsMs: ctx.tsMs, order: nextOrder });
  ctx.commands.push({ type: 'CancelOrder', tsMs: ctx.tsMs, clientOrderId: order.orderId, asset: order.asset });
  return accept(commit(state, { trade: nextTrade, orders: [nextOrder], intentId: intent.intentId }), ctx, 'OK', subject, { orderId: order.orderId });
}

export { isRecord };
