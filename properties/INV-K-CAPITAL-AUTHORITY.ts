// INV-K-CAPITAL-AUTHORITY: capital = initial + Σ realized PnL, and venue balance reports never change it.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';
import { ZERO } from '../src/kernel/decimal.ts';

const ID = 'INV-K-CAPITAL-AUTHORITY';

export const INV_K_CAPITAL_AUTHORITY: Invariant = {
  id: ID,
  title: 'Capital authority is the kernel\'s account',
  statement: 'After every step, capital = initial capital + Σ realized PnL booked by exit fills (net of fees); a balance_reported input leaves capital unchanged.',
  why: 'Sprint 2: capital authority is solely kernel.account — a balance poll overwriting capital hides PnL errors (and real venues report stale balances).',
  specAnchor: 'spec/invariants.md#inv-k-capital-authority',
  scope: 'kernel',
  reads: ['account.capital', 'account.initialCapital'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    let booked = ZERO;
    const initial = trace.config.initialCapital;
    for (const r of trace.records) {
      for (const e of r.result.events) if (e.type === 'OrderFilled') booked = booked.add(e.realizedPnl);
      const capital = r.result.state.account.capital;
      if (r.input.kind === 'balance_reported') {
        exercised++;
        if (!capital.eq(r.before.account.capital)) {
          violations.push(violation(ID, r.index, 'a venue balance report changed capital', { before: r.before.account.capital, after: capital, reported: String(r.input.balance) }));
          break;
        }
      }
      if (!capital.eq(initial.add(booked))) {
        violations.push(violation(ID, r.index, `capital ${capital.toFixed()} ≠ initial + Σ realized ${initial.add(booked).toFixed()}`, { capital, expected: initial.add(booked), realized: booked }));
        break;
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_CAPITAL_AUTHORITY;
