// The ledger model's step: one kernel input (intents, and venue events as the venue reported them) in, the
// expectation of spec/kernel.md out. Written from the spec's tables and formulas; it never looks at what the kernel
// did. A rejection is decided before anything is touched, so a rejected input leaves the model as it was.
import { Decimal, ZERO, bookMoney, isOnGrid, isPositiveFinite, plain, show, toDecimal, truncToStep } from '../kernel/decimal.ts';
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

/** A diagnostic code with the details spec/kernel.md §4.1 fixes for it. */
interface Verdict {
  readonly code: string;
  readonly details: Readonly<Record<string, string>>;
}
const verdict = (code: string, details: Record<string, string> = {}): Verdict => ({ code, details });
const isVerdict = (x: object): x is Verdict => 'code' in x && 'details' in x;

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

  done({ code, details }: Verdict, slotId: number | null, tradeId: string | null): ExpectedStep {
    const accepted = ACCEPTING_CODES.has(code);
    const slotTrade = slotId === null ? undefined : this.m.slots[slotId];
    return {
      accepted, code, severity: severityOf(code), details, slotId, tradeId,
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
  if (!isRec(input) || typeof kind !== 'string' || !INPUT_KINDS.includes(kind)) {
    return s.done(verdict('INVALID_INPUT', { field: 'kind', value: isRec(input) && typeof kind === 'string' ? kind : '' }), null, null);
  }
  if (tsMs !== tsRaw) return s.done(verdict('INVALID_TIMESTAMP', { tsMs: show(tsRaw) }), null, null);
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

/** The stateless checks and the mode/duplicate checks, in the precedence of §6.1; a verdict, or the parsed intent. */
function validate(m: LedgerModel, raw: unknown): Verdict | ValidIntent {
  if (!isRec(raw)) return verdict('INVALID_INPUT', { field: 'intent' });
  if (typeof raw['reason'] !== 'string') return verdict('INVALID_INPUT', { field: 'reason' });
  if (!Array.isArray(raw['exitLegRatios'])) return verdict('INVALID_INPUT', { field: 'exitLegRatios' });
  const action = raw['action'];
  if (action !== 'ENTER' && action !== 'EXIT' && action !== 'CANCEL') return verdict('UNKNOWN_ACTION', { action: show(action) });
  const { intentId, tradeId, slotId } = raw;
  if (typeof intentId !== 'string' || intentId === '') return verdict('INVALID_INTENT_ID', { field: 'intentId' });
  if (typeof tradeId !== 'string' || tradeId === '') return verdict('INVALID_INTENT_ID', { field: 'tradeId' });
  if (m.intentIds.has(intentId)) return verdict('DUPLICATE_INTENT', { intentId });
  if (m.mode === 'HALTED' && action !== 'CANCEL') return verdict('KERNEL_HALTED');
  if (m.mode === 'REDUCE_ONLY' && action === 'ENTER') return verdict('REDUCE_ONLY');
  if (typeof slotId !== 'number' || !Number.isInteger(slotId) || slotId < 0 || slotId >= m.config.slotCount) return verdict('UNKNOWN_SLOT', { slotId: show(slotId) });
  const reason = raw['reason'] as string;
  // Plain literals, not spreads of a shared base: this runs for every intent and a spread is a slow copy.
  if (action === 'CANCEL') return { intentId, tradeId, action, slotId, reason, asset: '', side: 'LONG', instrument: null, price: ZERO, size: null, leverage: ZERO, ratios: [] };
  const asset = raw['asset'];
  if (typeof asset !== 'string' || !Object.hasOwn(m.config.instruments, asset)) return verdict('UNKNOWN_ASSET', { asset: show(asset) });
  const instrument = m.config.instruments[asset] as Instrument;
  const side = raw['side'];
  if (side !== 'LONG' && side !== 'SHORT') return verdict('INVALID_SIDE', { side: show(side) });
  const price = toDecimal(raw['referencePrice']);
  if (price === null || !isPositiveFinite(price)) return verdict('INVALID_PRICE', { referencePrice: show(raw['referencePrice']) });
  if (!isOnGrid(price, instrument.priceTick)) return verdict('OFF_GRID_PRICE', { referencePrice: plain(price), tick: plain(instrument.priceTick) });
  let size: Decimal | null = null;
  const rawSize = raw['targetSize'];
  if (action === 'ENTER' || (rawSize !== null && rawSize !== undefined)) {
    size = toDecimal(rawSize);
    if (size === null || !isPositiveFinite(size)) return verdict('INVALID_SIZE', { targetSize: show(rawSize) });
    if (!isOnGrid(size, instrument.qtyStep)) return verdict('OFF_GRID_SIZE', { targetSize: plain(size), step: plain(instrument.qtyStep) });
  }
  let leverage = ZERO;
  const ratios: Decimal[] = [];
  if (action === 'ENTER') {
    const lev = toDecimal(raw['leverage']);
    if (lev === null || !isPositiveFinite(lev)) return verdict('INVALID_LEVERAGE', { leverage: show(raw['leverage']) });
    leverage = lev;
    for (const r of raw['exitLegRatios'] as unknown[]) {
      const d = toDecimal(r);
      if (d === null || !isPositiveFinite(d)) return verdict('INVALID_EXIT_RATIOS', { ratio: show(r) });
      ratios.push(d);
    }
    const sum = ratios.reduce((a, b) => a.add(b), ZERO);
    if (ratios.length === 0 || sum.gt(1)) return verdict('INVALID_EXIT_RATIOS', { sum: plain(sum), count: String(ratios.length) });
  }
  return { intentId, tradeId, action, slotId, reason, asset, side, instrument, price, size, leverage, ratios };
}

function intentStep(s: Step, raw: unknown): ExpectedStep {
  const m = s.m;
  const v = validate(m, raw);
  if (isVerdict(v)) {
    const rawSlot = isRec(raw) ? raw['slotId'] : undefined;
    const slotId = typeof rawSlot === 'number' && Number.isInteger(rawSlot) && rawSlot >= 0 && rawSlot < m.config.slotCount ? rawSlot : null;
    const tradeId = isRec(raw) && typeof raw['tradeId'] === 'string' ? raw['tradeId'] : null;
    return s.done(v, slotId, tradeId);
  }
  const result = v.action === 'ENTER' ? enter(s, v) : v.action === 'EXIT' ? exit(s, v) : cancel(s, v);
  if (ACCEPTING_CODES.has(result.code)) m.intentIds.add(v.intentId);
  return s.done(result, v.slotId, v.tradeId);
}

function enter(s: Step, v: ValidIntent): Verdict {
  const m = s.m;
  const occupant = m.slots[v.slotId] ?? null;
  if (occupant && !occupant.closed) return verdict('SLOT_OCCUPIED', { occupiedBy: occupant.tradeId, stage: occupant.stage });
  if (m.tradeIds.has(v.tradeId)) return verdict('DUPLICATE_TRADE_ID');
  const inst = v.instrument as Instrument;
  const size = v.size as Decimal;
  if (size.lt(inst.minQty)) return verdict('BELOW_MIN_QTY', { size: plain(size), minQty: plain(inst.minQty) });
  const notional = size.mul(v.price);
  if (notional.lt(inst.minNotional)) return verdict('BELOW_MIN_NOTIONAL', { notional: plain(notional), minNotional: plain(inst.minNotional) });
  let held = ZERO;
  for (const t of m.slots) if (t) held = held.add(marginHeld(t));
  const margin = notional.div(v.leverage);
  const free = capitalOf(m).sub(held);
  if (margin.gt(free)) return verdict('INSUFFICIENT_MARGIN', { margin: plain(margin), free: plain(free) });

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
  return verdict('OK', { orderId: trade.activeEntryOrder as string, qty: plain(size), margin: plain(margin), free: plain(free) });
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
function liveTrade(m: LedgerModel, v: ValidIntent): ModelTrade | Verdict {
  const t = m.slots[v.slotId] ?? null;
  if (!t) return verdict('NO_POSITION');
  if (t.closed) return verdict('TRADE_CLOSED', { tradeId: t.tradeId, closeReason: t.closeReason });
  if (t.tradeId !== v.tradeId) return verdict('TRADE_ID_MISMATCH', { expected: t.tradeId, got: v.tradeId });
  return t;
}

/** §7: the size of the next exit leg, whether the ask was clamped to what remains, and whether a residue was absorbed. */
export function plannedLeg(t: ModelTrade, explicit: Decimal | null, inst: Instrument, price: Decimal): { qty: Decimal; clamped: boolean; absorbed: boolean } {
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
  const absorbed = qty.gt(0) && residue.gt(0) && (residue.lt(inst.minQty) || residue.mul(price).lt(inst.minNotional));
  return { qty: absorbed ? remaining : qty, clamped, absorbed };
}

function exit(s: Step, v: ValidIntent): Verdict {
  const t = liveTrade(s.m, v);
  if (isVerdict(t)) return t;
  if (t.asset !== v.asset) return verdict('ASSET_MISMATCH', { expected: t.asset, got: v.asset });
  if (t.side !== v.side) return verdict('SIDE_MISMATCH', { expected: t.side, got: v.side });
  if (t.stage === 'ORDER_REQUESTED') return verdict('ENTRY_WORKING', { orderId: show(t.activeEntryOrder) });
  if (t.stage === 'EXIT_REQUESTED') return verdict('EXIT_WORKING', { orderId: show(t.activeExitOrder) });
  const leg = plannedLeg(t, v.size, v.instrument as Instrument, v.price);
  if (leg.qty.lte(0)) return verdict('LEG_SIZE_ZERO', { legIndex: String(t.legs.length) });
  const orderId = `${t.tradeId}:X${t.exitOrderCount}`;
  const details: Record<string, string> = { orderId, qty: plain(leg.qty), remaining: plain(sizeOf(t)), legIndex: String(t.legs.length) };
  if (v.size) details['requested'] = plain(v.size);
  if (leg.absorbed) details['residueAbsorbed'] = 'true';
  s.move(t, 'EXIT');
  submit(s, t, 'EXIT', leg.qty, v.price, v);
  t.exitOrderCount++;
  t.activeExitOrder = orderId;
  t.markPrice = v.price;
  return verdict(leg.clamped ? 'EXIT_CLAMPED' : 'OK', details);
}

function cancel(s: Step, v: ValidIntent): Verdict {
  const t = liveTrade(s.m, v);
  if (isVerdict(t)) return t;
  const id = t.stage === 'ORDER_REQUESTED' ? t.activeEntryOrder : t.stage === 'EXIT_REQUESTED' ? t.activeExitOrder : null;
  const order = id === null ? undefined : s.m.orders.get(id);
  if (!order) return verdict('NO_WORKING_ORDER', { stage: t.stage });
  if (order.cancelRequested) return verdict('CANCEL_ALREADY_REQUESTED', { orderId: order.orderId });
  order.cancelRequested = true;
  s.move(t, 'CANCEL_REQUEST');
  s.facts.push({ type: 'OrderCancelRequested', order: snapshot(order) });
  s.commands.push({ type: 'CancelOrder', tsMs: s.tsMs, clientOrderId: order.orderId, asset: order.asset });
  return verdict('OK', { orderId: order.orderId });
}

// ------------------------------------------------------------------------------------------ venue events (§5.3)

/** The order a venue event names, or the code that refuses it; the trade is null once the order's trade is gone. */
function orderFor(m: LedgerModel, orderId: unknown): { order: ModelOrder; trade: ModelTrade | null } | Verdict {
  if (typeof orderId !== 'string') return verdict('INVALID_INPUT', { field: 'orderId' });
  const order = m.orders.get(orderId);
  if (!order) return verdict('UNKNOWN_ORDER', { orderId });
  const t = m.slots[order.slotId] ?? null;
  return { order, trade: t && t.tradeId === order.tradeId ? t : null };
}

function ackStep(s: Step, orderId: unknown): ExpectedStep {
  const found = orderFor(s.m, orderId);
  if (isVerdict(found)) return s.done(found, null, null);
  const { order, trade } = found;
  if (order.status !== 'PENDING_NEW' || !trade || trade.closed) {
    return s.done(verdict('STALE_ORDER_EVENT', { orderId: order.orderId, status: order.status }), order.slotId, order.tradeId);
  }
  order.status = 'NEW';
  s.move(trade, order.purpose === 'ENTRY' ? 'ENTRY_ACK' : 'EXIT_ACK');
  s.facts.push({ type: 'OrderAccepted', order: snapshot(order) });
  return s.done(verdict('OK', { orderId: order.orderId }), order.slotId, order.tradeId);
}

function endStep(s: Step, orderId: unknown, status: 'CANCELED' | 'EXPIRED' | 'REJECTED', venueCode: string): ExpectedStep {
  const found = orderFor(s.m, orderId);
  if (isVerdict(found)) return s.done(found, null, null);
  const { order, trade } = found;
  if (isTerminalStatus(order.status) || !trade || trade.closed) {
    return s.done(verdict('STALE_ORDER_EVENT', { orderId: order.orderId, status: order.status, event: status }), order.slotId, order.tradeId);
  }
  const ok = verdict('OK', { orderId: order.orderId, filledQty: plain(filledOf(order)) });
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
  return s.done(ok, order.slotId, order.tradeId);
}

function fillStep(s: Step, input: Rec): ExpectedStep {
  const m = s.m;
  const found = orderFor(m, input['orderId']);
  if (isVerdict(found)) return s.done(found, null, null);
  const { order, trade } = found;
  const subject = (code: string, details: Record<string, string>) => s.done(verdict(code, details), order.slotId, order.tradeId);
  const fillId = input['fillId'];
  const reported = toDecimal(input['qty']);
  const price = toDecimal(input['price']);
  const fee = toDecimal(input['fee']);
  if (typeof fillId !== 'string' || fillId === '') return subject('INVALID_FILL', { field: 'fillId' });
  if (reported === null || !isPositiveFinite(reported)) return subject('INVALID_FILL', { field: 'qty', value: show(input['qty']) });
  if (price === null || !isPositiveFinite(price)) return subject('INVALID_FILL', { field: 'price', value: show(input['price']) });
  if (fee === null || !fee.isFinite()) return subject('INVALID_FILL', { field: 'fee', value: show(input['fee']) });
  if (m.fillIds.has(fillId)) return subject('DUPLICATE_FILL', { fillId });
  if (!trade || trade.closed) return subject('FILL_AFTER_CLOSE', { fillId, orderId: order.orderId });
  const orderLeaves = order.qty.sub(filledOf(order));
  const leaves = order.purpose === 'EXIT' ? Decimal.min(orderLeaves, sizeOf(trade)) : orderLeaves;
  if (leaves.lte(0)) return subject('OVERFILL', { fillId, orderId: order.orderId, reportedQty: plain(reported) });
  const qty = Decimal.min(reported, leaves);
  const active = order.purpose === 'ENTRY' ? trade.activeEntryOrder : trade.activeExitOrder;
  const late = isTerminalStatus(order.status) || active !== order.orderId;
  m.fillIds.add(fillId);
  const base = { fillId, orderId: order.orderId, qty, reportedQty: reported, price, fee, late };
  if (order.purpose === 'ENTRY') entryFill(s, trade, order, { ...base, pnl: ZERO, entryFeeShare: ZERO });
  else exitFill(s, trade, order, base);
  const clamped = qty.lt(reported);
  return subject(clamped ? 'FILL_CLAMPED' : 'OK', { orderId: order.orderId, fillId, qty: plain(qty), ...(clamped ? { reportedQty: plain(reported) } : {}) });
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
  if (b === null || !b.isFinite()) return s.done(verdict('INVALID_BALANCE', { balance: show(raw) }), null, null);
  const capital = capitalOf(s.m);
  s.m.account.lastVenueBalance = b;
  s.m.account.balanceReports++;
  s.facts.push({ type: 'BalanceReported', venueBalance: b, kernelCapital: capital, drift: b.sub(capital) });
  return s.done(verdict(b.eq(capital) ? 'OK' : 'BALANCE_DRIFT', { balance: plain(b), drift: plain(b.sub(capital)) }), null, null);
}

function controlStep(s: Step, mode: unknown, verbosity: unknown): ExpectedStep {
  if (typeof mode !== 'string' || !MODES.includes(mode) || typeof verbosity !== 'string' || !VERBOSITIES.includes(verbosity)) {
    return s.done(verdict('INVALID_MODE', { mode: show(mode), verbosity: show(verbosity) }), null, null);
  }
  s.m.mode = mode as KernelMode;
  s.m.verbosity = verbosity as Verbosity;
  s.facts.push({ type: 'ModeChanged' });
  return s.done(verdict('OK', { mode }), null, null);
}

export type { OrderStatus };
