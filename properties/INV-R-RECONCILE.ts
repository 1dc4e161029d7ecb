// INV-R-RECONCILE: the rows reconcile with the kernel's own state and events, and capital columns come from
// the kernel's account only (a venue balance report changes none).
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, violation } from '../src/invariants/traceFacts.ts';
import { Decimal, ZERO } from '../src/kernel/decimal.ts';

const ID = 'INV-R-RECONCILE';
const num = (d: Decimal) => Number(d.toString());

export const INV_R_RECONCILE: Invariant = {
  id: ID,
  title: 'Rows reconcile with kernel state',
  statement: 'One kernel_outcomes row per input (same code and verdict); one trade_exit_legs row per completed leg with the kernel\'s pnl, qty-derived notional and capital after; one OPEN trade_events row per opened trade and one CLOSE per closed trade; one fills row per applied fill; Σ account_events deltas = capital − initial capital; BALANCE_REPORT account rows have delta 0 and capital_before = capital_after.',
  why: 'Rows that disagree with the kernel are the observability contract broken: BLUE dashboards and reconciliation read rows, not the kernel.',
  specAnchor: 'spec/invariants.md#inv-r-reconcile',
  scope: 'rows',
  reads: ['kernel_outcomes.diagnostic_code', 'kernel_outcomes.accepted', 'kernel_outcomes.capital_after', 'trade_exit_legs.pnl_leg', 'trade_exit_legs.capital_after', 'trade_exit_legs.remaining_qty', 'trade_events.event', 'account_events.delta', 'account_events.cause', 'account_events.capital_before', 'account_events.capital_after'],
  check(trace) {
    const violations: Violation[] = [];
    if (!trace.rows) return { violations, exercised: 0 };
    const rows = trace.rows as Record<string, Record<string, unknown>[]>;
    const facts = factsOf(trace);
    const fail = (what: string, values: Record<string, string | number | Decimal>, step = 0) => violations.push(violation(ID, step, what, values));
    const outcomes = rows['kernel_outcomes'] ?? [];
    if (outcomes.length !== trace.records.length) fail(`kernel_outcomes has ${outcomes.length} rows for ${trace.records.length} inputs`, { rows: outcomes.length, inputs: trace.records.length });
    trace.records.forEach((r, i) => {
      const row = outcomes[i];
      if (row && (row['diagnostic_code'] !== r.result.outcome.diagnosticCode || row['accepted'] !== (r.result.outcome.accepted ? 1 : 0) || row['capital_after'] !== num(r.result.state.account.capital))) {
        if (violations.length === 0) fail(`kernel_outcomes row ${i} disagrees with the kernel's outcome`, { code: String(row['diagnostic_code']), kernelCode: r.result.outcome.diagnosticCode, capital_after: String(row['capital_after']) }, r.index);
      }
    });
    const legRows = rows['trade_exit_legs'] ?? [];
    if (legRows.length !== facts.legs.length) fail(`${legRows.length} leg rows for ${facts.legs.length} completed legs`, { rows: legRows.length, legs: facts.legs.length });
    facts.legs.forEach((l, i) => {
      const row = legRows[i];
      if (!row || violations.length > 0) return;
      if (row['pnl_leg'] !== num(l.event.pnl) || row['capital_after'] !== num(l.capitalAfter) || row['remaining_qty'] !== num(l.event.remainingQty)) {
        fail(`leg row ${String(row['exit_leg_id'])} disagrees with the kernel's leg`, { pnl_leg: String(row['pnl_leg']), kernelPnl: l.event.pnl, capital_after: String(row['capital_after']), kernelCapital: l.capitalAfter }, l.stepIndex);
      }
    });
    const tradeRows = rows['trade_events'] ?? [];
    const trades = [...facts.trades.values()];
    const opened = trades.filter((t) => t.side !== null).length;
    const closed = trades.filter((t) => t.closes.length > 0).length;
    const opens = tradeRows.filter((r) => r['event'] === 'OPEN').length;
    const closes = tradeRows.filter((r) => r['event'] === 'CLOSE').length;
    if (opens !== opened || closes !== closed) fail(`trade_events: ${opens} OPEN / ${closes} CLOSE rows for ${opened} opened / ${closed} closed trades`, { opens, opened, closes, closed });
    const applied = trace.records.reduce((n, r) => n + r.result.events.filter((e) => e.type === 'OrderFilled').length, 0);
    if ((rows['fills'] ?? []).length !== applied) fail(`${(rows['fills'] ?? []).length} fills rows for ${applied} applied fills`, { rows: (rows['fills'] ?? []).length, fills: applied });
    const account = rows['account_events'] ?? [];
    const deltas = account.reduce((a, r) => a.add(new Decimal(String(r['delta']))), ZERO);
    const last = trace.records.at(-1)?.result.state.account;
    if (last && !deltas.eq(last.capital.sub(last.initialCapital))) fail('Σ account_events delta ≠ capital − initial capital', { sumOfDeltas: deltas, capitalChange: last.capital.sub(last.initialCapital) });
    let exercised = 0;
    for (const r of account) {
      if (r['cause'] !== 'BALANCE_REPORT') continue;
      exercised++;
      if (r['delta'] !== 0 || r['capital_before'] !== r['capital_after']) fail(`balance report row ${String(r['event_id'])} changes capital`, { capital_before: String(r['capital_before']), capital_after: String(r['capital_after']), delta: String(r['delta']) });
    }
    return { violations: violations.slice(0, 1), exercised: exercised + facts.legs.length };
  },
};
export default INV_R_RECONCILE;
