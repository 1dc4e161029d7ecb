// The ledger model's step: one kernel input (intents, and venue events as the venue reported them) in, the
// expectation of spec/kernel.md out. Written from the spec's tables and formulas; it never looks at what the kernel
// did. A rejection is decided before anything is touched, so a rejected input leaves the model as it was.
import { Decimal, ZERO, bookMoney, isOnGrid, isPositiveFinite, show, toDecimal, truncToStep } from '../kernel/decimal.ts';
import type { Instrument, KernelMode, OrderStatus, Side, Stage, Trigger, Verbosity } from '../kernel/types.ts';
import {
  ACCEPTING_CODES, severityOf, type ExpectedCommand, type ExpectedFact, type ExpectedStep, type ExpectedTransition, type OrderSnapshot,
} from './expectation.ts';
import {
  capitalOf, entryFeesChargedOf, entryFeesOf, entryNotionalOf, entryPriceOf, exitFeesOf, exitNotionalOf, initialSizeOf, isTerminalStatus,
  legsRealizedOf, marginHeld, realizedOf, sign, sizeOf, total, type LedgerModel, type ModelFill, type ModelOrder, type ModelTrade,
} from './ledger.ts';

const INPUT_KINDS = ['intent', 'order_accepted', 'order_filled', 'order_rejected', 'order_canceled', 'order_expired', 'balance_reported', 'control_changed'];
const MODES: readonly string[] = ['NORMAL', 'DEBUG', 'REDUCE_ONLY', 'HALTED'];
const VERBOSITIES: readonly string[] = ['INFO', 'TRACE'];

/** spec/kernel.md §5.1: where each trigger leads; triggers absent here keep the stage. */
const TARGET: Partial<Record<Trigger, Stage>> = {
  ENTER: 'ORDER_REQUESTED', ENTRY_FILL_COMPLETE: 'POSITION_OPEN', ENTRY_ENDED_FILLED: 'POSITION_OPEN', ENTRY_ENDED_EMPTY: 'CLOSED',
  EXIT: 'EXIT_REQUESTED', EXIT_FILL_LEG_DONE: 'POSITION_OPEN', EXIT_FILL_FLAT: 'CLOSED', EXIT_ENDED: 'POSITION_OPEN',
  EXIT_FILL_LATE_FLAT: 'CLOSED',
};

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Accumulates one step's expectation. */
class Step {
  readonly transitions: ExpectedTransition[] = [];
  readonly commands: ExpectedCommand[] = [];
  readonly facts: ExpectedFact[] = [];
  constructor(readonly m: LedgerModel, readonly tsMs: number) {}

  move(t: ModelTrade, trigger: Trigger): void {
    const from = t.stage;
    const to = TARGET[trigger] ?? from;
    this.transitions.push({ slotId: t.slotId, tradeId: t.tradeId, from, to, trigger });
    t.stage = to;
  }

  done(code: string, slotId: number | null, tradeId: string | null): ExpectedStep {
    const accepted = ACCEPTING_CODES.has(code);
    const slotTrade = slotId === null ? undefined : this.m.slots[slotId];
    return {
      accepted, code, severity: severityOf(code), slotId, tradeId,
      stage: slotId === null || slotTrade === undefined ? null : slotTrade?.stage ?? 'IDLE',
      transitions: accepted ? this.transitions : [], commands: accepted ? this.commands : [], facts: accepted ? this.facts : [],
      capitalAfter: capitalOf(this.m),
    };
  }
}

function snapshot(o: ModelOrder): OrderSnapshot {
  return {
    orderId: o.orderId, tradeId: o.tradeId, slotId: o.slotId, asset: o.asset, purpose: o.purpose, orderSide: o.orderSide, status: o.status,
    qty: o.qty, filledQty: total(o.fills, (f) => f.qty), referencePrice: o.referencePrice, reduceOnly: o.reduceOnly, reason: o.reason,
  };
}

const filledOf = (o: ModelOrder): Decimal => total(o.fills, (f) => f.qty);

/** Steps the model by one input; mutates it only when the input is accepted. */
export function modelStep(m: LedgerModel, input: unknown): ExpectedStep {
  const kind = isRec(input) ? input['kind'] : undefined;
  const tsRaw = isRec(input) ? input['tsMs'] : undefined;
  const tsMs = typeof tsRaw === 'number' && Number.isSafeInteger(tsRaw) && tsRaw >= 0 ? tsRaw : 0;
  const s = new Step(m, tsMs);
  if (!isRec(input) || typeof kind !== 'string' || !INPUT_KINDS.includes(kind)) return s.done('INVALID_INPUT', null, null);
  if (tsMs !== tsRaw) return s.done('INVALID_TIMESTAMP', null, null);
  switch (kind) {
    case 'intent': return intentStep(s, input['intent']);
    case 'order_accepted': return ackStep(s, input['orderId']);
    case 'order_filled': return fillStep(s, input);
    case 'order_rejected': return endStep(s, input['orderId'], 'REJECTED', show(input['venueCode'] ?? ''));
    case 'order_canceled': return endStep(s, input['orderId'], 'CANCELED', '');
    case 'order_expired': return endStep(s, input['orderId'], 'EXPIRED', '');
    case 'balance_reported': return balanceStep(s, input['balance']);
    default: return controlStep(s, input['mode'], input['verbosity']);
  }
}

// ---------------------------------------------------------------------------------------------- intents (§6.1)

interface ValidIntent {
  readonly intentId: string;
  readonly tradeId: string;
  readonly action: 'ENTER' | 'EXIT' | 'CANCEL';
  readonly slotId: number;
  readonly asset: string;
  readonly side: Side;
  readonly instrument: Instrument | null;
  readonly price: Decimal;
  readonly size: Decimal | null;
  readonly leverage: Decimal;
  readonly ratios: Decimal[];
  readonly reason: string;
}

/** The stateless checks and the mode/duplicate checks, in the precedence of §6.1; a code, or the parsed intent. */
function validate(m: LedgerModel, raw: unknown): string | ValidIntent {
  if (!isRec(raw) || typeof raw['reason'] !== 'string' || !Array.isArray(raw['exitLegRatios'])) return 'INVALID_INPUT';
  const action = raw['action'];
  if (action !== 'ENTER' && action !== 'EXIT' && action !== 'CANCEL') return 'UNKNOWN_ACTION';
  const { intentId, tradeId, slotId } = raw;
  if (typeof intentId !== 'string' || intentId === '' || typeof tradeId !== 'string' || tradeId === '') return 'INVALID_INTENT_ID';
  if (m.intentIds.has(intentId)) return 'DUPLICATE_INTENT';
  if (m.mode === 'HALTED' && action !== 'CANCEL') return 'KERNEL_HALTED';
  if (m.mode === 'REDUCE_ONLY' && action === 'ENTER') return 'REDUCE_ONLY';
  if (typeof slotId !== 'number' || !Number.isInteger(slotId) || slotId < 0 || slotId >= m.config.slotCount) return 'UNKNOWN_SLOT';
  const reason = raw['reason'] as string;
  // Plain literals, not spreads of a shared base: this runs for every intent and a spread is a slow copy.
  if (action === 'CANCEL') return { intentId, tradeId, action, slotId, reason, asset: '', side: 'LONG', instrument: null, price: ZERO, size: null, leverage: ZERO, ratios: [] };
  const asset = raw['asset'];
  if (typeof asset !== 'string' || !Object.hasOwn(m.config.instruments, asset)) return 'UNKNOWN_ASSET';
  const instrument = m.config.instruments[asset] as Instrument;
  const side = raw['side'];
  if (side !== 'LONG' && side !== 'SHORT') return 'INVALID_SIDE';
  const price = toDecimal(raw['referencePrice']);
  if (price === null || !isPositiveFinite(price)) return 'INVALID_PRICE';
  if (!isOnGrid(price, instrument.priceTick)) return 'OFF_GRID_PRICE';
  let size: Decimal | null = null;
  const rawSize = raw['targetSize'];
  if (action === 'ENTER' || (rawSize !== null && rawSize !== undefined)) {
    size = toDecimal(rawSize);
    if (size === null || !isPositiveFinite(size)) return 'INVALID_SIZE';
    if (!isOnGrid(size, instrument.qtyStep)) return 'OFF_GRID_SIZE';
  }
  let leverage = ZERO;
  const ratios: Decimal[] = [];
  if (action === 'ENTER') {
    const lev = toDecimal(raw['leverage']);
    if (lev === null || !isPositiveFinite(lev)) return 'INVALID_LEVERAGE';
    leverage = lev;
    for (const r of raw['exitLegRatios'] as unknown[]) {
      const d = toDecimal(r);
      if (d === null || !isPositiveFinite(d)) return 'INVALID_EXIT_RATIOS';
      ratios.push(d);
    }
    if (ratios.length === 0 || ratios.reduce((a, b) => a.add(b), ZERO).gt(1)) return 'INVALID_EXIT_RATIOS';
  }
  return { intentId, tradeId, action, slotId, reason, asset, side, instrument, price, size, leverage, ratios };
}

function intentStep(s: Step, raw: unknown): ExpectedStep {
  const m = s.m;
  const v = validate(m, raw);
  if (typeof v === 'string') {
    const rawSlot = isRec(raw) ? raw['slotId'] : undefined;
    const slotId = typeof rawSlot === 'number' && Number.isInteger(rawSlot) && rawSlot >= 0 && rawSlot < m.config.slotCount ? rawSlot : null;
    const tradeId = isRec(raw) && typeof raw['tradeId'] === 'string' ? raw['tradeId'] : null;
    return s.done(v, slotId, tradeId);
  }
  const code = v.action === 'ENTER' ? enter(s, v) : v.action === 'EXIT' ? exit(s, v) : cancel(s, v);
  if (ACCEPTING_CODES.has(code)) m.intentIds.add(v.intentId);
  return s.done(code, v.slotId, v.tradeId);
}

function enter(s: Step, v: ValidIntent): string {
  const m = s.m;
  const occupant = m.slots[v.slotId] ?? null;
  if (occupant && !occupant.closed) return 'SLOT_OCCUPIED';
  if (m.tradeIds.has(v.tradeId)) return 'DUPLICATE_TRADE_ID';
  const inst = v.instrument as Instrument;
  const size = v.size as Decimal;
  if (size.lt(inst.minQty)) return 'BELOW_MIN_QTY';
  const notional = size.mul(v.price);
  if (notional.lt(inst.minNotional)) return 'BELOW_MIN_NOTIONAL';
  let held = ZERO;
  for (const t of m.slots) if (t) held = held.add(marginHeld(t));
  if (notional.div(v.leverage).gt(capitalOf(m).sub(held))) return 'INSUFFICIENT_MARGIN';

  const trade: ModelTrade = {
    tradeId: v.tradeId, slotId: v.slotId, asset: v.asset, side: v.side, stage: occupant ? occupant.stage : 'IDLE', requestedSize: size,
    leverage: v.leverage, entryReferencePrice: v.price, exitLegRatios: v.ratios, openedAtMs: s.tsMs, entryFills: [], exitFills: [], legs: [],
    exitOrderCount: 0, activeEntryOrder: `${v.tradeId}:E`, activeExitOrder: null, closed: false, closeReason: '', markPrice: v.price,
  };
  m.slots[v.slotId] = trade;
  m.trades.push(trade);
  m.tradeIds.add(v.tradeId);
  s.move(trade, 'ENTER');
  s.facts.push({ type: 'TradeOpened', slotId: v.slotId, tradeId: v.tradeId, asset: v.asset, side: v.side, requestedSize: size, referencePrice: v.price, leverage: v.leverage });
  submit(s, trade, 'ENTRY', size, v.price, v);
  return 'OK';
}

function submit(s: Step, t: ModelTrade, purpose: 'ENTRY' | 'EXIT', qty: Decimal, price: Decimal, v: ValidIntent): void {
  const buys = (t.side === 'LONG') === (purpose === 'ENTRY');
  const order: ModelOrder = {
    orderId: purpose === 'ENTRY' ? `${t.tradeId}:E` : `${t.tradeId}:X${t.exitOrderCount}`, slotId: t.slotId, tradeId: t.tradeId, purpose,
    asset: t.asset, orderSide: buys ? 'BUY' : 'SELL', qty, referencePrice: price, reduceOnly: purpose === 'EXIT', reason: v.reason,
    intentId: v.intentId, status: 'PENDING_NEW', cancelRequested: false, fills: [], legFills: [],
  };
  s.m.orders.set(order.orderId, order);
  s.facts.push({ type: 'OrderSubmitted', order: snapshot(order) });
  s.commands.push({
    type: 'SubmitOrder', tsMs: s.tsMs, clientOrderId: order.orderId, slotId: t.slotId, tradeId: t.tradeId, purpose, asset: t.asset,
    orderSide: order.orderSide, qty, referencePrice: price, reduceOnly: order.reduceOnly,
  });
}

/** EXIT and CANCEL first need the slot's live trade, with this id (§6.1 rules 18–20). */
function liveTrade(m: LedgerModel, v: ValidIntent): ModelTrade | string {
  const t = m.slots[v.slotId] ?? null;
  if (!t) return 'NO_POSITION';
  if (t.closed) return 'TRADE_CLOSED';
  if (t.tradeId !== v.tradeId) return 'TRADE_ID_MISMATCH';
  return t;
}

/** §7: the size of the next exit leg, and whether the ask was clamped to what remains. */
export function plannedLeg(t: ModelTrade, explicit: Decimal | null, inst: Instrument, price: Decimal): { qty: Decimal; clamped: boolean } {
  const remaining = sizeOf(t);
  let qty: Decimal;
  if (explicit) qty = explicit;
  else {
    const i = t.legs.length;
    const ratio = t.exitLegRatios[i];
    qty = i >= t.exitLegRatios.length - 1 || !ratio ? remaining : truncToStep(ratio.mul(initialSizeOf(t)), inst.qtyStep);
  }
  const clamped = qty.gt(remaining);
  if (clamped) qty = remaining;
  const residue = remaining.sub(qty);
  if (qty.gt(0) && residue.gt(0) && (residue.lt(inst.minQty) || residue.mul(price).lt(inst.minNotional))) qty = remaining;
  return { qty, clamped };
}

function exit(s: Step, v: ValidIntent): string {
  const t = liveTrade(s.m, v);
  if (typeof t === 'string') return t;
  if (t.asset !== v.asset) return 'ASSET_MISMATCH';
  if (t.side !== v.side) return 'SIDE_MISMATCH';
  if (t.stage === 'ORDER_REQUESTED') return 'ENTRY_WORKING';
  if (t.stage === 'EXIT_REQUESTED') return 'EXIT_WORKING';
  const leg = plannedLeg(t, v.size, v.instrument as Instrument, v.price);
  if (leg.qty.lte(0)) return 'LEG_SIZE_ZERO';
  const orderId = `${t.tradeId}:X${t.exitOrderCount}`;
  s.move(t, 'EXIT');
  submit(s, t, 'EXIT', leg.qty, v.price, v);
  t.exitOrderCount++;
  t.activeExitOrder = orderId;
  t.markPrice = v.price;
  return leg.clamped ? 'EXIT_CLAMPED' : 'OK';
}

function cancel(s: Step, v: ValidIntent): string {
  const t = liveTrade(s.m, v);
  if (typeof t === 'string') return t;
  const id = t.stage === 'ORDER_REQUESTED' ? t.activeEntryOrder : t.stage === 'EXIT_REQUESTED' ? t.activeExitOrder : null;
  const order = id === null ? undefined : s.m.orders.get(id);
  if (!order) return 'NO_WORKING_ORDER';
  if (order.cancelRequested) return 'CANCEL_ALREADY_REQUESTED';
  order.cancelRequested = true;
  s.move(t, 'CANCEL_REQUEST');
  s.facts.push({ type: 'OrderCancelRequested', order: snapshot(order) });
  s.commands.push({ type: 'CancelOrder', tsMs: s.tsMs, clientOrderId: order.orderId, asset: order.asset });
  return 'OK';
}

// ------------------------------------------------------------------------------------------ venue events (§5.3)

/** The order a venue event names, or the code that refuses it; the trade is null once the order's trade is gone. */
function orderFor(m: LedgerModel, orderId: unknown): { order: ModelOrder; trade: ModelTrade | null } | string {
  if (typeof orderId !== 'string') return 'INVALID_INPUT';
  const order = m.orders.get(orderId);
  if (!order) return 'UNKNOWN_ORDER';
  const t = m.slots[order.slotId] ?? null;
  return { order, trade: t && t.tradeId === order.tradeId ? t : null };
}

function ackStep(s: Step, orderId: unknown): ExpectedStep {
  const found = orderFor(s.m, orderId);
  if (typeof found === 'string') return s.done(found, null, null);
  const { order, trade } = found;
  if (order.status !== 'PENDING_NEW' || !trade || trade.closed) return s.done('STALE_ORDER_EVENT', order.slotId, order.tradeId);
  order.status = 'NEW';
  s.move(trade, order.purpose === 'ENTRY' ? 'ENTRY_ACK' : 'EXIT_ACK');
  s.facts.push({ type: 'OrderAccepted', order: snapshot(order) });
  return s.done('OK', order.slotId, order.tradeId);
}

function endStep(s: Step, orderId: unknown, status: 'CANCELED' | 'EXPIRED' | 'REJECTED', venueCode: string): ExpectedStep {
  const found = orderFor(s.m, orderId);
  if (typeof found === 'string') return s.done(found, null, null);
  const { order, trade } = found;
  if (isTerminalStatus(order.status) || !trade || trade.closed) return s.done('STALE_ORDER_EVENT', order.slotId, order.tradeId);
  order.status = status;
  const snap = snapshot(order);
  s.facts.push(status === 'REJECTED' ? { type: 'OrderRejected', order: snap, venueCode } : { type: status === 'CANCELED' ? 'OrderCanceled' : 'OrderExpired', order: snap });
  if (order.purpose === 'ENTRY') {
    trade.activeEntryOrder = null;
    if (filledOf(order).gt(0)) s.move(trade, 'ENTRY_ENDED_FILLED');
    else {
      s.move(trade, 'ENTRY_ENDED_EMPTY');
      close(s, trade, `ENTRY_${status}`);
    }
  } else {
    trade.activeExitOrder = null;
    s.move(trade, 'EXIT_ENDED');
    if (order.legFills.length > 0) completeLeg(s, trade, order, 'order');
  }
  return s.done('OK', order.slotId, order.tradeId);
}

function fillStep(s: Step, input: Rec): ExpectedStep {
  const m = s.m;
  const found = orderFor(m, input['orderId']);
  if (typeof found === 'string') return s.done(found, null, null);
  const { order, trade } = found;
  const subject = (code: string) => s.done(code, order.slotId, order.tradeId);
  const fillId = input['fillId'];
  const reported = toDecimal(input['qty']);
  const price = toDecimal(input['price']);
  const fee = toDecimal(input['fee']);
  if (typeof fillId !== 'string' || fillId === '' || reported === null || !isPositiveFinite(reported)
    || price === null || !isPositiveFinite(price) || fee === null || !fee.isFinite()) return subject('INVALID_FILL');
  if (m.fillIds.has(fillId)) return subject('DUPLICATE_FILL');
  if (!trade || trade.closed) return subject('FILL_AFTER_CLOSE');
  const orderLeaves = order.qty.sub(filledOf(order));
  const leaves = order.purpose === 'EXIT' ? Decimal.min(orderLeaves, sizeOf(trade)) : orderLeaves;
  if (leaves.lte(0)) return subject('OVERFILL');
  const qty = Decimal.min(reported, leaves);
  const active = order.purpose === 'ENTRY' ? trade.activeEntryOrder : trade.activeExitOrder;
  const late = isTerminalStatus(order.status) || active !== order.orderId;
  m.fillIds.add(fillId);
  const base = { fillId, orderId: order.orderId, qty, reportedQty: reported, price, fee, late };
  if (order.purpose === 'ENTRY') entryFill(s, trade, order, { ...base, pnl: ZERO, entryFeeShare: ZERO });
  else exitFill(s, trade, order, base);
  return subject(qty.lt(reported) ? 'FILL_CLAMPED' : 'OK');
}

function settle(order: ModelOrder, fill: ModelFill): void {
  order.fills.push(fill);
  if (!fill.late) order.status = filledOf(order).eq(order.qty) ? 'FILLED' : 'PARTIALLY_FILLED';
}

function filledFact(order: ModelOrder, f: ModelFill): ExpectedFact {
  return { type: 'OrderFilled', order: snapshot(order), fillId: f.fillId, qty: f.qty, reportedQty: f.reportedQty, price: f.price, fee: f.fee, pnl: f.pnl, late: f.late };
}

function entryFill(s: Step, t: ModelTrade, order: ModelOrder, fill: ModelFill): void {
  settle(order, fill);
  t.entryFills.push(fill);
  t.markPrice = fill.price;
  const complete = order.status === 'FILLED';
  s.move(t, fill.late ? 'ENTRY_FILL_LATE' : complete ? 'ENTRY_FILL_COMPLETE' : 'ENTRY_FILL_PARTIAL');
  if (complete && !fill.late) t.activeEntryOrder = null;
  s.facts.push(filledFact(order, fill));
}

/** §8: a fill that leaves size books rounded PnL less fees; the flattening fill books the exact remainder. */
function exitFill(s: Step, t: ModelTrade, order: ModelOrder, f: Omit<ModelFill, 'pnl' | 'entryFeeShare'>): void {
  const sg = sign(t.side);
  const flat = sizeOf(t).sub(f.qty).isZero();
  let pnl: Decimal;
  let share: Decimal;
  if (flat) {
    share = entryFeesOf(t).sub(entryFeesChargedOf(t));
    const exitNotional = exitNotionalOf(t).add(f.qty.mul(f.price));
    pnl = exitNotional.sub(entryNotionalOf(t)).mul(sg).sub(entryFeesOf(t)).sub(exitFeesOf(t).add(f.fee)).sub(realizedOf(t));
  } else {
    share = bookMoney(entryFeesOf(t).mul(f.qty).div(initialSizeOf(t)));
    pnl = bookMoney(f.price.sub(entryPriceOf(t)).mul(f.qty).mul(sg)).sub(f.fee).sub(share);
  }
  const fill: ModelFill = { ...f, pnl, entryFeeShare: share };
  const capitalBefore = capitalOf(s.m);
  const activeBefore = [t.activeExitOrder, t.activeEntryOrder];
  settle(order, fill);
  t.exitFills.push(fill);
  order.legFills.push(fill);
  t.markPrice = fill.price;
  s.m.account.capital = capitalBefore.add(pnl);
  s.m.account.feesPaid = s.m.account.feesPaid.add(fill.fee).add(share);
  s.facts.push(filledFact(order, fill));
  if (!pnl.isZero()) {
    s.facts.push({ type: 'CapitalChanged', before: capitalBefore, after: capitalOf(s.m), delta: pnl, tradeId: t.tradeId, orderId: order.orderId, fillId: fill.fillId });
  }
  const complete = order.status === 'FILLED';
  s.move(t, fill.late ? (flat ? 'EXIT_FILL_LATE_FLAT' : 'EXIT_FILL_LATE') : flat ? 'EXIT_FILL_FLAT' : complete ? 'EXIT_FILL_LEG_DONE' : 'EXIT_FILL_PARTIAL');
  // §9: flat ends the working order's leg too, and that leg was booked first.
  const working = t.activeExitOrder !== null && t.activeExitOrder !== order.orderId ? s.m.orders.get(t.activeExitOrder) : undefined;
  if (flat && working && working.legFills.length > 0) completeLeg(s, t, working, 'order');
  if (fill.late || flat || complete) {
    completeLeg(s, t, order, fill.late ? 'late_fill' : 'order');
    if (!fill.late) t.activeExitOrder = null;
  }
  if (flat) {
    for (const id of activeBefore) {
      const o = id === null ? undefined : s.m.orders.get(id);
      if (o && !isTerminalStatus(o.status) && filledOf(o).lt(o.qty)) s.commands.push({ type: 'CancelOrder', tsMs: s.tsMs, clientOrderId: o.orderId, asset: t.asset });
    }
    close(s, t, order.reason);
  }
}

function completeLeg(s: Step, t: ModelTrade, order: ModelOrder, kind: 'order' | 'late_fill'): void {
  const fills = order.legFills;
  order.legFills = [];
  t.legs.push({ index: t.legs.length, orderId: order.orderId, kind, fills });
  s.facts.push({
    type: 'ExitLegCompleted', tradeId: t.tradeId, asset: t.asset, side: t.side, legIndex: t.legs.length - 1,
    qty: total(fills, (f) => f.qty), exitNotional: total(fills, (f) => f.qty.mul(f.price)), entryPrice: entryPriceOf(t),
    pnl: total(fills, (f) => f.pnl), realizedTotal: legsRealizedOf(t), remainingQty: sizeOf(t), initialSize: initialSizeOf(t),
    reason: order.reason, commandId: order.intentId, multiLeg: t.exitLegRatios.length > 1,
  });
}

function close(s: Step, t: ModelTrade, reason: string): void {
  t.closed = true;
  t.closeReason = reason;
  t.activeEntryOrder = null;
  t.activeExitOrder = null;
  s.facts.push({
    type: 'TradeClosed', slotId: t.slotId, tradeId: t.tradeId, asset: t.asset, side: t.side, requestedSize: t.requestedSize,
    initialSize: initialSizeOf(t), entryPrice: entryPriceOf(t), leverage: t.leverage, realizedPnl: realizedOf(t), closeReason: reason, legs: t.legs.length,
  });
}

// ------------------------------------------------------------------------------------------ account and control

function balanceStep(s: Step, raw: unknown): ExpectedStep {
  const b = toDecimal(raw);
  if (b === null || !b.isFinite()) return s.done('INVALID_BALANCE', null, null);
  const capital = capitalOf(s.m);
  s.m.account.lastVenueBalance = b;
  s.m.account.balanceReports++;
  s.facts.push({ type: 'BalanceReported', venueBalance: b, kernelCapital: capital, drift: b.sub(capital) });
  return s.done(b.eq(capital) ? 'OK' : 'BALANCE_DRIFT', null, null);
}

function controlStep(s: Step, mode: unknown, verbosity: unknown): ExpectedStep {
  if (typeof mode !== 'string' || !MODES.includes(mode) || typeof verbosity !== 'string' || !VERBOSITIES.includes(verbosity)) return s.done('INVALID_MODE', null, null);
  s.m.mode = mode as KernelMode;
  s.m.verbosity = verbosity as Verbosity;
  s.facts.push({ type: 'ModeChanged' });
  return s.done('OK', null, null);
}

export type { OrderStatus };
