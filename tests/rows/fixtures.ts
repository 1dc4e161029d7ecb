// A multi-trade, multi-slot kernel run (fees, partial fills, cancels, late fills, a rejected exit, a balance
// report) and its rows: the shared fixture of the row tests.
import { KernelDriver } from '../../src/driver/driver.ts';
import { initialState, makeConfig, type KernelInput } from '../../src/kernel/index.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';
import { SCENARIO_EPOCH_MS } from '../../src/scenario/loadScenario.ts';
import { rowsForRun } from '../../src/rows/index.ts';
import { ack, balance, cancel, canceled, enter, exit, fill, rejected } from '../kernel/helpers.ts';

export function multiTradeRun() {
  const driver = new KernelDriver(initialState(makeConfig({ slotCount: 3 })), new MockVenueAdapter({ emitFillOnSubmit: false, acknowledge: false }));
  const A = { tradeId: 'A', slotId: 0, side: 'LONG' as const };
  const B = { tradeId: 'B', slotId: 1, side: 'SHORT' as const, asset: 'ETHUSDT' };
  const C = { tradeId: 'C', slotId: 2, side: 'LONG' as const };
  const script: KernelInput[] = [
    enter({ ...A, targetSize: '2', referencePrice: '100', exitLegRatios: ['0.3', '0.3', '0.4'] }),
    ack('A:E'), fill('A:E', '1.2', '100', '0.048'), fill('A:E', '0.8', '100.5', '0.0322'),
    enter({ ...B, targetSize: '0.421', referencePrice: '2000', exitLegRatios: ['0.5', '0.5'] }),
    fill('B:E', '0.421', '2000', '0.3368'),
    exit({ ...A, referencePrice: '104' }), fill('A:X0', '0.6', '104', '0.025'),
    balance('25100'),
    exit({ ...B, asset: 'ETHUSDT', referencePrice: '1900' }), fill('B:X0', '0.1', '1900', '0.076'),
    cancel({ ...B, asset: 'ETHUSDT' }), canceled('B:X0'), fill('B:X0', '0.05', '1899', '0.038'),
    exit({ ...A, referencePrice: '95' }), rejected('A:X1', '-2022'),
    exit({ ...A, referencePrice: '96' }), fill('A:X2', '0.6', '96', '0.023'),
    exit({ ...A, referencePrice: '97' }), fill('A:X3', '0.8', '97', '0.031'),
    enter({ ...C, targetSize: '1', referencePrice: '100' }), rejected('C:E', '-2019'),
    enter({ ...A, tradeId: 'A2', targetSize: '1', referencePrice: '101' }), fill('A2:E', '1', '101', '0'),
    exit({ ...B, asset: 'ETHUSDT', referencePrice: '1950' }), fill('B:X1', '0.271', '1950', '0.1057'),
    exit({ ...A, tradeId: 'A2', referencePrice: '99' }), fill('A2:X0', '0.5', '99', '-0.01'),
  ];
  // One input a second from a real date: ClickHouse 18 reads the Date of day 0 (1970-01-01) back as 0000-00-00.
  script.forEach((input, i) => driver.process({ ...input, tsMs: SCENARIO_EPOCH_MS + i * 1000 }));
  return { driver, rows: rowsForRun(driver.records) };
}
