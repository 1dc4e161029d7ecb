// The reference adapter for the simulated Binance-shaped venue: passes every INV-A check. It dedupes
// executions by trade id, takes `l` (not `z`) as the fill, truncates to the venue grid, resolves unknown
// submits by querying before a resubmit with the same client order id, and delivers an order's end only
// once every execution it covers has been delivered (so canceled-with-fills keeps its fills).
import { Decimal } from '../../kernel/decimal.ts';
import type { OrderUpdate, StreamMessage, VenueReply, VenueRequest } from '../../venue/simulator/wire.ts';
import type {
  AdapterCapabilities, AdapterConfig, AdapterEvent, AdapterFactory, AdapterReaction, AdapterUnderTest, KernelDelivery, WireCommand,
} from '../contract.ts';

type Submit = Extract<WireCommand, { type: 'SubmitOrder' }>;

export interface Tracked {
  readonly command: Submit;
  readonly kernelQty: Decimal;
  venueQty: Decimal | null;
  request: VenueRequest | null;
  /** Something was delivered for this order: an acknowledgement would now be stale. */
  spoken: boolean;
  delivered: Decimal;
  readonly tradeIds: Set<number>;
  ended: boolean;
  pendingEnd: { kind: 'order_canceled' | 'order_expired'; z: Decimal } | null;
  attempts: number;
  queries: number;
  cancelRequested: boolean;
}

/** Resends of one order under its client order id; past this its fate stays unknown (the kernel keeps it pending). */
const MAX_SUBMIT_ATTEMPTS = 8;
const MAX_QUERIES = 3;

export const REFERENCE_CAPABILITIES: AdapterCapabilities = {
  name: 'reference', version: '1', orderTypes: ['LIMIT'], cancel: true, queryOrder: true, feeAssets: ['USDT', 'BNB'], balanceReports: true,
};

export class ReferenceAdapter implements AdapterUnderTest {
  readonly capabilities = REFERENCE_CAPABILITIES;
  protected readonly orders = new Map<string, Tracked>();
  protected readonly requests = new Map<string, { clientOrderId: string; kind: 'submit' | 'cancel' | 'query' }>();
  protected requestSeq = 0;
  protected lastBalanceE = -1;
  protected out: { requests: VenueRequest[]; deliver: KernelDelivery[] } = { requests: [], deliver: [] };

  constructor(protected readonly config: AdapterConfig) {}

  handle(event: AdapterEvent): AdapterReaction {
    this.out = { requests: [], deliver: [] };
    if (event.type === 'command') this.onCommand(event.command);
    else if (event.type === 'reply') this.onReply(event.reply);
    else if (event.type === 'stream') this.onStream(event.message);
    // `sync` is only sent on the wire, where this in-process adapter never runs: nothing to do.
    return this.out;
  }

  protected send(clientOrderId: string, kind: 'submit' | 'cancel' | 'query', build: (id: string) => VenueRequest): VenueRequest {
    this.requestSeq += 1;
    const id = `r${this.requestSeq}`;
    this.requests.set(id, { clientOrderId, kind });
    const request = build(id);
    this.out.requests.push(request);
    return request;
  }

  protected onCommand(command: WireCommand): void {
    if (command.type === 'CancelOrder') {
      const t = this.orders.get(command.clientOrderId);
      if (t) t.cancelRequested = true;
      this.send(command.clientOrderId, 'cancel', (id) => ({
        id, method: 'DELETE', path: '/fapi/v1/order', params: { symbol: command.asset, origClientOrderId: command.clientOrderId },
      }));
      return;
    }
    const t: Tracked = {
      command, kernelQty: new Decimal(command.qty), venueQty: null, request: null, spoken: false, delivered: new Decimal(0),
      tradeIds: new Set(), ended: false, pendingEnd: null, attempts: 0, queries: 0, cancelRequested: false,
    };
    this.orders.set(command.clientOrderId, t);
    const inst = this.config.instruments[command.asset];
    if (!inst) return this.rejectLocally(t, 'LOCAL_UNKNOWN_SYMBOL', `no instrument ${command.asset}`);
    const step = new Decimal(inst.stepSize);
    const minQty = new Decimal(inst.minQty);
    const tick = new Decimal(inst.tickSize);
    // Fractions of a step are truncated, never rounded up; what truncates below minQty is never sent.
    if (t.kernelQty.lt(minQty)) return this.rejectLocally(t, 'LOCAL_QTY_BELOW_MIN', `qty ${command.qty} < minQty ${inst.minQty}`);
    const qty = this.venueQuantity(t.kernelQty, minQty, step);
    // The limit never crosses the reference: a BUY rounds down to the tick, a SELL up.
    const ticks = new Decimal(command.referencePrice).div(tick);
    const price = (command.orderSide === 'BUY' ? ticks.floor() : ticks.ceil()).mul(tick);
    // Minimum notional is left to the venue (−4164 comes back as order_rejected): its mark may differ from ours.
    t.venueQty = qty;
    this.submit(t, price);
  }

  /** Binance's grid: minQty + a whole number of steps, the fraction truncated (never rounded up). */
  protected venueQuantity(kernelQty: Decimal, minQty: Decimal, step: Decimal): Decimal {
    return minQty.add(kernelQty.sub(minQty).div(step).trunc().mul(step));
  }

  protected submit(t: Tracked, price?: Decimal): void {
    t.attempts += 1;
    const c = t.command;
    const previous = t.request;
    t.request = this.send(c.clientOrderId, 'submit', (id) => {
      if (previous && previous.method === 'POST') return { ...previous, id };
      return {
        id, method: 'POST', path: '/fapi/v1/order',
        params: {
          symbol: c.asset, side: c.orderSide, type: 'LIMIT', timeInForce: 'GTC', quantity: (t.venueQty as Decimal).toFixed(),
          price: (price as Decimal).toFixed(), reduceOnly: c.reduceOnly ? 'true' : 'false', newClientOrderId: c.clientOrderId,
        },
      };
    });
  }

  protected query(t: Tracked): void {
    t.queries += 1;
    this.send(t.command.clientOrderId, 'query', (id) => ({
      id, method: 'GET', path: '/fapi/v1/order', params: { symbol: t.command.asset, origClientOrderId: t.command.clientOrderId },
    }));
  }

  protected rejectLocally(t: Tracked, code: string, message: string): void {
    this.end(t, { kind: 'order_rejected', orderId: t.command.clientOrderId, venueCode: code, message });
  }

  protected end(t: Tracked, delivery: KernelDelivery): void {
    if (t.ended) return;
    t.ended = true;
    t.spoken = true;
    this.out.deliver.push(delivery);
  }

  protected acknowledge(t: Tracked): void {
    if (t.spoken || t.ended) return;
    t.spoken = true;
    this.out.deliver.push({ kind: 'order_accepted', orderId: t.command.clientOrderId });
  }

  /** Ends the order once the executions the venue reported for it have all been delivered. */
  protected settle(t: Tracked): void {
    if (t.ended) return;
    if (t.venueQty && t.delivered.gte(t.venueQty)) {
      t.ended = true;
      // The venue filled all it was sent; the kernel's finer remainder can never trade.
      if (t.venueQty.lt(t.kernelQty)) this.out.deliver.push({ kind: 'order_expired', orderId: t.command.clientOrderId });
      return;
    }
    if (t.pendingEnd && t.delivered.gte(t.pendingEnd.z)) this.end(t, { kind: t.pendingEnd.kind, orderId: t.command.clientOrderId });
  }

  protected onReply(reply: VenueReply): void {
    const req = this.requests.get(reply.id);
    const t = req ? this.orders.get(req.clientOrderId) : undefined;
    if (!req || !t) return;
    this.requests.delete(reply.id);
    if (req.kind === 'submit') return this.onSubmitReply(t, reply);
    if (req.kind === 'query') return this.onQueryReply(t, reply);
    if (reply.httpStatus === 200 && (reply.body.status === 'CANCELED' || reply.body.status === 'EXPIRED')) {
      t.pendingEnd = { kind: reply.body.status === 'CANCELED' ? 'order_canceled' : 'order_expired', z: new Decimal(reply.body.executedQty) };
      this.settle(t);
    }
    // −2011 on a cancel: the order had filled (its executions arrive on the stream) or was never placed.
  }

  protected onSubmitReply(t: Tracked, reply: VenueReply): void {
    if (reply.httpStatus === 200) return this.acknowledge(t);
    if (reply.httpStatus === 0 || reply.httpStatus === 503 || reply.body.code === -1007) return this.query(t); // unknown is not failed
    if (reply.body.code === -4116) return this.acknowledge(t); // duplicate client order id: the first attempt landed
    this.end(t, { kind: 'order_rejected', orderId: t.command.clientOrderId, venueCode: String(reply.body.code), message: reply.body.msg });
  }

  protected onQueryReply(t: Tracked, reply: VenueReply): void {
    if (reply.httpStatus === 200) {
      this.acknowledge(t);
      const s = reply.body.status;
      if (s === 'CANCELED' || s === 'EXPIRED') {
        t.pendingEnd = { kind: s === 'CANCELED' ? 'order_canceled' : 'order_expired', z: new Decimal(reply.body.executedQty) };
        this.settle(t);
      }
      return;
    }
    if (reply.httpStatus !== 0 && reply.body.code === -2013) {
      // Absent for now — but a timed-out order may still land (Binance warns of it for −1007), so −2013 is
      // never a reason to report failure: send it again under the same client order id (the venue refuses
      // a second copy with −4116) until the venue gives a definite answer.
      if (t.attempts < MAX_SUBMIT_ATTEMPTS) return this.submit(t);
      return;
    }
    if (t.queries < MAX_QUERIES) this.query(t);
  }

  protected onStream(message: StreamMessage): void {
    if (message.e === 'ACCOUNT_UPDATE') {
      if (message.E < this.lastBalanceE) return; // stale: an older snapshot than one already forwarded
      const quote = message.a.B.find((b) => b.a === this.config.quoteAsset);
      if (!quote) return;
      this.lastBalanceE = message.E;
      this.out.deliver.push({ kind: 'balance_reported', balance: quote.wb });
      return;
    }
    const o = message.o;
    const t = this.orders.get(o.c);
    if (!t) return;
    if (o.x === 'TRADE') this.onTrade(t, o);
    else if (o.x === 'NEW') this.acknowledge(t);
    else if (o.x === 'CANCELED' || o.x === 'EXPIRED') {
      if (!t.pendingEnd) t.pendingEnd = { kind: o.x === 'CANCELED' ? 'order_canceled' : 'order_expired', z: new Decimal(o.z) };
    }
    this.settle(t);
  }

  protected onTrade(t: Tracked, o: OrderUpdate): void {
    if (t.tradeIds.has(o.t)) return; // the same execution reported again (possibly with other numbers)
    t.tradeIds.add(o.t);
    t.spoken = true;
    t.delivered = t.delivered.add(o.l);
    this.out.deliver.push({ kind: 'order_filled', orderId: o.c, fillId: `${o.s}:${o.t}`, qty: o.l, price: o.L, fee: this.quoteFee(o.n, o.N) });
  }

  protected quoteFee(n: string, asset: string): string {
    if (asset === '' || asset === this.config.quoteAsset) return n;
    const price = this.config.assetPrices[asset];
    return price ? new Decimal(n).mul(price).toFixed() : n;
  }
}

export const createAdapter: AdapterFactory = (config) => new ReferenceAdapter(config);
export default createAdapter;
