// The mock venue's scenarios and the driver's loop: one call processes an intent end to end, as in the seed.
import { describe, expect, it } from 'vitest';
import { KernelDriver, CascadeLimitError } from '../../src/driver/driver.ts';
import { initialState, slotView } from '../../src/kernel/index.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';
import type { VenueAdapter } from '../../src/venue/mockVenue.ts';
import { enter, exit } from '../kernel/helpers.ts';

describe('MockVenueAdapter + KernelDriver', () => {
  it('fill on submit with a partial ratio leaves the rest working; fees follow the fee rate', () => {
    const k = new KernelDriver(initialState(), new MockVenueAdapter({ partialFillRatio: '0.25', feeRate: '0.001' }));
    k.process(enter({ targetSize: '1', referencePrice: '100' }));
    const fillEvent = k.records.find((r) => r.input.kind === 'order_filled')!.input;
    expect(fillEvent).toMatchObject({ kind: 'order_filled', orderId: 'T1:E', fillId: 'T1:E#1' });
    expect(String((fillEvent as { qty: unknown }).qty)).toBe('0.25');
    expect(String((fillEvent as { fee: unknown }).fee)).toBe('0.025'); // 0.25 × 100 × 0.001
    expect(slotView(k.state, 0)).toMatchObject({ fsm_state: 'ORDER_REQUESTED', size: '0.25' });
  });

  it('partial fill ratios truncate to the instrument step', () => {
    const k = new KernelDriver(initialState(), new MockVenueAdapter({ partialFillRatio: '0.3333' }));
    k.process(enter({ targetSize: '0.01', referencePrice: '1000' }));
    expect(slotView(k.state, 0).size).toBe('0.003');
  });

  it('rejects with the scenario\'s venue code; an ENTER rejected with nothing filled closes the trade', () => {
    const k = new KernelDriver(initialState(), new MockVenueAdapter({ rejectCode: '-2019', rejectPurposes: ['ENTRY'] }));
    const records = k.process(enter());
    expect(records.map((r) => r.input.kind)).toEqual(['intent', 'order_rejected']);
    expect(records[1]!.result.events[0]).toMatchObject({ type: 'OrderRejected', venueCode: '-2019' });
    expect(slotView(k.state, 0)).toMatchObject({ fsm_state: 'CLOSED', closed: true, close_reason: 'ENTRY_REJECTED' });
  });

  it('rejecting only exits (reduce-only refused, -2022) keeps the position open', () => {
    const k = new KernelDriver(initialState(), new MockVenueAdapter({ rejectCode: '-2022', rejectPurposes: ['EXIT'] }));
    k.process(enter());
    k.process(exit());
    expect(slotView(k.state, 0)).toMatchObject({ fsm_state: 'POSITION_OPEN', size: '1', active_leg_index: 0 });
  });

  it('without fill on submit the order stays working until canceled', () => {
    const k = new KernelDriver(initialState(), new MockVenueAdapter({ emitFillOnSubmit: false }));
    k.process(enter());
    expect(slotView(k.state, 0).fsm_state).toBe('ORDER_REQUESTED');
  });

  it('journals every step, numbered, with codes and transitions', () => {
    const k = new KernelDriver(initialState(), new MockVenueAdapter());
    k.process(enter());
    k.process(exit());
    expect(k.journal.entries.map((e) => [e.seq, e.inputKind, e.diagnosticCode])).toEqual([
      [0, 'intent', 'OK'], [1, 'order_accepted', 'OK'], [2, 'order_filled', 'OK'],
      [3, 'intent', 'OK'], [4, 'order_accepted', 'OK'], [5, 'order_filled', 'OK'],
    ]);
    expect(k.journal.entries[5]!.transitions).toEqual(['EXIT_REQUESTED --EXIT_FILL_FLAT--> CLOSED']);
  });

  it('stops an adapter that never stops answering', () => {
    const chatty: VenueAdapter = { handle: (c) => [{ kind: 'order_accepted', tsMs: c.tsMs, orderId: 'x' }, { kind: 'balance_reported', tsMs: 0, balance: '1' }] };
    // balance reports produce no commands, so the loop ends; an adapter answering commands with commands cannot
    // exist (adapters return venue events only), so the limit guards only against runaway event lists.
    const k = new KernelDriver(initialState(), chatty);
    expect(() => k.process(enter())).not.toThrow();
    const flood: VenueAdapter = { handle: (c) => Array.from({ length: 2000 }, () => ({ kind: 'balance_reported' as const, tsMs: c.tsMs, balance: '1' })) };
    expect(() => new KernelDriver(initialState(), flood).process(enter())).toThrow(CascadeLimitError);
  });
});
