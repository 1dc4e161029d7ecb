// One test per declared transition: each row of the table in spec/kernel.md §State machine is taken for real.
import { describe, expect, it } from 'vitest';
import { DECLARED_TRANSITIONS, step, transitionKey, type KernelInput, type KernelState } from '../../src/kernel/index.ts';
import { ack, apply, cancel, canceled, enter, exit, fill, fresh, openPosition, rejected, trade } from './helpers.ts';

type Setup = () => { state: KernelState; input: KernelInput };

/** Open 1 @100, then an exit of `qty` (order T1:X0) with `filled` of it filled, then canceled. */
function exitCanceledAfter(qty: string, filled: string): KernelState {
  return apply(openPosition(), [exit({ targetSize: qty }), ack('T1:X0'), fill('T1:X0', filled, '110'), cancel(), canceled('T1:X0')]).state;
}

/** Entry of 1 filled 0.4, then canceled: POSITION_OPEN with 0.6 of the entry order never filled. */
function entryCanceledAfterPartial(): KernelState {
  return apply(fresh(), [enter(), ack('T1:E'), fill('T1:E', '0.4', '100'), cancel(), canceled('T1:E')]).state;
}

const SETUPS: Record<string, Setup> = {
  'IDLE --ENTER--> ORDER_REQUESTED': () => ({ state: fresh(), input: enter() }),
  'ORDER_REQUESTED --CANCEL_REQUEST--> ORDER_REQUESTED': () => ({ state: apply(fresh(), [enter()]).state, input: cancel() }),
  'ORDER_REQUESTED --ENTRY_ACK--> ORDER_REQUESTED': () => ({ state: apply(fresh(), [enter()]).state, input: ack('T1:E') }),
  'ORDER_REQUESTED --ENTRY_FILL_PARTIAL--> ORDER_REQUESTED': () => ({ state: apply(fresh(), [enter()]).state, input: fill('T1:E', '0.3', '100') }),
  'ORDER_REQUESTED --ENTRY_FILL_COMPLETE--> POSITION_OPEN': () => ({ state: apply(fresh(), [enter(), fill('T1:E', '0.3', '100')]).state, input: fill('T1:E', '0.7', '101') }),
  'ORDER_REQUESTED --ENTRY_ENDED_FILLED--> POSITION_OPEN': () => ({ state: apply(fresh(), [enter(), fill('T1:E', '0.3', '100'), cancel()]).state, input: canceled('T1:E') }),
  'ORDER_REQUESTED --ENTRY_ENDED_EMPTY--> CLOSED': () => ({ state: apply(fresh(), [enter()]).state, input: rejected('T1:E') }),
  'POSITION_OPEN --EXIT--> EXIT_REQUESTED': () => ({ state: openPosition(), input: exit() }),
  'POSITION_OPEN --ENTRY_FILL_LATE--> POSITION_OPEN': () => ({ state: entryCanceledAfterPartial(), input: fill('T1:E', '0.3', '99') }),
  'POSITION_OPEN --EXIT_FILL_LATE--> POSITION_OPEN': () => ({ state: exitCanceledAfter('0.5', '0.2'), input: fill('T1:X0', '0.1', '111') }),
  'POSITION_OPEN --EXIT_FILL_LATE_FLAT--> CLOSED': () => ({ state: exitCanceledAfter('1', '0.6'), input: fill('T1:X0', '0.4', '111') }),
  'EXIT_REQUESTED --CANCEL_REQUEST--> EXIT_REQUESTED': () => ({ state: apply(openPosition(), [exit()]).state, input: cancel() }),
  'EXIT_REQUESTED --EXIT_ACK--> EXIT_REQUESTED': () => ({ state: apply(openPosition(), [exit()]).state, input: ack('T1:X0') }),
  'EXIT_REQUESTED --EXIT_FILL_PARTIAL--> EXIT_REQUESTED': () => ({ state: apply(openPosition(), [exit()]).state, input: fill('T1:X0', '0.5', '105') }),
  'EXIT_REQUESTED --EXIT_FILL_LEG_DONE--> POSITION_OPEN': () => ({ state: apply(openPosition(), [exit({ targetSize: '0.4' })]).state, input: fill('T1:X0', '0.4', '105') }),
  'EXIT_REQUESTED --EXIT_FILL_FLAT--> CLOSED': () => ({ state: apply(openPosition(), [exit()]).state, input: fill('T1:X0', '1', '105') }),
  'EXIT_REQUESTED --EXIT_ENDED--> POSITION_OPEN': () => ({ state: apply(openPosition(), [exit()]).state, input: rejected('T1:X0', '-2022') }),
  'EXIT_REQUESTED --ENTRY_FILL_LATE--> EXIT_REQUESTED': () => ({ state: apply(entryCanceledAfterPartial(), [exit({ targetSize: '0.2' })]).state, input: fill('T1:E', '0.3', '99') }),
  'EXIT_REQUESTED --EXIT_FILL_LATE--> EXIT_REQUESTED': () => ({ state: apply(exitCanceledAfter('0.5', '0.2'), [exit({ targetSize: '0.3' })]).state, input: fill('T1:X0', '0.1', '111') }),
  'EXIT_REQUESTED --EXIT_FILL_LATE_FLAT--> CLOSED': () => ({ state: apply(exitCanceledAfter('1', '0.5'), [exit({ targetSize: '0.3' })]).state, input: fill('T1:X0', '0.5', '111') }),
  'CLOSED --ENTER--> ORDER_REQUESTED': () => ({ state: apply(openPosition(), [exit(), fill('T1:X0', '1', '105')]).state, input: enter({ tradeId: 'T2' }) }),
};

describe('trade state machine: every declared transition', () => {
  it('has a test for exactly the declared transitions', () => {
    expect(Object.keys(SETUPS).sort()).toEqual(DECLARED_TRANSITIONS.map(transitionKey).sort());
  });

  for (const declared of DECLARED_TRANSITIONS) {
    const key = transitionKey(declared);
    it(key, () => {
      const setup = SETUPS[key];
      if (!setup) throw new Error(`no setup for ${key}`);
      const { state, input } = setup();
      const r = step(state, input);
      expect(r.outcome.accepted, `${r.outcome.diagnosticCode} ${JSON.stringify(r.outcome.details)}`).toBe(true);
      expect(r.outcome.transitions.map((t) => transitionKey(t))).toContain(key);
      expect(trade(r.state, 0).stage).toBe(declared.to);
    });
  }

  it('a late fill that flattens the trade while another exit works cancels that order', () => {
    const { state, input } = SETUPS['EXIT_REQUESTED --EXIT_FILL_LATE_FLAT--> CLOSED']!();
    const r = step(state, input);
    expect(r.commands).toEqual([{ type: 'CancelOrder', tsMs: 1_000, clientOrderId: 'T1:X1', asset: 'BTCUSDT' }]);
    expect(trade(r.state).closed).toBe(true);
  });
});
