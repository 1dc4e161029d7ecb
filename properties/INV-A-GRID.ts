// INV-A-GRID: what the adapter sends is on the venue's grid: the kernel's quantity truncated (never rounded
// up) to the step, never zero or below the minimum, the price on the tick, side and reduce-only as commanded.
import { Decimal } from '../src/kernel/decimal.ts';
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-GRID';
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

export const INV_A_GRID: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Orders are sent on the venue grid, truncated, never zero',
  statement: 'Each POST for a kernel order has quantity = minQty + ⌊(q − minQty) ÷ step⌋ × step of the kernel quantity q (q ≥ minQty, else nothing is sent), a plain decimal > 0; a LIMIT price on the tick; symbol, side and reduceOnly as the command says.',
  why: 'Rounding a fraction up sends more than the plan (oversell, flipped positions); off-grid or zero sizes are rejected (−1013, −4003) and the leg never executes.',
  specAnchor: 'spec/venue.md#inv-a-grid',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    let exercised = 0;
    for (const at of index.requests) {
      const req = at.record.request;
      if (req.method !== 'POST' || at.record.lateLanding) continue;
      const p = req.params;
      const cmd = index.submits.get(p.newClientOrderId);
      const inst = cmd ? trace.adapterConfig.instruments[cmd.asset] : undefined;
      if (!cmd || !inst) continue;
      exercised += 1;
      const v = (message: string, values: Record<string, string>) => violations.push({ invariantId: ID, message: `${p.newClientOrderId}: ${message}`, stepIndex: at.stepIndex, values: { clientOrderId: p.newClientOrderId, ...values } });
      if (p.symbol !== cmd.asset) v('wrong symbol', { expected: cmd.asset, actual: String(p.symbol) });
      if (p.side !== cmd.orderSide) v('wrong side', { expected: cmd.orderSide, actual: String(p.side) });
      if (p.reduceOnly !== (cmd.reduceOnly ? 'true' : 'false')) v('reduceOnly differs from the command', { expected: String(cmd.reduceOnly), actual: String(p.reduceOnly) });
      const step = new Decimal(inst.stepSize);
      const minQty = new Decimal(inst.minQty);
      const kq = new Decimal(cmd.qty);
      if (typeof p.quantity !== 'string' || !PLAIN_DECIMAL.test(p.quantity)) {
        v('quantity is not a plain decimal string', { column: 'quantity', actual: String(p.quantity) });
        continue;
      }
      const q = new Decimal(p.quantity);
      if (kq.lt(minQty)) {
        v(`sent although the kernel quantity ${cmd.qty} truncates below minQty ${inst.minQty}`, { column: 'quantity', expected: 'not sent', actual: p.quantity });
        continue;
      }
      const expected = minQty.add(kq.sub(minQty).div(step).trunc().mul(step));
      if (!q.eq(expected)) {
        v(`quantity ${p.quantity} is not the kernel quantity ${cmd.qty} truncated to step ${inst.stepSize}`, { column: 'quantity', expected: expected.toFixed(), actual: p.quantity, kernelQty: cmd.qty });
      }
      if (p.type === 'LIMIT') {
        const price = typeof p.price === 'string' && PLAIN_DECIMAL.test(p.price) ? new Decimal(p.price) : null;
        if (!price || price.lte(0) || !price.mod(inst.tickSize).isZero()) {
          v(`price ${String(p.price)} is not on tick ${inst.tickSize}`, { column: 'price', actual: String(p.price), tick: inst.tickSize });
        }
      }
    }
    return { violations, exercised };
  },
};
export default INV_A_GRID;
