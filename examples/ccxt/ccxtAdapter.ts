// An example venue adapter built on ccxt's `binanceusdm` (REST + ccxt.pro's user-data stream), the way a team
// would write one for Binance USDⓈ-M futures. Its only concession to the workbench: every base URL points at
// the venue the workbench serves (WORKBENCH_VENUE_REST_URL / _WS_URL, keys in WORKBENCH_VENUE_API_KEY / _SECRET).
// Run it under the wire venue:
//
//   npx workbench fuzz --venue wire --adapter-cmd "npx tsx examples/ccxt/ccxtAdapter.ts"
//
// What it does right (spec/venue.md §2.4): quantities truncated to LOT_SIZE and prices put on the tick from
// exchangeInfo, exact strings from the raw stream fields (never ccxt's floats), executions deduplicated by
// trade id, ends delivered only after the fills they cover, a lost or 5xx submit queried before anything else
// and resent under the same client order id only after −2013, and −4116 taken as proof the order landed.
// `Weaknesses` switch on the three mistakes a first ccxt adapter made (tests/wire/ fuzzes each one).
import { Decimal } from 'decimal.js';
import { serveAdapter } from './jsonLinesBridge.ts';

export interface Weaknesses {
  /** −4116 ("ClientOrderId is duplicated") delivered as a rejection although the first attempt landed. */
  readonly duplicateIdIsRejection?: boolean;
  /** Fill quantity, price and fee taken from ccxt's parsed floats. */
  readonly floatFills?: boolean;
  /** After a lost submit reply, send it again at once (same id) instead of querying first. */
  readonly retryWithoutQuery?: boolean;
}

interface OrderView {
  readonly cid: string;
  readonly symbol: string;
  readonly kernelQty: Decimal;
  sentQty: Decimal | null;
  fate: 'pending' | 'placed' | 'unknown' | 'absent' | 'rejected';
  spoken: boolean;
  ended: boolean;
  readonly trades: Set<string>;
  delivered: Decimal;
  pendingEnd: { kind: 'order_canceled' | 'order_expired'; z: Decimal } | null;
  send: (() => Promise<unknown>) | null;
}

type Delivery = Record<string, string>;
/* eslint-disable @typescript-eslint/no-explicit-any -- ccxt's objects are dynamic dictionaries */
type Loose = any;

// ccxt takes seconds to load; the import starts at once but the handshake does not wait for it.
const ccxtLoading: Promise<Loose> = import('ccxt').then((m: Loose) => m.default ?? m);

function env(name: string): string {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(`ccxtAdapter: ${name} is not set (the workbench's wire venue sets it)\n`);
    process.exit(2);
  }
  return v;
}

/** The test-specific change: every base URL of the exchange points at the workbench's venue. */
function pointAtVenue(ex: Loose, rest: string, ws: string): void {
  const restOrigin = new URL(rest).origin;
  const wsOrigin = new URL(ws).origin;
  const walk = (node: Loose): Loose => {
    if (typeof node === 'string') {
      if (/^https?:\/\//.test(node)) return restOrigin + new URL(node).pathname;
      if (/^wss?:\/\//.test(node)) return wsOrigin + new URL(node).pathname;
      return node;
    }
    if (node && typeof node === 'object') {
      const out: Loose = Array.isArray(node) ? [] : {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v);
      return out;
    }
    return node;
  };
  ex.urls = { ...ex.urls, api: walk(ex.urls.api) };
}

/** Binance's error code from a ccxt error (ccxt puts the response body in the message), or null (transport). */
function codeOf(e: unknown): number | null {
  const m = /"code":\s*(-?\d+)/.exec(String((e as Error)?.message ?? ''));
  return m ? Number(m[1]) : null;
}

/** −1000 / −1006 / −1007 and transport failures: the venue may or may not have executed it. */
function fateUnknown(code: number | null): boolean {
  return code === null || code === -1000 || code === -1006 || code === -1007;
}

function text(d: Decimal): string {
  return d.toFixed();
}

export class CcxtAdapter {
  private ex: Loose = null;
  private hedged: boolean | null = null;
  private markets: { key: string; markets: Loose } | null = null;
  private config: Loose = null;
  private readonly orders = new Map<string, OrderView>();
  private trades: Loose[] = [];
  private updates: Loose[] = [];
  private out: Delivery[] = [];

  constructor(private readonly weak: Weaknesses = {}) {}

  async reset(config: Loose): Promise<void> {
    await this.stop();
    this.config = config;
    this.orders.clear();
    this.trades = [];
    this.updates = [];
    const ccxt = await ccxtLoading;
    // Part of the test-specific change: the venue compresses time (spec/venue.md §7.3), so ccxt's real-time
    // throttle would only add waits the venue's own clock never sees (its bans and weights are the venue's).
    const ex: Loose = new ccxt.pro.binanceusdm({ apiKey: env('WORKBENCH_VENUE_API_KEY'), secret: env('WORKBENCH_VENUE_API_SECRET'), enableRateLimit: false });
    pointAtVenue(ex, env('WORKBENCH_VENUE_REST_URL'), env('WORKBENCH_VENUE_WS_URL'));
    // Part of the same change: ccxt opens a plain ws:// URL (loopback has no TLS) only with an http agent loaded.
    await ex.loadHttpProxyAgent();
    this.ex = ex;
    // Markets and the account's position mode do not change while the adapter runs: loaded once, as a
    // long-running adapter would, and handed to each run's fresh exchange object.
    const configKey = JSON.stringify(config);
    if (this.markets?.key !== configKey) this.markets = { key: configKey, markets: await ex.loadMarkets() };
    else ex.setMarkets(Object.values(this.markets.markets));
    this.hedged ??= (await ex.fetchPositionMode(undefined)).hedged === true;
    // ccxt's order cache keeps one (the latest) object per order, so a stale NEW arriving after CANCELED would
    // hide the end; every ORDER_TRADE_UPDATE is therefore also taken as it arrives, in order.
    const handleOrderUpdate = ex.handleOrderUpdate;
    ex.handleOrderUpdate = (client: Loose, message: Loose) => {
      if (this.ex === ex && message?.e === 'ORDER_TRADE_UPDATE' && message.o && !Array.isArray(message.o)) this.updates.push({ ...message.o });
      return handleOrderUpdate.call(ex, client, message);
    };
    void this.loop(ex, () => ex.watchMyTrades(), (xs) => this.trades.push(...xs));
    for (let i = 0; i < 300 && !Object.values(ex.clients ?? {}).some((c: Loose) => c.isConnected); i++) await new Promise((r) => setTimeout(r, 10));
  }

  /** A user-data stream reader: ccxt reconnects on the next watch call after a disconnect. */
  private async loop(ex: Loose, watch: () => Promise<Loose[]>, take: (xs: Loose[]) => void): Promise<void> {
    while (this.ex === ex) {
      try {
        take(await watch());
      } catch {
        if (this.ex !== ex) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }

  async stop(): Promise<void> {
    const ex = this.ex;
    this.ex = null;
    if (ex) await ex.close().catch(() => undefined);
  }

  private deliver(o: OrderView, d: Delivery): void {
    o.spoken = true;
    this.out.push(d);
  }

  private market(symbol: string): Loose {
    return this.ex.markets_by_id[symbol][0];
  }

  private filter(symbol: string, type: string): Loose {
    return this.market(symbol).info.filters.find((f: Loose) => f.filterType === type);
  }

  async handle(event: Loose): Promise<{ deliver: Delivery[] }> {
    this.out = [];
    if (event.type === 'command' && event.command.type === 'SubmitOrder') await this.submit(event.command);
    else if (event.type === 'command') await this.cancel(event.command);
    else if (event.type === 'sync') await this.resolveUnknown();
    await new Promise((r) => setImmediate(r));
    this.drainStream();
    return { deliver: this.out };
  }

  private async submit(c: Loose): Promise<void> {
    const lot = this.filter(c.asset, 'LOT_SIZE');
    const tick = new Decimal(this.filter(c.asset, 'PRICE_FILTER').tickSize);
    const o: OrderView = {
      cid: c.clientOrderId, symbol: c.asset, kernelQty: new Decimal(c.qty), sentQty: null, fate: 'pending', spoken: false, ended: false,
      trades: new Set(), delivered: new Decimal(0), pendingEnd: null, send: null,
    };
    this.orders.set(o.cid, o);
    const step = new Decimal(lot.stepSize);
    const minQty = new Decimal(lot.minQty);
    if (o.kernelQty.lt(minQty)) {
      o.ended = true;
      return this.deliver(o, { kind: 'order_rejected', orderId: o.cid, venueCode: 'LOCAL_QTY_BELOW_MIN', message: `quantity ${c.qty} truncates below minQty ${lot.minQty}` });
    }
    const qty = minQty.add(o.kernelQty.sub(minQty).div(step).floor().mul(step));
    o.sentQty = qty;
    const ref = new Decimal(c.referencePrice).div(tick);
    const price = (c.orderSide === 'BUY' ? ref.floor() : ref.ceil()).mul(tick);
    const long = (c.orderSide === 'BUY') !== c.reduceOnly;
    const params: Record<string, unknown> = { clientOrderId: o.cid, timeInForce: 'GTC' };
    if (this.hedged) params['positionSide'] = long ? 'LONG' : 'SHORT';
    else if (c.reduceOnly) params['reduceOnly'] = true;
    const symbol = this.market(c.asset).symbol;
    o.send = () => this.ex.createOrder(symbol, 'limit', c.orderSide.toLowerCase(), text(qty), text(price), params);
    await this.place(o);
  }

  private async place(o: OrderView): Promise<void> {
    try {
      const r = await (o.send as () => Promise<Loose>)();
      o.fate = 'placed';
      if (!o.spoken && r?.info?.status === 'NEW') this.deliver(o, { kind: 'order_accepted', orderId: o.cid });
    } catch (e) {
      const code = codeOf(e);
      if (fateUnknown(code)) {
        o.fate = 'unknown';
        if (this.weak.retryWithoutQuery) return this.retryOnce(o);
        return this.query(o);
      }
      if (code === -4116 && !this.weak.duplicateIdIsRejection) {
        o.fate = 'placed'; // the first attempt landed: its updates will come
        return;
      }
      o.fate = 'rejected';
      if (!o.ended) {
        o.ended = true;
        this.deliver(o, { kind: 'order_rejected', orderId: o.cid, venueCode: String(code), message: String((e as Error).message).slice(0, 200) });
      }
    }
  }

  private async retryOnce(o: OrderView): Promise<void> {
    try {
      await (o.send as () => Promise<Loose>)();
      o.fate = 'placed';
    } catch (e) {
      o.fate = codeOf(e) === -4116 ? 'placed' : 'unknown';
    }
  }

  /** Unknown is not failed: ask the venue; −2013 lets us send it again under the same client order id. */
  private async query(o: OrderView): Promise<void> {
    try {
      const r = await this.ex.fetchOrder(undefined, this.market(o.symbol).symbol, { origClientOrderId: o.cid });
      o.fate = 'placed';
      if (!o.spoken && r?.info?.status === 'NEW') this.deliver(o, { kind: 'order_accepted', orderId: o.cid });
    } catch (e) {
      if (codeOf(e) === -2013) {
        o.fate = 'absent';
        await this.place(o);
      }
      // anything else: still unknown; asked again at the next sync
    }
  }

  private async resolveUnknown(): Promise<void> {
    for (const o of this.orders.values()) if (o.fate === 'unknown' && !this.weak.retryWithoutQuery) await this.query(o);
  }

  private async cancel(c: Loose): Promise<void> {
    const o = this.orders.get(c.clientOrderId);
    try {
      const r = await this.ex.cancelOrder(undefined, this.market(c.asset).symbol, { origClientOrderId: c.clientOrderId });
      const z = new Decimal(r?.info?.executedQty ?? '0');
      if (o && !o.ended && r?.info?.status === 'CANCELED' && o.sentQty && z.lt(o.sentQty)) o.pendingEnd = { kind: 'order_canceled', z };
    } catch {
      // −2011: already filled or ended; the stream has the rest
    }
  }

  /** What the stream readers collected: fills first (deduplicated by trade id), then acknowledgements and ends. */
  private drainStream(): void {
    const trades = this.trades;
    this.trades = [];
    for (const t of trades) {
      const raw = t.info;
      const o = this.orders.get(raw.c);
      if (!o || o.trades.has(String(raw.t))) continue;
      o.trades.add(String(raw.t));
      o.delivered = o.delivered.add(raw.l);
      this.deliver(o, this.weak.floatFills ? this.floatFill(t) : {
        kind: 'order_filled', orderId: o.cid, fillId: `${raw.s}:${raw.t}`, qty: raw.l, price: raw.L, fee: text(this.quoteFee(raw.n, raw.N)),
      });
    }
    const updates = this.updates;
    this.updates = [];
    for (const u of updates) {
      const o = this.orders.get(u.c);
      if (!o || o.ended) continue;
      if (u.x === 'NEW' && !o.spoken) this.deliver(o, { kind: 'order_accepted', orderId: o.cid });
      if ((u.X === 'CANCELED' || u.X === 'EXPIRED') && new Decimal(u.z).lt(u.q)) o.pendingEnd = { kind: u.X === 'CANCELED' ? 'order_canceled' : 'order_expired', z: new Decimal(u.z) };
      // Filled on the venue, yet short of what the kernel asked (its grid is finer): the rest can never trade.
      if (u.X === 'FILLED' && o.sentQty && o.sentQty.lt(o.kernelQty)) o.pendingEnd = { kind: 'order_expired', z: new Decimal(u.z) };
    }
    for (const o of this.orders.values()) {
      if (o.pendingEnd && !o.ended && o.delivered.gte(o.pendingEnd.z)) {
        o.ended = true;
        this.deliver(o, { kind: o.pendingEnd.kind, orderId: o.cid });
      }
    }
  }

  private quoteFee(n: string | undefined, asset: string | undefined): Decimal {
    const fee = new Decimal(n ?? '0');
    if (!asset || asset === this.config.quoteAsset) return fee;
    return fee.mul(this.config.assetPrices[asset]);
  }

  /** The weakness: ccxt's unified trade, whose numbers are JavaScript floats. */
  private floatFill(t: Loose): Delivery {
    const rate = t.fee?.currency && t.fee.currency !== 'USDT' ? Number(this.config.assetPrices[t.fee.currency]) : 1;
    return { kind: 'order_filled', orderId: t.info.c, fillId: `${t.info.s}:${t.info.t}`, qty: String(t.amount), price: String(t.price), fee: String((t.fee?.cost ?? 0) * rate) };
  }
}

export const CAPABILITIES = { name: 'ccxt-binanceusdm-example', version: '1', orderTypes: ['LIMIT'], cancel: true, queryOrder: true, feeAssets: ['USDT', 'BNB'], balanceReports: false };

export function serveCcxtAdapter(weak: Weaknesses = {}): Promise<void> {
  const adapter = new CcxtAdapter(weak);
  return serveAdapter({
    name: 'ccxt-binanceusdm-example', adapterCapabilities: CAPABILITIES,
    onReset: (config) => adapter.reset(config),
    onEvent: (event) => adapter.handle(event),
    onShutdown: () => adapter.stop(),
  });
}

// A closed exchange or a dropped stream rejects futures of ccxt's own subscriptions that nobody awaits any
// more (the readers above re-subscribe); those are expected. Anything else is a bug: exit loudly.
process.on('unhandledRejection', (e) => {
  void ccxtLoading.then((ccxt) => {
    if (e instanceof ccxt.BaseError) return;
    process.stderr.write(`ccxtAdapter: unhandled rejection: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  });
});

if (import.meta.url === `file://${process.argv[1]}`) void serveCcxtAdapter();
