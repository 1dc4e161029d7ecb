// Venue events: acknowledgements, fills (with dedupe and clamping), order ends, balance reports.
import { Decimal, ZERO, bookMoney, isPositiveFinite, plain, show, toDecimal } from './decimal.ts';
import { sideSign } from './state.ts';
import { accept, commit, kernelAssert, reject, transition, type Draft, type StepContext } from './stepContext.ts';
import type { Account, KernelEvent, KernelState, Order, OrderStatus, StepResult, Trade } from './types.ts';

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED']);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

/** An order belongs to the past once a later trade has replaced its trade in the slot. */
function tradeOfOrNull(state: KernelState, order: Order): Trade | null {
  const trade = state.slots[order.slotId]?.trade ?? null;
  return trade && trade.tradeId === order.tradeId ? trade : null;
}

function subjectOf(order: Order) {
  return { slotId: order.slotId, tradeId: order.tradeId };
}

function lookupOrder(state: KernelState, ctx: StepContext, orderId: unknown): Order | StepResult {
  if (typeof orderId !== 'string') return reject(state, ctx, 'INVALID_INPUT', { slotId: null, tradeId: null }, { field: 'orderId' });
  const order = state.orders.get(orderId);
  if (!order) return reject(state, ctx, 'UNKNOWN_ORDER', { slotId: null, tradeId: null }, { orderId });
  return order;
}

function isOrder(x: Order | StepResult): x is Order {
  return 'orderId' in x;
}

export function stepAccepted(state: KernelState, ctx: StepContext, orderId: unknown): StepResult {
  const found = lookupOrder(state, ctx, orderId);
  if (!isOrder(found)) return found;
  const order = found;
  const trade = tradeOfOrNull(state, order);
  // An ack of an order whose trade has closed (a late fill flattened it first) or been replaced is stale too.
  if (order.status !== 'PENDING_NEW' || !trade || trade.closed) {
    return reject(state, ctx, 'STALE_ORDER_EVENT', subjectOf(order), { orderId: order.orderId, status: order.status });
  }
  const nextOrder: Draft<Order> = { ...order };
  nextOrder.status = 'NEW';
  const nextTrade: Draft<Trade> = { ...trade };
  nextTrade.stage = transition(ctx, trade, order.purpose === 'ENTRY' ? 'ENTRY_ACK' : 'EXIT_ACK');
  ctx.events.push({ type: 'OrderAccepted', tsMs: ctx.tsMs, order: nextOrder });
  return accept(commit(state, { trade: nextTrade, orders: [nextOrder] }), ctx, 'OK', subjectOf(order), { orderId: order.orderId });
}

type EndStatus = 'CANCELED' | 'EXPIRED' | 'REJECTED';

/**
 * The order's active-leg fills become one ExitLegCompleted event; the trade draft moves to the next leg.
 * Returns the leg's order with its accumulators reset (a new record: the caller's `order` may be in an event).
 */
function completeLeg(ctx: StepContext, trade: Draft<Trade>, order: Order, kind: 'order' | 'late_fill'): Order {
  const legQty = order.legQty;
  kernelAssert(legQty.gt(0), 'INV-K-LEG-NONEMPTY', () => `leg of ${order.orderId} completed with qty ${plain(legQty)}`);
  const legsRealizedPnl = trade.legsRealizedPnl.add(order.legPnl);
  const event: KernelEvent = {
    type: 'ExitLegCompleted', tsMs: ctx.tsMs, slotId: trade.slotId, tradeId: trade.tradeId, legIndex: trade.activeLegIndex,
    orderId: order.orderId, kind, qty: legQty, exitPrice: order.legNotional.div(legQty), exitNotional: order.legNotional,
    entryPrice: trade.entryPrice, fees: order.legFees, pnl: order.legPnl, realizedTotal: legsRealizedPnl,
    remainingQty: trade.size, initialSize: trade.initialSize, reason: order.reason,
  };
  ctx.events.push(event);
  trade.activeLegIndex += 1;
  trade.legsRealizedPnl = legsRealizedPnl;
  return resetLeg(order);
}

function resetLeg(order: Order): Order {
  const next: Draft<Order> = { ...order };
  next.legPnl = ZERO;
  next.legQty = ZERO;
  next.legNotional = ZERO;
  next.legFees = ZERO;
  return next;
}

function closeTrade(ctx: StepContext, trade: Draft<Trade>, reason: string): void {
  ctx.events.push({ type: 'TradeClosed', tsMs: ctx.tsMs, slotId: trade.slotId, tradeId: trade.tradeId, closeReason: reason, realizedPnl: trade.realizedPnl });
  trade.closed = true;
  trade.closeReason = reason;
  trade.activeEntryOrder = null;
  trade.activeExitOrder = null;
}

export function stepOrderEnded(state: KernelState, ctx: StepContext, orderId: unknown, status: EndStatus, venueCode = '', message = ''): StepResult {
  const found = lookupOrder(state, ctx, orderId);
  if (!isOrder(found)) return found;
  const order = found;
  const trade = tradeOfOrNull(state, order);
  if (isTerminal(order.status) || !trade || trade.closed) {
    return reject(state, ctx, 'STALE_ORDER_EVENT', subjectOf(order), { orderId: order.orderId, status: order.status, event: status });
  }
  const ended: Draft<Order> = { ...order };
  ended.status = status;
  let nextOrder: Order = ended;
  const eventType = status === 'CANCELED' ? 'OrderCanceled' : status === 'EXPIRED' ? 'OrderExpired' : 'OrderRejected';
  ctx.events.push(
    eventType === 'OrderRejected'
      ? { type: 'OrderRejected', tsMs: ctx.tsMs, order: nextOrder, venueCode, message }
      : { type: eventType, tsMs: ctx.tsMs, order: nextOrder },
  );
  const nextTrade: Draft<Trade> = { ...trade };
  if (order.purpose === 'ENTRY') {
    const filled = order.filledQty.gt(0);
    nextTrade.stage = transition(ctx, trade, filled ? 'ENTRY_ENDED_FILLED' : 'ENTRY_ENDED_EMPTY');
    nextTrade.activeEntryOrder = null;
    if (!filled) closeTrade(ctx, nextTrade, `ENTRY_${status}`);
  } else {
    nextTrade.stage = transition(ctx, trade, 'EXIT_ENDED');
    nextTrade.activeExitOrder = null;
    if (order.legQty.gt(0)) nextOrder = completeLeg(ctx, nextTrade, ended, 'order');
  }
  return accept(commit(state, { trade: nextTrade, orders: [nextOrder] }), ctx, 'OK', subjectOf(order), { orderId: order.orderId, filledQty: plain(order.filledQty) });
}

interface FillInput {
  readonly orderId: unknown;
  readonly fillId: unknown;
  readonly qty: unknown;
  readonly price: unknown;
  readonly fee: unknown;
}

export function stepFilled(state: KernelState, ctx: StepContext, input: FillInput): StepResult {
  const found = lookupOrder(state, ctx, input.orderId);
  if (!isOrder(found)) return found;
  const order = found;
  const subject = subjectOf(order);
  const fillId = input.fillId;
  if (typeof fillId !== 'string' || fillId === '') return reject(state, ctx, 'INVALID_FILL', subject, { field: 'fillId' });
  const reportedQty = toDecimal(input.qty);
  if (!reportedQty || !isPositiveFinite(reportedQty)) return reject(state, ctx, 'INVALID_FILL', subject, { field: 'qty', value: show(input.qty) });
  const price = toDecimal(input.price);
  if (!price || !isPositiveFinite(price)) return reject(state, ctx, 'INVALID_FILL', subject, { field: 'price', value: show(input.price) });
  const fee = toDecimal(input.fee);
  if (!fee || !fee.isFinite()) return reject(state, ctx, 'INVALID_FILL', subject, { field: 'fee', value: show(input.fee) });
  if (state.seenFillIds.has(fillId)) return reject(state, ctx, 'DUPLICATE_FILL', subject, { fillId });
  const trade = tradeOfOrNull(state, order);
  if (!trade || trade.closed) return reject(state, ctx, 'FILL_AFTER_CLOSE', subject, { fillId, orderId: order.orderId });
  let leaves = order.qty.sub(order.filledQty);
  if (order.purpose === 'EXIT') leaves = Decimal.min(leaves, trade.size);
  if (leaves.lte(0)) return reject(state, ctx, 'OVERFILL', subject, { fillId, orderId: order.orderId, reportedQty: plain(reportedQty) });
  const qty = Decimal.min(reportedQty, leaves);
  const clamped = qty.lt(reportedQty);
  const late = isTerminal(order.status) || (order.purpose === 'ENTRY' ? trade.activeEntryOrder : trade.activeExitOrder) !== order.orderId;
  const notional = qty.mul(price);
  const orderFilled = order.filledQty.add(qty);
  const status: OrderStatus = late ? order.status : orderFilled.eq(order.qty) ? 'FILLED' : 'PARTIALLY_FILLED';
  // The order after this fill, built once; the exit path also moves its leg accumulators.
  const nextOrder: Draft<Order> = { ...order };
  nextOrder.status = status;
  nextOrder.filledQty = orderFilled;
  nextOrder.filledNotional = order.filledNotional.add(notional);
  nextOrder.fees = order.fees.add(fee);
  nextOrder.fillIds = [...order.fillIds, fillId];
  const nextTrade: Draft<Trade> = { ...trade };
  nextTrade.fillCount = trade.fillCount + 1;
  let result: FillEffect;
  if (order.purpose === 'ENTRY') result = applyEntryFill(ctx, trade, nextTrade, nextOrder, qty, price, notional, fee, late);
  else result = applyExitFill(state, ctx, trade, nextTrade, nextOrder, qty, price, notional, fee, late);
  ctx.events.unshift({ type: 'OrderFilled', tsMs: ctx.tsMs, order: result.order, fillId, qty, reportedQty, price, fee, realizedPnl: result.pnl, late });
  const orders = result.others.length === 0 ? [result.order] : [result.order, ...result.others];
  const next = commit(state, { trade: nextTrade, orders, fillId, ...(result.account ? { account: result.account } : {}) });
  const details: Record<string, string> = { orderId: order.orderId, fillId, qty: plain(qty) };
  if (clamped) details['reportedQty'] = plain(reportedQty);
  return accept(next, ctx, clamped ? 'FILL_CLAMPED' : 'OK', subject, details);
}

interface FillEffect {
  /** The filled order as the next state holds it. */
  readonly order: Order;
  readonly pnl: Decimal;
  readonly account: Account | null;
  /** Other orders the fill completed a leg of. */
  readonly others: readonly Order[];
}

const NO_ORDERS: readonly Order[] = [];

function applyEntryFill(
  ctx: StepContext, trade: Trade, next: Draft<Trade>, order: Order, qty: Decimal, price: Decimal, notional: Decimal, fee: Decimal, late: boolean,
): FillEffect {
  const initialSize = trade.initialSize.add(qty);
  const entryNotional = trade.entryNotional.add(qty.mul(price));
  const filled = order.status === 'FILLED';
  next.stage = transition(ctx, trade, late ? 'ENTRY_FILL_LATE' : filled ? 'ENTRY_FILL_COMPLETE' : 'ENTRY_FILL_PARTIAL');
  next.initialSize = initialSize;
  next.size = trade.size.add(qty);
  next.entryNotional = entryNotional;
  next.entryPrice = entryNotional.div(initialSize);
  next.entryFees = trade.entryFees.add(fee);
  next.markPrice = price;
  if (filled && !late) next.activeEntryOrder = null;
  return { order, pnl: ZERO, account: null, others: NO_ORDERS };
}

/**
 * Books one exit fill. Non-final fills book sign × (price − entry) × qty rounded half-even to MONEY_DP,
 * less the fee and the fill's pro-rata share of entry fees. The fill that flattens the trade books the
 * exact remainder, so a closed trade's Σ pnl = sign × (Σ exit notional − Σ entry notional) − Σ fees.
 * `next` and `order` are this step's fresh drafts of the trade and the filled order.
 */
function applyExitFill(
  state: KernelState, ctx: StepContext, trade: Trade, next: Draft<Trade>, order: Draft<Order>, qty: Decimal, price: Decimal,
  notional: Decimal, fee: Decimal, late: boolean,
): FillEffect {
  const sign = sideSign(trade.side);
  const size = trade.size.sub(qty);
  kernelAssert(size.gte(0), 'INV-K-SIZE-NON-NEGATIVE', () => `exit fill of ${plain(qty)} on ${trade.tradeId} leaves size ${plain(size)}`);
  const flat = size.isZero();
  const exitNotional = trade.exitNotional.add(notional);
  const exitFees = trade.exitFees.add(fee);
  let pnl: Decimal;
  let feeShare: Decimal;
  if (flat) {
    feeShare = trade.entryFees.sub(trade.entryFeesCharged);
    pnl = exitNotional.sub(trade.entryNotional).mul(sign).sub(trade.entryFees).sub(exitFees).sub(trade.realizedPnl);
  } else {
    feeShare = bookMoney(trade.entryFees.mul(qty).div(trade.initialSize));
    pnl = bookMoney(price.sub(trade.entryPrice).mul(qty).mul(sign)).sub(fee).sub(feeShare);
  }
  const realized = trade.realizedPnl.add(pnl);
  next.size = size;
  next.exitNotional = exitNotional;
  next.exitFees = exitFees;
  next.exitedQty = trade.exitedQty.add(qty);
  next.realizedPnl = realized;
  next.entryFeesCharged = trade.entryFeesCharged.add(feeShare);
  next.markPrice = price;
  order.legPnl = order.legPnl.add(pnl);
  order.legQty = order.legQty.add(qty);
  order.legNotional = order.legNotional.add(notional);
  order.legFees = order.legFees.add(fee).add(feeShare);
  const account = state.account;
  const capital = account.capital.add(pnl);
  if (!pnl.isZero()) {
    ctx.events.push({ type: 'CapitalChanged', tsMs: ctx.tsMs, before: account.capital, after: capital, delta: pnl, cause: 'EXIT_FILL', tradeId: trade.tradeId, orderId: order.orderId, fillId: order.fillIds[order.fillIds.length - 1] ?? '' });
  }
  const nextAccount: Account = {
    initialCapital: account.initialCapital, capital, realizedPnl: account.realizedPnl.add(pnl), feesPaid: account.feesPaid.add(fee).add(feeShare),
    lastVenueBalance: account.lastVenueBalance, balanceReports: account.balanceReports,
  };
  const orderDone = order.status === 'FILLED';
  const trigger = late ? (flat ? 'EXIT_FILL_LATE_FLAT' : 'EXIT_FILL_LATE') : flat ? 'EXIT_FILL_FLAT' : orderDone ? 'EXIT_FILL_LEG_DONE' : 'EXIT_FILL_PARTIAL';
  next.stage = transition(ctx, trade, trigger);
  let others: readonly Order[] = NO_ORDERS;
  // A late fill flattening the trade while another exit order works: that order's fills so far form its leg,
  // completed first (they were booked first), so every exit fill belongs to exactly one leg.
  const working = trade.activeExitOrder !== null && trade.activeExitOrder !== order.orderId ? state.orders.get(trade.activeExitOrder) : undefined;
  if (flat && working && working.legQty.gt(0)) others = [completeLeg(ctx, next, working, 'order')];
  let filledOrder: Order = order;
  if (late || flat || orderDone) {
    filledOrder = completeLeg(ctx, next, order, late ? 'late_fill' : 'order');
    if (!late) next.activeExitOrder = null;
  }
  if (flat) {
    // A position flattened while another order still works: ask the venue to cancel it.
    for (const id of [trade.activeExitOrder, trade.activeEntryOrder]) {
      const w = id === order.orderId ? filledOrder : id ? others.find((o) => o.orderId === id) ?? state.orders.get(id) : undefined;
      if (w && !isTerminal(w.status) && w.filledQty.lt(w.qty)) {
        ctx.commands.push({ type: 'CancelOrder', tsMs: ctx.tsMs, clientOrderId: w.orderId, asset: trade.asset });
      }
    }
    closeTrade(ctx, next, order.reason);
  }
  return { order: filledOrder, pnl, account: nextAccount, others };
}

export function stepBalance(state: KernelState, ctx: StepContext, balance: unknown): StepResult {
  const b = toDecimal(balance);
  if (!b || !b.isFinite()) return reject(state, ctx, 'INVALID_BALANCE', { slotId: null, tradeId: null }, { balance: show(balance) });
  const drift = b.sub(state.account.capital);
  ctx.events.push({ type: 'BalanceReported', tsMs: ctx.tsMs, venueBalance: b, kernelCapital: state.account.capital, drift });
  const a = state.account;
  const account: Account = {
    initialCapital: a.initialCapital, capital: a.capital, realizedPnl: a.realizedPnl, feesPaid: a.feesPaid, lastVenueBalance: b, balanceReports: a.balanceReports + 1,
  };
  return accept(commit(state, { account }), ctx, drift.isZero() ? 'OK' : 'BALANCE_DRIFT', { slotId: null, tradeId: null }, { balance: plain(b), drift: plain(drift) });
}
