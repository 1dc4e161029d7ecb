// The simulator's state in Binance USDⓈ-M futures' JSON, field for field as the REST API and the user-data
// stream document them (spec/venue.md §7 lists each field with its source): exchange info, the order object,
// account trades and the stream events. Pure functions; decimals stay strings.
import { plain } from '../../kernel/decimal.ts';
import type { SimExecution, SimOrder, VenueSimulator } from '../simulator/simulator.ts';
import type { StreamMessage } from '../simulator/wire.ts';
import { wireTime } from './clock.ts';

function decimals(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

/** GET /fapi/v1/exchangeInfo: the run's instruments with their PRICE_FILTER, LOT_SIZE and MIN_NOTIONAL filters. */
export function exchangeInfo(sim: VenueSimulator, nowMs: number): Record<string, unknown> {
  const quote = sim.config.input.quoteAsset;
  const symbols = Object.entries(sim.config.input.instruments).map(([symbol, i]) => ({
    symbol, pair: symbol, contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: 1569398400000, status: 'TRADING',
    maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset: symbol.replace(quote, ''), quoteAsset: quote, marginAsset: quote,
    pricePrecision: decimals(i.tickSize), quantityPrecision: decimals(i.stepSize), baseAssetPrecision: 8, quotePrecision: 8,
    underlyingType: 'COIN', underlyingSubType: [], triggerProtect: '0.0500', liquidationFee: '0.012500', marketTakeBound: '0.05',
    maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: i.tickSize, maxPrice: '1000000', tickSize: i.tickSize },
      { filterType: 'LOT_SIZE', minQty: i.minQty, maxQty: '1000', stepSize: i.stepSize },
      { filterType: 'MARKET_LOT_SIZE', minQty: i.minQty, maxQty: '1000', stepSize: i.stepSize },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      { filterType: 'MIN_NOTIONAL', notional: i.minNotional },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET'], timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
  }));
  return {
    timezone: 'UTC', serverTime: wireTime(nowMs), futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
    ],
    exchangeFilters: [],
    assets: [{ asset: quote, marginAvailable: true, autoAssetExchange: '-10000' }, { asset: sim.config.input.feeAsset, marginAvailable: true, autoAssetExchange: '0' }],
    symbols,
  };
}

function avg(o: SimOrder): string {
  return o.executedQty.isZero() ? '0' : plain(o.cumQuote.div(o.executedQty).toDecimalPlaces(8));
}

/** The order object of POST/GET/DELETE /fapi/v1/order and GET openOrders. */
export function orderJson(o: SimOrder, positionSide: string): Record<string, unknown> {
  return {
    orderId: o.orderId, symbol: o.symbol, status: o.status, clientOrderId: o.clientOrderId, price: o.price ? plain(o.price) : '0',
    avgPrice: avg(o), origQty: plain(o.origQty), executedQty: plain(o.executedQty), cumQty: plain(o.executedQty), cumQuote: plain(o.cumQuote),
    timeInForce: o.params.timeInForce ?? 'GTC', type: o.params.type, reduceOnly: o.reduceOnly, closePosition: false, side: o.params.side,
    positionSide, stopPrice: '0', workingType: 'CONTRACT_PRICE', priceProtect: false, origType: o.params.type, priceMatch: 'NONE',
    selfTradePreventionMode: 'EXPIRE_MAKER', goodTillDate: 0, time: wireTime(o.updateTime), updateTime: wireTime(o.updateTime),
  };
}

/** GET /fapi/v1/userTrades: one account trade. */
export function tradeJson(e: SimExecution, o: SimOrder | undefined, positionSide: string): Record<string, unknown> {
  return {
    symbol: e.symbol, id: e.tradeId, orderId: o?.orderId ?? 0, side: o?.params.side ?? 'BUY', price: plain(e.price), qty: plain(e.qty),
    realizedPnl: '0', quoteQty: plain(e.qty.mul(e.price)), commission: plain(e.commission), commissionAsset: e.commissionAsset,
    time: wireTime(o?.updateTime ?? 0), positionSide, buyer: o?.params.side === 'BUY', maker: false,
  };
}

/**
 * A stream message with Binance's full field set: the simulator's subset (which the conformance checks read)
 * plus the documented fields it leaves implicit; times moved onto the wire clock.
 */
export function streamJson(m: StreamMessage, positionSide: (c: string) => string): Record<string, unknown> {
  if (m.e === 'ACCOUNT_UPDATE') {
    return { e: m.e, E: wireTime(m.E), T: wireTime(m.T), a: { m: m.a.m, B: m.a.B.map((b) => ({ ...b, bc: '0' })), P: [] } };
  }
  const o = m.o;
  return {
    e: m.e, E: wireTime(m.E), T: wireTime(m.T),
    o: {
      s: o.s, c: o.c, S: o.S, o: o.o, f: o.o === 'MARKET' ? 'GTC' : 'GTC', q: o.q, p: o.p, ap: o.ap, sp: '0', x: o.x, X: o.X, i: o.i,
      l: o.l, z: o.z, L: o.L, N: o.N === '' ? undefined : o.N, n: o.N === '' ? undefined : o.n, T: wireTime(m.T), t: o.t, b: '0', a: '0',
      m: false, R: o.R, wt: 'CONTRACT_PRICE', ot: o.o, ps: positionSide(o.c), cp: false, rp: '0', pP: false, si: 0, ss: 0, V: 'EXPIRE_MAKER',
      pm: 'NONE', gtd: 0,
    },
  };
}
