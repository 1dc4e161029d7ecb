// One run of the venue on the wire: the simulator, the venue's memory between requests (a lasting ban, the
// request weight of the current minute, listen keys) and the REST endpoints, each a function from Binance
// parameters to a Binance answer. Order requests go through the simulator (same scripts, same records as the
// in-process venue); a lost reply comes back as an instruction to drop or hold the connection.
import { createHash } from 'node:crypto';
import type { PositionMode, VenueSimulator } from '../simulator/simulator.ts';
import type { NewOrderParams, VenueReply, VenueRequest } from '../simulator/wire.ts';
import type { WireLost } from '../simulator/schedule.ts';
import { exchangeInfo, orderJson, tradeJson } from './binanceFormat.ts';
import { BAN_MS, wireTime } from './clock.ts';
import { mandatory, wireError, type WireFailure } from './errors.ts';

export type Answer =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'lost'; readonly how: 'drop' | 'hold' };

/** What the adapter saw of one order request, for the trace (the conformance checks read it as a VenueReply). */
export interface OrderExchange {
  readonly requestsBefore: number;
  readonly seen: VenueReply;
}

export interface Handled {
  readonly answer: Answer;
  readonly order: OrderExchange | null;
}

/** Request weights (Binance's documented IP weights for these endpoints). */
export const WEIGHTS: Readonly<Record<string, number>> = {
  'GET /fapi/v1/ping': 1, 'GET /fapi/v1/time': 1, 'GET /fapi/v1/exchangeInfo': 1, 'POST /fapi/v1/order': 0, 'GET /fapi/v1/order': 1,
  'DELETE /fapi/v1/order': 1, 'GET /fapi/v1/openOrders': 1, 'GET /fapi/v1/userTrades': 5, 'POST /fapi/v1/listenKey': 1,
  'PUT /fapi/v1/listenKey': 1, 'DELETE /fapi/v1/listenKey': 1, 'GET /fapi/v1/positionSide/dual': 30, 'GET /sapi/v1/capital/config/getall': 10, 'GET /sapi/v1/margin/allPairs': 1, 'GET /fapi/v1/leverageBracket': 1, 'GET /fapi/v2/positionRisk': 5, 'GET /fapi/v3/positionRisk': 5,
};

function json(status: number, body: unknown, headers?: Record<string, string>): Answer {
  return headers ? { kind: 'json', status, body, headers } : { kind: 'json', status, body };
}

function fail(f: WireFailure): Answer {
  return json(f.status, f.body, f.headers ? { ...f.headers } : undefined);
}

function lostAnswer(how: WireLost): { answer: Answer; seen: (id: string) => VenueReply } {
  const error = (status: number, code: number, msg: string) => ({
    answer: json(status, { code, msg }), seen: (id: string) => ({ id, httpStatus: status, body: { code, msg } }) as unknown as VenueReply,
  });
  switch (how) {
    case '503_unknown': return error(503, -1000, 'Unknown error, please check your request or try again later.');
    case '1007': return error(408, -1007, 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.');
    case '1000': return error(500, -1000, 'An unknown error occured while processing the request.');
    case 'drop':
    case 'hold':
      return { answer: { kind: 'lost', how }, seen: (id) => ({ id, httpStatus: 0, transportError: 'timeout' }) };
  }
}

export class WireSession {
  private requestSeq = 0;
  private bannedUntil: number | null = null;
  private readonly weight = new Map<number, number>();
  readonly listenKeys = new Set<string>();
  /** True once the adapter asked for a user-data stream in this run. */
  streamWanted = false;

  constructor(readonly sim: VenueSimulator, readonly positionMode: PositionMode, readonly runSerial: number) {}

  get nowMs(): number {
    return this.sim.nowMs;
  }

  /** X-MBX-USED-WEIGHT-1M: weight used in the current virtual minute, this request included. */
  addWeight(route: string): number {
    const minute = Math.floor(this.nowMs / 60_000);
    const used = (this.weight.get(minute) ?? 0) + (WEIGHTS[route] ?? 1);
    this.weight.set(minute, used);
    return used;
  }

  /** A lasting 418: every request is refused with Retry-After until the virtual clock passes the ban. */
  banned(): WireFailure | null {
    if (this.bannedUntil === null || this.nowMs >= this.bannedUntil) return null;
    const retryAfter = Math.max(1, Math.ceil((this.bannedUntil - this.nowMs) / 1000));
    return wireError(418, -1003, `Way too many requests; IP(127.0.0.1) banned until ${wireTime(this.bannedUntil)}. Please use the websocket for live updates to avoid bans.`, { 'Retry-After': String(retryAfter) });
  }

  positionSideOf(clientOrderId: string): string {
    if (this.positionMode === 'one-way') return 'BOTH';
    const o = this.sim.orderByClientId(clientOrderId);
    if (!o) return 'BOTH';
    return (o.params.side === 'BUY') !== o.reduceOnly ? 'LONG' : 'SHORT';
  }

  /** Records a refused order request so the conformance checks see it like any other. */
  refuseOrder(method: 'POST' | 'GET' | 'DELETE', params: URLSearchParams, f: WireFailure): Handled {
    const id = this.nextId();
    const before = this.sim.requests.length;
    this.sim.recordRefusal(this.recordOf(id, method, params), `${f.status} ${f.body.code} ${f.body.msg}`, f.body.code);
    return { answer: fail(f), order: { requestsBefore: before, seen: { id, httpStatus: f.status, body: f.body } as unknown as VenueReply } };
  }

  private nextId(): string {
    this.requestSeq += 1;
    return `h${this.requestSeq}`;
  }

  private recordOf(id: string, method: 'POST' | 'GET' | 'DELETE', p: URLSearchParams): VenueRequest {
    if (method === 'POST') return { id, method, path: '/fapi/v1/order', params: this.newOrderParams(p) };
    return { id, method, path: '/fapi/v1/order', params: { symbol: p.get('symbol') ?? '', origClientOrderId: p.get('origClientOrderId') ?? `orderId:${p.get('orderId') ?? ''}` } };
  }

  /** Binance parameters → the simulator's: reduceOnly defaults to false; in hedge mode it follows from positionSide. */
  private newOrderParams(p: URLSearchParams): NewOrderParams {
    const side = p.get('side') ?? '';
    const ps = p.get('positionSide');
    const reduce = this.positionMode === 'hedge' ? (ps === 'LONG' && side === 'SELL') || (ps === 'SHORT' && side === 'BUY') : p.get('reduceOnly') === 'true';
    const price = p.get('price');
    const tif = p.get('timeInForce');
    return {
      symbol: p.get('symbol') ?? '', side: side as NewOrderParams['side'], type: (p.get('type') ?? '') as NewOrderParams['type'], quantity: p.get('quantity') ?? '',
      ...(price !== null ? { price } : {}), ...(tif === 'GTC' || tif === 'IOC' ? { timeInForce: tif } : {}), reduceOnly: reduce ? 'true' : 'false',
      newClientOrderId: p.get('newClientOrderId') ?? `wb-venue-${this.requestSeq}`,
    };
  }

  /** Checks Binance makes before the matching engine sees a new order (mode, mandatory parameters). */
  private newOrderRefusal(p: URLSearchParams): WireFailure | null {
    for (const name of ['symbol', 'side', 'type']) if (!p.get(name)) return mandatory(name);
    if (!['BUY', 'SELL'].includes(p.get('side') ?? '')) return wireError(400, -1117, 'Invalid side.');
    if (!['LIMIT', 'MARKET'].includes(p.get('type') ?? '')) return wireError(400, -1116, 'Invalid orderType.');
    if (!p.get('quantity')) return mandatory('quantity');
    if (p.get('type') === 'LIMIT') {
      if (!p.get('price')) return mandatory('price');
      if (!p.get('timeInForce')) return mandatory('timeInForce');
    }
    const ro = p.get('reduceOnly');
    const ps = p.get('positionSide');
    if (this.positionMode === 'hedge') {
      if (ps !== 'LONG' && ps !== 'SHORT') return wireError(400, -4061, "Order's position side does not match user's setting.");
      if (ro !== null) return wireError(400, -1106, "Parameter 'reduceOnly' sent when not required.");
    } else {
      if (ps !== null && ps !== 'BOTH') return wireError(400, -4061, "Order's position side does not match user's setting.");
      if (ro !== null && ro !== 'true' && ro !== 'false') return wireError(400, -1102, "Mandatory parameter 'reduceOnly' was not sent, was empty/null, or malformed.");
    }
    return null;
  }

  newOrder(p: URLSearchParams): Handled {
    const refusal = this.newOrderRefusal(p);
    if (refusal) return this.refuseOrder('POST', p, refusal);
    const id = this.nextId();
    const request = this.recordOf(id, 'POST', p);
    const before = this.sim.requests.length;
    this.sim.receive(request);
    const { answer } = this.answerOf(id, this.sim.takeReplies(id)[0], true);
    return { answer, order: { requestsBefore: before, seen: this.seenOf(id) } };
  }

  /** What the client saw of each order request (a lost reply: a transport error or a 5xx/408 body). */
  private readonly lastSeen = new Map<string, VenueReply>();

  private seenOf(id: string): VenueReply {
    return this.lastSeen.get(id) ?? { id, httpStatus: 0, transportError: 'timeout' };
  }

  /** Turns the simulator's reply into the HTTP answer, remembering what the client will see. */
  private answerOf(id: string, reply: VenueReply | undefined, isSubmit: boolean): { answer: Answer } {
    if (!reply) {
      const seen: VenueReply = { id, httpStatus: 0, transportError: 'timeout' };
      this.lastSeen.set(id, seen);
      return { answer: { kind: 'lost', how: 'drop' } };
    }
    if (reply.httpStatus === 0) {
      const lost = lostAnswer(isSubmit ? (this.sim.lastScript?.lost ?? 'drop') : 'drop');
      this.lastSeen.set(id, lost.seen(id));
      return { answer: lost.answer };
    }
    this.lastSeen.set(id, reply);
    if (reply.httpStatus === 200) {
      const order = this.sim.orderByClientId(reply.body.clientOrderId);
      // The reply's own numbers win (an acknowledgement may predate fills); cumQty follows executedQty.
      const body = order ? { ...orderJson(order, this.positionSideOf(order.clientOrderId)), ...reply.body, cumQty: reply.body.executedQty, updateTime: wireTime(reply.body.updateTime) } : reply.body;
      return { answer: json(200, body) };
    }
    const headers: Record<string, string> = {};
    if (reply.httpStatus === 429) headers['Retry-After'] = '1';
    if (reply.httpStatus === 418) {
      this.bannedUntil = this.nowMs + BAN_MS;
      headers['Retry-After'] = String(BAN_MS / 1000);
    }
    return { answer: json(reply.httpStatus, reply.body, Object.keys(headers).length > 0 ? headers : undefined) };
  }

  /** GET (query) or DELETE (cancel) /fapi/v1/order, by origClientOrderId or orderId. */
  orderRef(method: 'GET' | 'DELETE', p: URLSearchParams): Handled {
    if (!p.get('symbol')) return this.refuseOrder(method, p, mandatory('symbol'));
    let cid = p.get('origClientOrderId');
    const orderId = p.get('orderId');
    if (!cid && !orderId) return this.refuseOrder(method, p, wireError(400, -1102, 'Either orderId or origClientOrderId must be sent.'));
    if (!cid) {
      const found = this.sim.orders.find((o) => String(o.orderId) === orderId && o.symbol === p.get('symbol'));
      if (!found) return this.refuseOrder(method, p, method === 'GET' ? wireError(400, -2013, 'Order does not exist.') : wireError(400, -2011, 'Unknown order sent.'));
      cid = found.clientOrderId;
    }
    const id = this.nextId();
    const before = this.sim.requests.length;
    this.sim.receive({ id, method, path: '/fapi/v1/order', params: { symbol: p.get('symbol') ?? '', origClientOrderId: cid } });
    const { answer } = this.answerOf(id, this.sim.takeReplies(id)[0], false);
    return { answer, order: { requestsBefore: before, seen: this.seenOf(id) } };
  }

  openOrders(p: URLSearchParams): Answer {
    const symbol = p.get('symbol');
    const open = this.sim.orders.filter((o) => !o.ended && (symbol === null || o.symbol === symbol));
    return json(200, open.map((o) => orderJson(o, this.positionSideOf(o.clientOrderId))));
  }

  userTrades(p: URLSearchParams): Answer {
    const symbol = p.get('symbol');
    if (!symbol) return fail(mandatory('symbol'));
    const orderId = p.get('orderId');
    const fromId = Number(p.get('fromId') ?? '0');
    const limit = Math.min(1000, Math.max(1, Number(p.get('limit') ?? '500') || 500));
    const trades = this.sim.executions
      .filter((e) => e.symbol === symbol && e.tradeId >= fromId)
      .map((e) => ({ e, o: this.sim.orderByClientId(e.clientOrderId) }))
      .filter(({ o }) => orderId === null || String(o?.orderId) === orderId)
      .slice(0, limit);
    return json(200, trades.map(({ e, o }) => tradeJson(e, o, this.positionSideOf(e.clientOrderId))));
  }

  /** GET /fapi/v2|v3/positionRisk: one row per symbol and position side (hedge: LONG and SHORT; one-way: BOTH). */
  private positionRisk(p: URLSearchParams): unknown[] {
    const symbol = p.get('symbol');
    const sides = this.positionMode === 'hedge' ? ['LONG', 'SHORT'] : ['BOTH'];
    const rows: unknown[] = [];
    for (const [s, inst] of Object.entries(this.sim.config.input.instruments)) {
      if (symbol !== null && symbol !== s) continue;
      for (const side of sides) {
        const held = this.sim.positionList().find((x) => x.symbol === s && x.side === side)?.qty;
        const amt = held ? (side === 'SHORT' ? held.neg() : held) : null;
        rows.push({
          symbol: s, positionSide: side, positionAmt: amt ? amt.toFixed() : '0', entryPrice: '0', breakEvenPrice: '0', markPrice: inst.markPrice,
          unRealizedProfit: '0', liquidationPrice: '0', isolatedMargin: '0', notional: amt ? amt.mul(inst.markPrice).toFixed() : '0', marginAsset: this.sim.config.input.quoteAsset,
          isolatedWallet: '0', initialMargin: '0', maintMargin: '0', positionInitialMargin: '0', openOrderInitialMargin: '0', adl: 0, bidNotional: '0',
          askNotional: '0', updateTime: wireTime(this.nowMs), leverage: String(Math.floor(1 / Number(this.sim.config.input.initialMarginRate))), marginType: 'cross',
        });
      }
    }
    return rows;
  }

  /** One bracket per symbol: the initial margin rate of the run as leverage (ccxt reads it when it places orders). */
  private leverageBrackets(): unknown[] {
    const leverage = Math.floor(1 / Number(this.sim.config.input.initialMarginRate));
    return Object.keys(this.sim.config.input.instruments).map((symbol) => ({
      symbol, notionalCoef: 1, brackets: [{ bracket: 1, initialLeverage: leverage, notionalCap: 1_000_000, notionalFloor: 0, maintMarginRatio: 0.025, cum: 0 }],
    }));
  }

  /** POST /fapi/v1/listenKey answers the run's key (the same one while it is valid, as Binance does). */
  listenKey(method: string, p: URLSearchParams): Answer {
    if (method === 'POST') {
      this.streamWanted = true;
      const existing = [...this.listenKeys][0];
      const key = existing ?? createHash('sha256').update(`workbench-listen-key:${this.runSerial}`).digest('hex');
      this.listenKeys.add(key);
      return json(200, { listenKey: key });
    }
    const given = p.get('listenKey');
    if (this.listenKeys.size === 0 || (given !== null && !this.listenKeys.has(given))) return fail(wireError(400, -1125, 'This listenKey does not exist.'));
    if (method === 'DELETE') this.listenKeys.clear();
    return json(200, {});
  }

  route(method: string, path: string, p: URLSearchParams): Handled {
    const plain = (answer: Answer): Handled => ({ answer, order: null });
    switch (`${method} ${path}`) {
      case 'GET /fapi/v1/ping': return plain(json(200, {}));
      case 'GET /fapi/v1/time': return plain(json(200, { serverTime: wireTime(this.nowMs) }));
      case 'GET /fapi/v1/exchangeInfo': return plain(json(200, exchangeInfo(this.sim, this.nowMs)));
      case 'POST /fapi/v1/order': return this.newOrder(p);
      case 'GET /fapi/v1/order': return this.orderRef('GET', p);
      case 'DELETE /fapi/v1/order': return this.orderRef('DELETE', p);
      case 'GET /fapi/v1/openOrders': return plain(this.openOrders(p));
      case 'GET /fapi/v1/userTrades': return plain(this.userTrades(p));
      case 'POST /fapi/v1/listenKey':
      case 'PUT /fapi/v1/listenKey':
      case 'DELETE /fapi/v1/listenKey': return plain(this.listenKey(method, p));
      case 'GET /fapi/v1/positionSide/dual': return plain(json(200, { dualSidePosition: this.positionMode === 'hedge' }));
      // ccxt's loadMarkets asks the spot wallet for its coins and margin pairs when it holds keys; not USD-M: empty.
      case 'GET /fapi/v1/leverageBracket': return plain(json(200, this.leverageBrackets()));
      case 'GET /fapi/v2/positionRisk':
      case 'GET /fapi/v3/positionRisk': return plain(json(200, this.positionRisk(p)));
      case 'GET /sapi/v1/capital/config/getall':
      case 'GET /sapi/v1/margin/allPairs': return plain(json(200, []));
      default: throw new Error(`no route for ${method} ${path}`);
    }
  }
}

/** Security per route: none (public), key only (USER_STREAM), or key and signature (TRADE / USER_DATA). */
export const SECURITY: Readonly<Record<string, 'none' | 'key' | 'signed'>> = {
  'GET /fapi/v1/ping': 'none', 'GET /fapi/v1/time': 'none', 'GET /fapi/v1/exchangeInfo': 'none',
  'POST /fapi/v1/order': 'signed', 'GET /fapi/v1/order': 'signed', 'DELETE /fapi/v1/order': 'signed', 'GET /fapi/v1/openOrders': 'signed',
  'GET /fapi/v1/userTrades': 'signed', 'POST /fapi/v1/listenKey': 'key', 'PUT /fapi/v1/listenKey': 'key', 'DELETE /fapi/v1/listenKey': 'key',
  'GET /fapi/v1/positionSide/dual': 'signed', 'GET /sapi/v1/capital/config/getall': 'signed', 'GET /sapi/v1/margin/allPairs': 'key',
  'GET /fapi/v1/leverageBracket': 'signed', 'GET /fapi/v2/positionRisk': 'signed', 'GET /fapi/v3/positionRisk': 'signed',
};
