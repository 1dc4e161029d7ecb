// The venue on loopback, spoken to as a client would: Binance's paths, signatures, codes, headers and stream
// fields (spec/venue.md §7). Each test starts its own venue on an ephemeral port and closes it.
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { VenueSimulator, type PositionMode } from '../../src/venue/simulator/simulator.ts';
import { PLAIN_SCRIPT, SWARM_ALL_ON, type OrderScript } from '../../src/venue/simulator/schedule.ts';
import { sign } from '../../src/venue/wire/auth.ts';
import { WireSession } from '../../src/venue/wire/wireSession.ts';
import { WireVenue, type HttpExchange } from '../../src/venue/wire/wireVenue.ts';
import { VIRTUAL_EPOCH_MS } from '../../src/venue/wire/clock.ts';

let venue: WireVenue | null = null;
afterEach(async () => {
  await venue?.close();
  venue = null;
});

async function open(scripts: OrderScript[] = [], mode: PositionMode = 'one-way'): Promise<{ v: WireVenue; sim: VenueSimulator; seen: HttpExchange[] }> {
  venue = await WireVenue.start();
  const sim = new VenueSimulator(scripts, SWARM_ALL_ON, undefined, mode);
  const seen: HttpExchange[] = [];
  venue.begin(new WireSession(sim, mode, 1), { onHttp: (x) => seen.push(x) });
  return { v: venue, sim, seen };
}

async function signed(v: WireVenue, method: string, path: string, params: Record<string, string>, opts: { key?: string; secret?: string; inBody?: boolean } = {}) {
  const q = new URLSearchParams({ ...params, timestamp: String(Date.now()) }).toString();
  const payload = `${q}&signature=${sign(q, opts.secret ?? v.credentials.apiSecret)}`;
  const inBody = opts.inBody ?? method === 'POST';
  const res = await fetch(`${v.restUrl}${path}${inBody ? '' : `?${payload}`}`, {
    method, headers: { 'X-MBX-APIKEY': opts.key ?? v.credentials.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' }, ...(inBody ? { body: payload } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const order = (cid: string, extra: Record<string, string> = {}) => ({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.05', price: '100', timeInForce: 'GTC', newClientOrderId: cid, ...extra });

describe('the wire venue speaks Binance USD-M', () => {
  test('exchangeInfo carries the run\'s instruments with LOT_SIZE, PRICE_FILTER and MIN_NOTIONAL, and the weight header', async () => {
    const { v } = await open();
    const res = await fetch(`${v.restUrl}/fapi/v1/exchangeInfo`);
    expect(res.headers.get('x-mbx-used-weight-1m')).toBe('1');
    const info = (await res.json()) as { symbols: { symbol: string; filters: Record<string, string>[] }[] };
    const btc = info.symbols.find((s) => s.symbol === 'BTCUSDT');
    expect(btc?.filters.find((f) => f['filterType'] === 'LOT_SIZE')).toMatchObject({ stepSize: '0.001', minQty: '0.001' });
    expect(btc?.filters.find((f) => f['filterType'] === 'PRICE_FILTER')).toMatchObject({ tickSize: '0.1' });
    expect(btc?.filters.find((f) => f['filterType'] === 'MIN_NOTIONAL')).toMatchObject({ notional: '5' });
  });

  test('a form-encoded signed POST places an order; GET by orderId and DELETE by origClientOrderId find it', async () => {
    const { v, sim } = await open([{ ...PLAIN_SCRIPT, immediate: 0 }]);
    const placed = await signed(v, 'POST', '/fapi/v1/order', order('c1'));
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ clientOrderId: 'c1', status: 'NEW', origQty: '0.05', positionSide: 'BOTH', reduceOnly: false });
    const byId = await signed(v, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', orderId: String(placed.body['orderId']) });
    expect(byId.body).toMatchObject({ clientOrderId: 'c1', status: 'NEW' });
    const canceled = await signed(v, 'DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'c1' });
    expect(canceled.body).toMatchObject({ status: 'CANCELED', executedQty: '0' });
    expect(sim.requests.map((r) => r.request.method)).toEqual(['POST', 'GET', 'DELETE']);
  });

  test('a wrong signature, a missing or wrong key, a stale timestamp: Binance\'s codes, nothing reaches the engine', async () => {
    const { v, sim } = await open();
    expect((await signed(v, 'POST', '/fapi/v1/order', order('c1'), { secret: 'wrong' })).body).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });
    const wrongKey = await signed(v, 'POST', '/fapi/v1/order', order('c1'), { key: 'nope' });
    expect([wrongKey.status, wrongKey.body['code']]).toEqual([401, -2015]);
    const noKey = await fetch(`${v.restUrl}/fapi/v1/openOrders`);
    expect([noKey.status, ((await noKey.json()) as { code: number }).code]).toEqual([401, -2014]);
    const q = `symbol=BTCUSDT&timestamp=${Date.now() - 60_000}`;
    const stale = await fetch(`${v.restUrl}/fapi/v1/openOrders?${q}&signature=${sign(q, v.credentials.apiSecret)}`, { headers: { 'X-MBX-APIKEY': v.credentials.apiKey } });
    expect(((await stale.json()) as { code: number }).code).toBe(-1021);
    expect(sim.orders).toHaveLength(0);
  });

  test('any other path is a Binance error (404, −5000), not a crash', async () => {
    const { v } = await open();
    const res = await fetch(`${v.restUrl}/fapi/v9/nothing`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: -5000, msg: 'Path /fapi/v9/nothing, Method POST is invalid' });
  });

  test('one-way mode: reduceOnly is optional; hedge mode: positionSide is required and reduceOnly refused (−1106)', async () => {
    const oneWay = await open();
    expect((await signed(oneWay.v, 'POST', '/fapi/v1/order', order('a1'))).status).toBe(200);
    await oneWay.v.close();
    const { v, sim } = await open([], 'hedge');
    venue = v;
    expect((await signed(v, 'POST', '/fapi/v1/order', order('h1'))).body['code']).toBe(-4061);
    expect((await signed(v, 'POST', '/fapi/v1/order', order('h2', { positionSide: 'LONG', reduceOnly: 'false' }))).body['code']).toBe(-1106);
    const ok = await signed(v, 'POST', '/fapi/v1/order', order('h3', { positionSide: 'LONG' }));
    expect(ok.body).toMatchObject({ status: 'NEW', positionSide: 'LONG' });
    // Closing the LONG: SELL with positionSide LONG is the simulator's reduce-only order.
    const close = await signed(v, 'POST', '/fapi/v1/order', { ...order('h4', { positionSide: 'LONG' }), side: 'SELL', price: '100' });
    expect(close.status).toBe(200);
    expect(sim.orderByClientId('h4')?.reduceOnly).toBe(true);
  });

  test('off-grid quantity and a notional below the minimum answer the futures codes', async () => {
    const { v } = await open();
    expect((await signed(v, 'POST', '/fapi/v1/order', order('g1', { quantity: '0.0505' }))).body['code']).toBe(-1013);
    expect((await signed(v, 'POST', '/fapi/v1/order', order('g2', { quantity: '0.001' }))).body['code']).toBe(-4164);
  });

  test('a 418 ban lasts, with Retry-After, until the virtual clock passes it', async () => {
    const { v, sim } = await open([{ ...PLAIN_SCRIPT, reject: 'banned' }]);
    const first = await signed(v, 'POST', '/fapi/v1/order', order('b1'));
    expect([first.status, first.body['code'], first.headers.get('retry-after')]).toEqual([418, -1003, '5']);
    const again = await fetch(`${v.restUrl}/fapi/v1/exchangeInfo`);
    expect([again.status, again.headers.get('retry-after')]).toEqual([418, '5']);
    sim.nowMs = 3000;
    expect((await fetch(`${v.restUrl}/fapi/v1/ping`)).headers.get('retry-after')).toBe('2');
    sim.nowMs = 5000;
    expect((await fetch(`${v.restUrl}/fapi/v1/ping`)).status).toBe(200);
  });

  test('lost replies: a dropped connection, and the 503 / 408 / 500 flavours of "status unknown"', async () => {
    const lost = (l: OrderScript['lost']): OrderScript => ({ ...PLAIN_SCRIPT, timeout: 'placed', ...(l ? { lost: l } : {}) });
    const { v, sim, seen } = await open([lost('drop'), lost('503_unknown'), lost('1007'), lost('1000'), { ...PLAIN_SCRIPT, unavailable: 'service_unavailable' }]);
    await expect(signed(v, 'POST', '/fapi/v1/order', order('l1'))).rejects.toThrow();
    expect((await signed(v, 'POST', '/fapi/v1/order', order('l2'))).status).toBe(503);
    expect((await signed(v, 'POST', '/fapi/v1/order', order('l3'))).body).toMatchObject({ code: -1007 });
    expect((await signed(v, 'POST', '/fapi/v1/order', order('l4'))).status).toBe(500);
    expect((await signed(v, 'POST', '/fapi/v1/order', order('l5'))).body).toEqual({ code: -1001, msg: 'Service Unavailable.' });
    // The first four were placed although the client never heard so; the fifth was not executed.
    expect(sim.orders.map((o) => o.clientOrderId)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(seen.find((x) => x.status === 'dropped')?.order?.seen).toMatchObject({ httpStatus: 0 });
  });

  test('the user-data stream: listenKey lifecycle and ORDER_TRADE_UPDATE with Binance\'s field names, on the wire clock', async () => {
    const { v, sim } = await open();
    const key = (await signed(v, 'POST', '/fapi/v1/listenKey', {})).body['listenKey'] as string;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect((await signed(v, 'PUT', '/fapi/v1/listenKey', {})).status).toBe(200);
    const ws = new WebSocket(`${v.wsUrl}/${key}`);
    const got: Record<string, unknown>[] = [];
    ws.on('message', (data) => got.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise((resolve) => ws.once('open', resolve));
    await signed(v, 'POST', '/fapi/v1/order', order('s1'));
    const messages = [];
    for (let m = sim.take(0); m; m = sim.take(0)) if (m.channel === 'stream') messages.push(m.message);
    expect(await v.sendStream(messages)).toBe(true);
    const trade = got.find((m) => (m['o'] as Record<string, unknown>)['x'] === 'TRADE') as { E: number; o: Record<string, unknown> };
    expect(Object.keys(trade.o)).toEqual(expect.arrayContaining(['s', 'c', 'S', 'o', 'f', 'q', 'p', 'ap', 'x', 'X', 'i', 'l', 'z', 'L', 'N', 'n', 'T', 't', 'R', 'ps', 'rp']));
    expect(trade.o).toMatchObject({ c: 's1', X: 'FILLED', l: '0.05', L: '100', N: 'USDT', n: '0.002', t: 1, ps: 'BOTH' });
    expect(trade.E).toBe(VIRTUAL_EPOCH_MS);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    v.disconnectStream();
    await closed;
    expect((await signed(v, 'DELETE', '/fapi/v1/listenKey', {})).status).toBe(200);
    const refused = new WebSocket(`${v.wsUrl}/${key}`);
    await expect(new Promise((resolve, reject) => { refused.once('open', resolve); refused.once('error', reject); })).rejects.toThrow();
  });
});
