// The venue simulator on its own: Binance's rejections, the idempotency key, piece splitting, duplicates
// released only after their original, and late-landing timeouts.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/kernel/decimal.ts';
import { PLAIN_SCRIPT, SWARM_ALL_ON, type OrderScript } from '../../src/venue/simulator/schedule.ts';
import { VenueSimulator, splitPieces, type Outgoing } from '../../src/venue/simulator/simulator.ts';
import type { NewOrderParams, VenueRequest } from '../../src/venue/simulator/wire.ts';

function post(id: string, params: Partial<NewOrderParams>): VenueRequest {
  return {
    id, method: 'POST', path: '/fapi/v1/order',
    params: { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.1', price: '100', reduceOnly: 'false', newClientOrderId: `c-${id}`, ...params },
  };
}

function drain(sim: VenueSimulator): Outgoing[] {
  const out: Outgoing[] = [];
  for (let m = sim.take(0); m; m = sim.take(0)) out.push(m);
  return out;
}

function codeOf(m: Outgoing | undefined): number | string {
  if (!m || m.channel !== 'rest') return 'none';
  return m.reply.httpStatus === 0 ? 'timeout' : m.reply.httpStatus === 200 ? 200 : m.reply.body.code;
}

describe('venue simulator', () => {
  it('answers Binance error codes for off-grid, zero, below-notional and reduce-only-without-position orders', () => {
    const sim = new VenueSimulator([], SWARM_ALL_ON);
    const cases: [Partial<NewOrderParams>, number][] = [
      [{ quantity: '0.0005' }, -1013],
      [{ quantity: '0.1005' }, -1013],
      [{ quantity: '0' }, -4003],
      [{ price: '100.05' }, -1013],
      [{ quantity: '0.01' }, -4164],
      [{ side: 'SELL', reduceOnly: 'true' }, -2022],
      [{ symbol: 'DOGEUSDT' }, -1121],
    ];
    for (const [i, [params, code]] of cases.entries()) {
      sim.receive(post(`r${i}`, params));
      expect(codeOf(drain(sim)[0]), JSON.stringify(params)).toBe(code);
    }
    expect(sim.orders).toHaveLength(0);
  });

  it('refuses a second order under the same client order id (−4116) and places the first once', () => {
    const sim = new VenueSimulator([], SWARM_ALL_ON);
    sim.receive(post('a', { newClientOrderId: 'same' }));
    sim.receive(post('b', { newClientOrderId: 'same' }));
    const replies = drain(sim).filter((m) => m.channel === 'rest');
    expect(replies.map(codeOf)).toEqual([200, -4116]);
    expect(sim.orders).toHaveLength(1);
    expect(sim.counts.duplicate_client_id).toBe(1);
  });

  it('splits an order into pieces on the step grid that add up to the order', () => {
    const step = new Decimal('0.001');
    for (const weights of [[1], [1, 1], [3, 1, 5], [1, 2, 3, 4]]) {
      const pieces = splitPieces(new Decimal('0.1235'), weights, step);
      expect(pieces.reduce((a, b) => a.add(b), new Decimal(0)).toFixed()).toBe('0.1235');
      for (const p of pieces.slice(0, -1)) expect(p.mod(step).isZero()).toBe(true);
    }
  });

  it('re-reports a duplicated execution only after a reconnect that follows the original\'s delivery', () => {
    const script: OrderScript = { ...PLAIN_SCRIPT, duplicate: 'noisy' };
    const sim = new VenueSimulator([script], SWARM_ALL_ON);
    sim.receive(post('a', {}));
    sim.resync();
    const first = drain(sim);
    const trades = first.filter((m) => m.channel === 'stream' && m.message.e === 'ORDER_TRADE_UPDATE' && m.message.o.x === 'TRADE');
    expect(trades).toHaveLength(1);
    sim.resync();
    const again = drain(sim);
    expect(again).toHaveLength(1);
    const [orig, dup] = [trades[0], again[0]];
    if (orig?.channel !== 'stream' || dup?.channel !== 'stream' || orig.message.e !== 'ORDER_TRADE_UPDATE' || dup.message.e !== 'ORDER_TRADE_UPDATE') throw new Error('expected two order updates');
    expect(dup.message.o.t).toBe(orig.message.o.t);
    expect(dup.message.o.L).not.toBe(orig.message.o.L);
  });

  it('lands a late order right after a query that answered −2013, so the resend gets −4116', () => {
    const sim = new VenueSimulator([{ ...PLAIN_SCRIPT, timeout: 'late' }], SWARM_ALL_ON);
    sim.receive(post('a', { newClientOrderId: 'late-1' }));
    expect(drain(sim).map(codeOf)).toEqual(['timeout']);
    sim.receive({ id: 'q', method: 'GET', path: '/fapi/v1/order', params: { symbol: 'BTCUSDT', origClientOrderId: 'late-1' } });
    expect(codeOf(drain(sim)[0])).toBe(-2013);
    expect(sim.orderByClientId('late-1')?.status).toBe('FILLED');
    sim.receive(post('b', { newClientOrderId: 'late-1' }));
    expect(drain(sim).map(codeOf)).toContain(-4116);
    expect(sim.orders).toHaveLength(1);
  });

  it('answers a cancel of an order that filled first with −2011', () => {
    const sim = new VenueSimulator([{ ...PLAIN_SCRIPT, immediate: 0, cancelRace: 'fill_first' }], SWARM_ALL_ON);
    sim.receive(post('a', { newClientOrderId: 'x' }));
    drain(sim);
    sim.receive({ id: 'd', method: 'DELETE', path: '/fapi/v1/order', params: { symbol: 'BTCUSDT', origClientOrderId: 'x' } });
    const out = drain(sim);
    expect(out.filter((m) => m.channel === 'rest').map(codeOf)).toEqual([-2011]);
    expect(sim.orderByClientId('x')?.status).toBe('FILLED');
    expect(sim.counts.cancel_unknown_filled).toBe(1);
  });
});
