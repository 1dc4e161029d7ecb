// INV-M-ROWS: every row of every family, column by column, equals the row spec/rows.md says the step writes.
import type { Invariant } from '../src/invariants/invariant.ts';
import { compareRows } from '../src/model/compareRows.ts';
import { runModel } from '../src/model/modelRun.ts';
import { modelViolation } from '../src/model/modelViolation.ts';
import { FAMILIES, columnsOf } from '../src/rows/families.ts';

const ID = 'INV-M-ROWS';

export const INV_M_ROWS: Invariant = {
  id: ID,
  title: 'Every row and column agrees with the ledger model',
  statement: 'The rows of every family are exactly the rows spec/rows.md derives from the ledger model\'s facts, in order, every column equal (fraction and pnl_pct_leg within 10⁻¹² relative); a missing or extra row is named as such.',
  why: 'A column no invariant reads can hold anything: a wrong intent id, reason, status, severity, per-leg price or notional in a BLUE row breaks the dashboards and reconciliations that read rows, not the kernel.',
  specAnchor: 'spec/invariants.md#inv-m-rows',
  scope: 'rows',
  reads: FAMILIES.flatMap((f) => columnsOf(f).map((c) => `${f}.${c}`)),
  check(trace) {
    if (!trace.rows) return { violations: [], exercised: 0 };
    const run = runModel(trace);
    const { compared, mismatch } = compareRows(run.rows, trace.rows);
    return { violations: mismatch ? [modelViolation(ID, 'row', mismatch)] : [], exercised: compared };
  },
};
export default INV_M_ROWS;
