// Rows of a run where the mock venue itself fills partly and charges fees (no scripted fills): three slots,
// partial entries ended by cancel, exit legs ended by cancel, the last leg's remainder filled by hand.
import { describe, expect, it } from 'vitest';
import { KernelDriver } from '../../src/driver/driver.ts';
import { Decimal, initialState, makeConfig, type KernelInput, type KernelIntent } from '../../src/kernel/index.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';
import { FAMILIES, formatRowIssue, rowsForRun, validateRow } from '../../src/rows/index.ts';
import { SCENARIO_EPOCH_MS } from '../../src/scenario/loadScenario.ts';

let t = 0;
const at = () => SCENARIO_EPOCH_MS + 1000 * t++;
const intent = (i: Partial<KernelIntent> & Pick<KernelIntent, 'intentId' | 'tradeId' | 'slotId' | 'action'>): KernelInput => ({
  kind: 'intent', tsMs: at(),
  intent: { asset: 'BTCUSDT', side: 'LONG', referencePrice: '100', targetSize: null, leverage: '2', exitLegRatios: ['0.5', '0.5'], reason: 'R', ...i },
});

function run() {
  const driver = new KernelDriver(initialState(makeConfig({ slotCount: 3 })), new MockVenueAdapter({ partialFillRatio: '0.5', feeRate: '0.0004' }));
  const trades = [
    { tradeId: 'L', slotId: 0, side: 'LONG' as const, exitPrice: '104' },
    { tradeId: 'S', slotId: 1, side: 'SHORT' as const, exitPrice: '97' },
    { tradeId: 'E', slotId: 2, side: 'LONG' as const, asset: 'ETHUSDT', exitPrice: '1990' },
  ];
  for (const tr of trades) {
    const base = { tradeId: tr.tradeId, slotId: tr.slotId, side: tr.side, ...(tr.asset ? { asset: tr.asset, referencePrice: '2000' } : {}) };
    driver.process(intent({ ...base, intentId: `${tr.tradeId}-enter`, action: 'ENTER', targetSize: '2' }));
    driver.process(intent({ ...base, intentId: `${tr.tradeId}-cancel-entry`, action: 'CANCEL' })); // entry filled 1 of 2
  }
  // Each EXIT fills half its leg and a cancel ends the leg partly filled; the last EXIT's remainder is then
  // filled by hand (a half-filling venue alone never reaches flat: the remainder truncates to zero).
  for (let round = 0; round < 3; round++) {
    for (const tr of trades) {
      const base = { tradeId: tr.tradeId, slotId: tr.slotId, side: tr.side, referencePrice: tr.exitPrice, ...(tr.asset ? { asset: tr.asset } : {}) };
      driver.process(intent({ ...base, intentId: `${tr.tradeId}-x${round}`, action: 'EXIT' }));
      if (round < 2) {
        driver.process(intent({ ...base, intentId: `${tr.tradeId}-c${round}`, action: 'CANCEL' }));
      } else {
        const order = driver.state.orders.get(driver.state.slots[tr.slotId]!.trade!.activeExitOrder!)!;
        const qty = order.qty.sub(order.filledQty).toString();
        driver.process({ kind: 'order_filled', tsMs: at(), orderId: order.orderId, fillId: `${order.orderId}#rest`, qty, price: tr.exitPrice, fee: '0.01' });
      }
    }
  }
  return { driver, rows: rowsForRun(driver.records) };
}

describe('rows of a run on a partly filling, fee-charging mock venue', () => {
  const { driver, rows } = run();

  it('every row of every family validates', () => {
    for (const family of FAMILIES) for (const row of rows[family]) expect(validateRow(family, row).map(formatRowIssue), family).toEqual([]);
    expect(rows.fills.every((r) => r.fee > 0)).toBe(true);
  });

  it('every trade closed once, and its leg PnLs add up exactly to its realized PnL', () => {
    expect(rows.trade_events.filter((r) => r.event === 'CLOSE').map((r) => r.trade_id).sort()).toEqual(['E', 'L', 'S']);
    for (const tradeId of ['L', 'S', 'E']) {
      const legs = rows.trade_exit_legs.filter((r) => r.trade_id === tradeId);
      expect(legs.length, tradeId).toBe(3);
      const sum = legs.reduce((a, r) => a.add(String(r.pnl_leg)), new Decimal(0));
      const close = rows.trade_events.find((r) => r.trade_id === tradeId && r.event === 'CLOSE')!;
      expect(sum.toString(), tradeId).toBe(new Decimal(String(close.realized_pnl)).toString());
      expect(legs.at(-1)!.remaining_qty).toBe(0);
    }
  });

  it('account rows reconcile with the kernel account', () => {
    const deltas = rows.account_events.reduce((a, r) => a.add(String(r.delta)), new Decimal(0));
    expect(deltas.toString()).toBe(driver.state.account.capital.sub(driver.state.account.initialCapital).toString());
  });
});
