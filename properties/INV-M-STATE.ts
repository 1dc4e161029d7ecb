// INV-M-STATE: after every accepted step, every field of the kernel's trades, touched orders and account equals
// the ledger model's value, which the model computes from the fills as the venue reported them.
import type { Invariant } from '../src/invariants/invariant.ts';
import { runModel } from '../src/model/modelRun.ts';
import { modelViolation } from '../src/model/modelViolation.ts';
import { ACCOUNT_FIELDS, ORDER_FIELDS, TRADE_FIELDS } from '../src/model/stateFields.ts';

const ID = 'INV-M-STATE';

export const INV_M_STATE: Invariant = {
  id: ID,
  title: 'State agrees with the ledger model',
  statement: 'After every accepted step, every field of every slot\'s trade, of every order the step names, of the account (capital, realized PnL, fees, the last venue balance) and the mode equals the ledger model\'s value, computed from the inputs as the venue reported them. A black-box kernel (a protocol child) has no state to read: after every step, every slot dict it sends (trade id, stage, size, initial size, entry price, realized PnL, closed, leg index) and its capital equal the model\'s.',
  why: 'An identity computed from the kernel\'s own numbers cannot see the kernel misreading the world: a fill booked at the order\'s price instead of the reported one, a fee with its sign flipped, consistently, passes every identity.',
  specAnchor: 'spec/invariants.md#inv-m-state',
  scope: 'kernel',
  reads: [
    ...Object.keys(TRADE_FIELDS).map((f) => `trade.${f}`), ...Object.keys(ORDER_FIELDS).map((f) => `order.${f}`),
    ...Object.keys(ACCOUNT_FIELDS).map((f) => `account.${f}`), 'state.mode', 'state.verbosity', 'state.seenIntentIds', 'state.seenTradeIds', 'state.seenFillIds',
  ],
  check(trace) {
    const run = runModel(trace);
    return { violations: run.state ? [modelViolation(ID, 'state', run.state)] : [], exercised: run.stateChecks };
  },
};
export default INV_M_STATE;
