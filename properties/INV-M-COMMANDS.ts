// INV-M-COMMANDS: the venue commands of every step are exactly the ones the ledger model expects.
import type { Invariant } from '../src/invariants/invariant.ts';
import { runModel } from '../src/model/modelRun.ts';
import { modelViolation } from '../src/model/modelViolation.ts';

const ID = 'INV-M-COMMANDS';

export const INV_M_COMMANDS: Invariant = {
  id: ID,
  title: 'Venue commands agree with the ledger model',
  statement: 'After every step, the commands sent to the venue (kind, client order id, slot, trade, purpose, asset, side, quantity, reference price, reduce-only, and the cancels a flattening fill sends) equal what the ledger model expects, in order.',
  why: 'A kernel that accepts an intent and never sends its order, sends the wrong side, drops reduce-only, or asks a clamped exit for less than the spec fixes is wrong at the venue, where the money is.',
  specAnchor: 'spec/invariants.md#inv-m-commands',
  scope: 'kernel',
  reads: ['command.type', 'command.tsMs', 'command.clientOrderId', 'command.slotId', 'command.tradeId', 'command.purpose', 'command.asset', 'command.orderSide', 'command.qty', 'command.referencePrice', 'command.reduceOnly'],
  check(trace) {
    const run = runModel(trace);
    return { violations: run.commands ? [modelViolation(ID, 'commands', run.commands)] : [], exercised: run.commandCount };
  },
};
export default INV_M_COMMANDS;
