// The adversarial venue simulator: a deterministic state machine on a virtual clock. It receives the
// adapter's requests, plays each placed order's generated script, and queues replies and stream updates in
// an outbox from which the generated schedule picks what the adapter sees next. No randomness, no clock.
import { Decimal, ZERO, bookMoney, plain } from '../../kernel/decimal.ts';
import { emptyCounts, type Behaviour, type BehaviourCounts } from './behaviours.ts';
import { makeSimulatorConfig, priceOnGrid, qtyOnGrid, type SimulatorConfig, type VenueInstrument } from './config.ts';
import { PLAIN_SCRIPT, describeScript, maskScript, type OrderScript, type VenueSwarm } from './schedule.ts';
import {
  VENUE_ERRORS, type NewOrderParams, type OrderRef, type StreamMessage, type VenueReply, type VenueRequest,
  type WireError, type WireExecutionType, type WireOrder, type WireOrderStatus,
} from './wire.ts';

export type Outgoing =
  | { readonly seq: number; readonly channel: 'rest'; readonly reply: VenueReply }
  | { readonly seq: number; readonly channel: 'stream'; readonly message: StreamMessage };

export interface SimOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly params: NewOrderParams;
  readonly inst: VenueInstrument;
  readonly price: Decimal | null;
  readonly origQty: Decimal;
  readonly reduceOnly: boolean;
  readonly script: OrderScript;
  status: WireOrderStatus;
  executedQty: Decimal;
  cumQuote: Decimal;
  /** Quantities still to execute, in order. */
  pieces: Decimal[];
  fills: number;
  ended: boolean;
  firstUpdate: StreamMessage | null;
  updateTime: number;
}

export interface SimExecution {
  readonly tradeId: number;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly commission: Decimal;
  readonly commissionAsset: string;
  /** The commission in the quote asset: what the kernel must be told. */
  readonly quoteFee: Decimal;
}

/** What the venue did with one request (the venue-side half of the conformance checks). */
export interface RequestRecord {
  readonly tMs: number;
  readonly request: VenueRequest;
  readonly outcome: string;
  /** For POST: the order placed, if any. */
  readonly placedOrderId: number | null;
  /** The venue's error code, or null when it answered 200 or the reply was lost. */
  readonly code: number | null;
  /** Not a new request: an earlier timed-out POST landing late (its record repeats that request). */
  readonly lateLanding?: true;
}

export type PositionMode = 'hedge' | 'one-way';

export class VenueSimulator {
  readonly config: SimulatorConfig;
  readonly counts: BehaviourCounts = emptyCounts();
  readonly orders: SimOrder[] = [];
  readonly executions: SimExecution[] = [];
  readonly requests: RequestRecord[] = [];
  private readonly byClientId = new Map<string, SimOrder>();
  private outbox: Outgoing[] = [];
  private held: StreamMessage[] = [];
  private resends: StreamMessage[] = [];
  /** Re-reports of an execution, each released by a reconnect only once its original was delivered. */
  private duplicates: { original: StreamMessage; copy: StreamMessage }[] = [];
  private readonly taken = new WeakSet<object>();
  private scriptIndex = 0;
  private seq = 0;
  private tradeSeq = 0;
  private wallet: Decimal;
  private lastBalanceE = 0;
  private readonly positions = new Map<string, Decimal>();
  /** Submits that timed out and will land late: placed right after the next query for them, or at a reconnect. */
  private readonly late = new Map<string, () => void>();
  nowMs = 0;

  constructor(
    private readonly scripts: readonly OrderScript[], private readonly swarm: VenueSwarm, config: SimulatorConfig = makeSimulatorConfig(),
    /** Binance's position modes: `hedge` keeps a LONG and a SHORT position per symbol; `one-way` one signed position. */
    readonly positionMode: PositionMode = 'hedge',
  ) {
    this.config = config;
    this.wallet = config.initialBalance;
  }

  count(b: Behaviour): void {
    this.counts[b] += 1;
  }

  get pending(): number {
    return this.outbox.length;
  }

  /** Removes and returns the pending message at `pick` (mod the queue length); 0 is the oldest. */
  take(pick: number): Outgoing | null {
    if (this.outbox.length === 0) return null;
    const index = pick % this.outbox.length;
    if (index !== 0) this.count('out_of_order');
    const [msg] = this.outbox.splice(index, 1);
    if (msg) this.taken.add(msg.channel === 'rest' ? msg.reply : msg.message);
    return msg ?? null;
  }

  /** Removes and returns the REST replies to request `id` (on the wire a reply is the HTTP response, not scheduled). */
  takeReplies(id: string): VenueReply[] {
    const mine = this.outbox.filter((m) => m.channel === 'rest' && m.reply.id === id);
    this.outbox = this.outbox.filter((m) => !mine.includes(m));
    return mine.map((m) => (m as Extract<Outgoing, { channel: 'rest' }>).reply);
  }

  /** Records an order request the venue refused before its matching engine saw it (a ban, a bad signature). */
  recordRefusal(request: VenueRequest, outcome: string, code: number | null): void {
    this.requests.push({ tMs: this.nowMs, request, outcome, placedOrderId: null, code });
  }

  /** Open positions by `symbol:LONG|SHORT|BOTH` (BOTH is signed), for the wire's position endpoints. */
  positionList(): { symbol: string; side: string; qty: Decimal }[] {
    return [...this.positions].map(([key, qty]) => ({ symbol: key.split(':')[0] ?? '', side: key.split(':')[1] ?? 'BOTH', qty }));
  }

  /** The script the last placed or scripted-rejected order played (the wire layer reads its transport flavour). */
  lastScript: OrderScript | null = null;

  /** A stream reconnect: held updates (gaps) and resends are delivered now, after what is pending. */
  resync(): void {
    for (const id of [...this.late.keys()]) this.land(id);
    for (const m of this.held) this.push('stream', m);
    for (const m of this.resends) {
      this.count('stream_resend');
      this.push('stream', m);
    }
    this.held = [];
    this.resends = [];
    const ready = this.duplicates.filter((d) => this.taken.has(d.original));
    this.duplicates = this.duplicates.filter((d) => !this.taken.has(d.original));
    for (const d of ready) this.push('stream', d.copy);
  }

  /** Duplicates still waiting for their original to be delivered. */
  get waitingDuplicates(): number {
    return this.duplicates.length;
  }

  private land(clientOrderId: unknown): void {
    const landing = typeof clientOrderId === 'string' ? this.late.get(clientOrderId) : undefined;
    if (!landing) return;
    this.late.delete(clientOrderId as string);
    landing();
  }

  receive(request: VenueRequest): void {
    switch (request.method) {
      case 'POST':
        return this.submit(request.id, request.params, request);
      case 'DELETE':
        return this.cancel(request.id, request.params, request);
      case 'GET':
        return this.query(request.id, request.params, request);
    }
  }

  /** The market trades against one resting order: its next piece executes. */
  match(pick: number): void {
    const open = this.orders.filter((o) => !o.ended && o.pieces.length > 0);
    const order = open[pick % Math.max(open.length, 1)];
    if (!order) return;
    this.executePiece(order);
    this.applyEnding(order);
  }

  /** Every resting order trades all its remaining pieces (the end-of-run sweep). */
  matchAll(): void {
    for (const order of this.orders) {
      while (!order.ended && order.pieces.length > 0) {
        this.executePiece(order);
        this.applyEnding(order);
      }
    }
  }

  balanceReport(variant: 'true' | 'stale' | 'contradict'): void {
    let E = this.nowMs;
    let wb = this.wallet;
    if (variant === 'stale') {
      this.count('balance_stale');
      E = Math.max(0, this.lastBalanceE - 1000);
      wb = this.config.initialBalance;
    } else if (variant === 'contradict') {
      this.count('balance_contradicting');
      wb = this.wallet.add('1234.5');
    }
    this.lastBalanceE = Math.max(this.lastBalanceE, E);
    this.push('stream', {
      e: 'ACCOUNT_UPDATE', E, T: E,
      a: { m: 'ORDER', B: [{ a: this.config.input.feeAsset, wb: '3', cw: '3' }, { a: this.config.input.quoteAsset, wb: plain(wb), cw: plain(wb) }] },
    });
  }

  private push(channel: 'rest', m: VenueReply): void;
  private push(channel: 'stream', m: StreamMessage): void;
  private push(channel: 'rest' | 'stream', m: VenueReply | StreamMessage): void {
    this.seq += 1;
    this.outbox.push(channel === 'rest' ? { seq: this.seq, channel, reply: m as VenueReply } : { seq: this.seq, channel, message: m as StreamMessage });
  }

  private error(id: string, status: 400 | 429 | 418 | 503, e: WireError, request: VenueRequest, outcome: string): void {
    this.push('rest', { id, httpStatus: status, body: { code: e.code, msg: e.msg } });
    this.requests.push({ tMs: this.nowMs, request, outcome: `${status} ${e.code} ${outcome}`, placedOrderId: null, code: e.code });
  }

  private nextScript(): OrderScript {
    const s = this.scripts[this.scriptIndex] ?? PLAIN_SCRIPT;
    this.scriptIndex += 1;
    this.lastScript = maskScript(s, this.swarm);
    return this.lastScript;
  }

  private positionKey(symbol: string, side: string, reduceOnly: boolean): string {
    if (this.positionMode === 'one-way') return `${symbol}:BOTH`;
    const long = (side === 'BUY') !== reduceOnly;
    return `${symbol}:${long ? 'LONG' : 'SHORT'}`;
  }

  /** What a reduce-only order on this side may still reduce (one-way: the signed position's opposite side). */
  private reducible(symbol: string, side: string): Decimal {
    const pos = this.positions.get(this.positionKey(symbol, side, true)) ?? ZERO;
    if (this.positionMode === 'hedge') return pos;
    return Decimal.max(ZERO, side === 'SELL' ? pos : pos.neg());
  }

  private position(o: SimOrder): Decimal {
    return this.reducible(o.symbol, o.params.side);
  }

  /** Moves the position by one execution (one-way: signed, BUY adds). */
  private book(o: SimOrder, qty: Decimal): void {
    const key = this.positionKey(o.symbol, o.params.side, o.reduceOnly);
    const pos = this.positions.get(key) ?? ZERO;
    if (this.positionMode === 'one-way') this.positions.set(key, o.params.side === 'BUY' ? pos.add(qty) : pos.sub(qty));
    else this.positions.set(key, o.reduceOnly ? pos.sub(qty) : pos.add(qty));
  }

  private usedMargin(): Decimal {
    let used = ZERO;
    for (const [key, qty] of this.positions) {
      const inst = this.config.instruments.get(key.split(':')[0] ?? '');
      if (inst) used = used.add(qty.abs().mul(inst.mark).mul(this.config.initialMarginRate));
    }
    return used;
  }

  private submit(id: string, p: NewOrderParams, request: VenueRequest): void {
    const inst = this.config.instruments.get(p.symbol);
    if (!inst) return this.error(id, 400, VENUE_ERRORS.BAD_SYMBOL, request, 'unknown symbol');
    if (typeof p.newClientOrderId !== 'string' || !/^[.A-Za-z0-9:/_-]{1,36}$/.test(p.newClientOrderId)) {
      return this.error(id, 400, VENUE_ERRORS.BAD_PARAM, request, 'newClientOrderId');
    }
    this.land(p.newClientOrderId);
    if (this.byClientId.has(p.newClientOrderId)) {
      this.count('duplicate_client_id');
      return this.error(id, 400, VENUE_ERRORS.DUPLICATE_CLIENT_ID, request, 'duplicate client order id');
    }
    if ((p.side !== 'BUY' && p.side !== 'SELL') || (p.type !== 'LIMIT' && p.type !== 'MARKET') || (p.reduceOnly !== 'true' && p.reduceOnly !== 'false')) {
      return this.error(id, 400, VENUE_ERRORS.BAD_PARAM, request, 'side/type/reduceOnly');
    }
    const qty = decimalParam(p.quantity);
    if (!qty) return this.error(id, 400, VENUE_ERRORS.BAD_PARAM, request, 'quantity');
    if (qty.lte(0)) {
      this.count('reject_off_grid');
      return this.error(id, 400, VENUE_ERRORS.QTY_ZERO, request, 'quantity ≤ 0');
    }
    if (!qtyOnGrid(qty, inst)) {
      this.count('reject_off_grid');
      return this.error(id, 400, VENUE_ERRORS.FILTER, request, 'quantity off the step grid or below minQty');
    }
    let price: Decimal | null = null;
    if (p.type === 'LIMIT') {
      price = decimalParam(p.price);
      if (!price) return this.error(id, 400, VENUE_ERRORS.BAD_PARAM, request, 'price');
      if (!priceOnGrid(price, inst)) {
        this.count('reject_off_grid');
        return this.error(id, 400, VENUE_ERRORS.PRICE_FILTER, request, 'price off the tick grid');
      }
    }
    const reduceOnly = p.reduceOnly === 'true';
    const notional = qty.mul(price ?? inst.mark);
    if (!reduceOnly && notional.lt(inst.minNotional)) {
      this.count('reject_min_notional');
      return this.error(id, 400, VENUE_ERRORS.MIN_NOTIONAL, request, 'below minimum notional');
    }
    if (reduceOnly && this.reducible(p.symbol, p.side).lte(0)) {
      this.count('reject_reduce_only');
      return this.error(id, 400, VENUE_ERRORS.REDUCE_ONLY, request, 'reduce-only with no position');
    }
    if (!reduceOnly && notional.mul(this.config.initialMarginRate).gt(this.wallet.sub(this.usedMargin()))) {
      this.count('reject_margin');
      return this.error(id, 400, VENUE_ERRORS.MARGIN, request, 'margin');
    }
    const script = this.nextScript();
    if (script.unavailable === 'service_unavailable' || script.unavailable === 'internal_error') {
      this.count('unavailable');
      return this.error(id, 503, script.unavailable === 'service_unavailable' ? VENUE_ERRORS.SERVICE_UNAVAILABLE : VENUE_ERRORS.INTERNAL_ERROR, request, 'not executed (scripted)');
    }
    if (script.reject === 'margin' && !reduceOnly) {
      this.count('reject_margin');
      return this.error(id, 400, VENUE_ERRORS.MARGIN, request, 'margin (scripted)');
    }
    if (script.reject === 'reduce_only' && reduceOnly) {
      this.count('reject_reduce_only');
      return this.error(id, 400, VENUE_ERRORS.REDUCE_ONLY, request, 'reduce-only (scripted)');
    }
    if (script.reject === 'filter') {
      this.count('reject_off_grid');
      return this.error(id, 400, VENUE_ERRORS.FILTER, request, 'filter failure (scripted: filters changed)');
    }
    if (script.reject === 'rate_limit' || script.reject === 'banned') {
      this.count(script.reject === 'rate_limit' ? 'rate_limited' : 'ip_banned');
      return this.error(id, script.reject === 'rate_limit' ? 429 : 418, VENUE_ERRORS.RATE_LIMIT, request, script.reject);
    }
    if (script.timeout === 'late') {
      this.count('timeout_late');
      this.push('rest', { id, httpStatus: 0, transportError: 'timeout' });
      this.requests.push({ tMs: this.nowMs, request, outcome: 'timeout, lands late', placedOrderId: null, code: null });
      this.late.set(p.newClientOrderId, () => this.place(id, p, request, inst, qty, price, reduceOnly, { ...script, timeout: 'placed' }, false));
      return;
    }
    if (script.timeout === 'absent') {
      this.count('timeout_absent');
      this.push('rest', { id, httpStatus: 0, transportError: 'timeout' });
      this.requests.push({ tMs: this.nowMs, request, outcome: 'timeout, not placed', placedOrderId: null, code: null });
      return;
    }
    this.place(id, p, request, inst, qty, price, reduceOnly, script);
  }

  private place(
    id: string, p: NewOrderParams, request: VenueRequest, inst: VenueInstrument, qty: Decimal, price: Decimal | null, reduceOnly: boolean,
    script: OrderScript, replies = true,
  ): void {
    const order: SimOrder = {
      orderId: this.orders.length + 1, clientOrderId: p.newClientOrderId, symbol: p.symbol, params: p, inst, price,
      origQty: qty, reduceOnly, script, status: 'NEW', executedQty: ZERO, cumQuote: ZERO,
      pieces: splitPieces(qty, script.pieces, inst.step), fills: 0, ended: false, firstUpdate: null, updateTime: this.nowMs,
    };
    this.orders.push(order);
    this.byClientId.set(order.clientOrderId, order);
    const outcome = `${replies ? '' : 'landed late: '}placed #${order.orderId} [${describeScript(script)}]`;
    this.requests.push(replies ? { tMs: this.nowMs, request, outcome, placedOrderId: order.orderId, code: null } : { tMs: this.nowMs, request, outcome, placedOrderId: order.orderId, code: null, lateLanding: true });
    if (script.timeout === 'placed' && replies) this.count('timeout_placed');
    const replyNow = script.timeout === 'none' && script.ack === 'first';
    if (replyNow) this.push('rest', { id, httpStatus: 200, body: this.wireOrder(order) });
    if (script.ack === 'first') this.update(order, 'NEW');
    const immediate = Math.min(script.immediate, order.pieces.length);
    for (let i = 0; i < immediate && !order.ended; i++) this.executePiece(order);
    this.applyEnding(order);
    if (script.timeout === 'none' && !replyNow) this.push('rest', { id, httpStatus: 200, body: { ...this.wireOrder(order), status: 'NEW', executedQty: '0', cumQuote: '0', avgPrice: '0' } });
    if (script.timeout === 'placed' && replies) this.push('rest', { id, httpStatus: 0, transportError: 'timeout' });
    if (script.ack === 'after_fill' && order.fills === 0) this.update(order, 'NEW');
    if (script.resend && order.firstUpdate) this.resends.push(order.firstUpdate);
  }

  /** After the immediate pieces (or a later match), a script may end the rest with filled > 0. */
  private applyEnding(order: SimOrder): void {
    const s = order.script;
    if (order.ended || s.end === 'rest' || order.executedQty.isZero()) return;
    if (s.end === 'cancel') this.count('partial_then_cancel');
    else this.count(order.reduceOnly ? 'reduce_only_expired' : 'partial_then_expire');
    this.endOrder(order, s.end === 'cancel' ? 'CANCELED' : 'EXPIRED');
  }

  private endOrder(order: SimOrder, status: 'CANCELED' | 'EXPIRED'): void {
    order.status = status;
    order.ended = true;
    order.pieces = [];
    this.update(order, status);
  }

  private executePiece(order: SimOrder): void {
    const want = order.pieces.shift();
    if (!want) return;
    // A reduce-only order never trades past the position it reduces.
    const qty = order.reduceOnly ? Decimal.min(want, this.position(order)) : want;
    if (qty.lte(0)) return;
    const s = order.script;
    const ticks = s.priceTicks[order.fills % Math.max(s.priceTicks.length, 1)] ?? 0;
    const base = order.price ?? order.inst.mark;
    const better = order.price !== null;
    const buy = order.params.side === 'BUY';
    const shift = order.inst.tick.mul(ticks);
    let price = buy === better ? base.sub(shift) : base.add(shift);
    if (price.lte(0)) price = base;
    if (order.fills > 0 && !price.eq(order.cumQuote.div(order.executedQty))) this.count('several_prices');
    const notional = qty.mul(price);
    const { commission, asset, quoteFee } = this.fee(order, notional);
    this.tradeSeq += 1;
    const tradeId = this.tradeSeq;
    order.fills += 1;
    order.executedQty = order.executedQty.add(qty);
    order.cumQuote = order.cumQuote.add(notional);
    order.status = order.executedQty.gte(order.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    if (order.status === 'FILLED') {
      order.ended = true;
      order.pieces = [];
    }
    this.book(order, qty);
    if (asset === this.config.input.quoteAsset) this.wallet = this.wallet.sub(commission);
    this.executions.push({ tradeId, symbol: order.symbol, clientOrderId: order.clientOrderId, qty, price, commission, commissionAsset: asset, quoteFee });
    if (order.script.ack === 'after_fill' && order.fills === 1) this.count('fill_before_ack');
    if (order.script.ack === 'none' && order.fills === 1) this.count('fill_before_ack');
    const trade = this.update(order, 'TRADE', { l: qty, L: price, n: commission, N: asset, t: tradeId });
    if (order.script.ack === 'after_fill' && order.fills === 1) {
      if (order.status === 'PARTIALLY_FILLED') this.count('ack_after_partial');
      this.update(order, 'NEW');
    }
    if (order.fills === 1 && s.duplicate !== 'none' && trade.e === 'ORDER_TRADE_UPDATE') {
      this.count(s.duplicate === 'exact' ? 'duplicate_exact' : 'duplicate_noisy');
      const noisy = { ...trade.o, L: plain(price.add(order.inst.tick)), n: plain(commission.mul(2)), l: plain(Decimal.max(order.inst.step, qty.div(2).div(order.inst.step).trunc().mul(order.inst.step))) };
      // Re-reported later, after a reconnect that follows the original's delivery (as a poll or a resent stream would).
      this.duplicates.push({ original: trade, copy: s.duplicate === 'exact' ? { ...trade } : { ...trade, o: noisy } });
    }
    if (order.status === 'FILLED' && s.canceledAfterFilled) {
      this.count('canceled_after_filled');
      this.update(order, 'CANCELED', {}, 'CANCELED');
    }
  }

  private fee(order: SimOrder, notional: Decimal): { commission: Decimal; asset: string; quoteFee: Decimal } {
    const quote = this.config.input.quoteAsset;
    switch (order.script.fee) {
      case 'zero':
        this.count('fee_zero');
        return { commission: ZERO, asset: quote, quoteFee: ZERO };
      case 'rebate': {
        this.count('fee_rebate');
        const f = bookMoney(notional.mul(this.config.rebateRate));
        return { commission: f, asset: quote, quoteFee: f };
      }
      case 'varying': {
        this.count('fee_varying');
        const f = bookMoney(notional.mul(order.fills % 2 === 0 ? this.config.takerRate : this.config.makerRate));
        return { commission: f, asset: quote, quoteFee: f };
      }
      case 'other_asset': {
        this.count('fee_other_asset');
        const f = bookMoney(notional.mul(this.config.takerRate));
        return { commission: f.div(this.config.feeAssetPrice), asset: this.config.input.feeAsset, quoteFee: f };
      }
      case 'quote': {
        const f = bookMoney(notional.mul(this.config.takerRate));
        return { commission: f, asset: quote, quoteFee: f };
      }
    }
  }

  /** Queues one ORDER_TRADE_UPDATE (held back while the order's stream has a gap). */
  private update(
    order: SimOrder, x: WireExecutionType,
    trade: { l?: Decimal; L?: Decimal; n?: Decimal; N?: string; t?: number } = {}, statusOverride?: WireOrderStatus,
  ): StreamMessage {
    order.updateTime = this.nowMs;
    const message: StreamMessage = {
      e: 'ORDER_TRADE_UPDATE', E: this.nowMs, T: this.nowMs,
      o: {
        s: order.symbol, c: order.clientOrderId, S: order.params.side, o: order.params.type, q: plain(order.origQty),
        p: order.price ? plain(order.price) : '0', ap: avgPrice(order), x, X: statusOverride ?? order.status, i: order.orderId,
        l: plain(trade.l ?? ZERO), z: plain(order.executedQty), L: plain(trade.L ?? ZERO), N: trade.N ?? '', n: plain(trade.n ?? ZERO),
        t: trade.t ?? 0, R: order.reduceOnly,
      },
    };
    if (!order.firstUpdate) order.firstUpdate = message;
    if (order.script.gap) {
      this.count('stream_gap');
      this.held.push(message);
    } else {
      this.push('stream', message);
    }
    return message;
  }

  private wireOrder(order: SimOrder): WireOrder {
    return {
      orderId: order.orderId, clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.params.side,
      type: order.params.type, status: order.status, origQty: plain(order.origQty), executedQty: plain(order.executedQty),
      cumQuote: plain(order.cumQuote), avgPrice: avgPrice(order), price: order.price ? plain(order.price) : '0',
      reduceOnly: order.reduceOnly, updateTime: order.updateTime,
    };
  }

  private cancel(id: string, ref: OrderRef, request: VenueRequest): void {
    const order = typeof ref.origClientOrderId === 'string' ? this.byClientId.get(ref.origClientOrderId) : undefined;
    if (order && !order.ended && order.script.cancelRace !== 'none') {
      this.count('fill_after_cancel_request');
      const n = order.script.cancelRace === 'fill_first' ? order.pieces.length : 1;
      for (let i = 0; i < n && !order.ended; i++) this.executePiece(order);
    }
    if (!order || order.ended) {
      if (order?.status === 'FILLED') this.count('cancel_unknown_filled');
      return this.error(id, 400, VENUE_ERRORS.UNKNOWN_ORDER, request, order ? `order already ${order.status}` : 'no such order');
    }
    this.endOrder(order, 'CANCELED');
    this.push('rest', { id, httpStatus: 200, body: this.wireOrder(order) });
    this.requests.push({ tMs: this.nowMs, request, outcome: `canceled #${order.orderId}`, placedOrderId: null, code: null });
  }

  private query(id: string, ref: OrderRef, request: VenueRequest): void {
    const order = typeof ref.origClientOrderId === 'string' ? this.byClientId.get(ref.origClientOrderId) : undefined;
    if (!order) {
      this.error(id, 400, VENUE_ERRORS.NO_SUCH_ORDER, request, 'no such order');
      return this.land(ref.origClientOrderId);
    }
    this.push('rest', { id, httpStatus: 200, body: this.wireOrder(order) });
    this.requests.push({ tMs: this.nowMs, request, outcome: `found #${order.orderId} ${order.status}`, placedOrderId: null, code: null });
  }

  orderByClientId(clientOrderId: string): SimOrder | undefined {
    return this.byClientId.get(clientOrderId);
  }
}

function avgPrice(order: SimOrder): string {
  return order.executedQty.isZero() ? '0' : plain(order.cumQuote.div(order.executedQty).toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN));
}

function decimalParam(x: unknown): Decimal | null {
  if (typeof x !== 'string' || !/^\d+(\.\d+)?$/.test(x)) return null;
  return new Decimal(x);
}

/** Splits qty by relative weights onto the step grid: truncated shares, the last piece takes the remainder. */
export function splitPieces(qty: Decimal, weights: readonly number[], step: Decimal): Decimal[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (weights.length <= 1 || total <= 0) return [qty];
  const pieces: Decimal[] = [];
  let left = qty;
  for (let i = 0; i < weights.length - 1; i++) {
    const share = qty.mul(Math.max(0, weights[i] ?? 0)).div(total).div(step).trunc().mul(step);
    if (share.gt(0) && share.lt(left)) {
      pieces.push(share);
      left = left.sub(share);
    }
  }
  pieces.push(left);
  return pieces;
}
