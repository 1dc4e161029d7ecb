// INV-R-ROW-PROMISES: the promises of spec/rows.md §4 that rows alone can show, checked from the rows only (no
// kernel state, no events), so that they hold for any writer — a candidate's, or what production recorded.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';
import { Decimal, ZERO } from '../src/kernel/decimal.ts';

const ID = 'INV-R-ROW-PROMISES';
type Row = Readonly<Record<string, unknown>>;
const d = (x: unknown): Decimal => new Decimal(String(x));
const ACCEPTED_EXIT = new Set(['OK', 'EXIT_CLAMPED']);

export const INV_R_ROW_PROMISES: Invariant = {
  id: ID,
  title: 'The row promises of spec/rows.md §4, from rows alone',
  statement: 'From the rows alone: one OPEN trade_events row per accepted ENTER of trade_intents and at most one CLOSE per trade, after its OPEN; Σ pnl_leg of a closed trade = its CLOSE row\'s realized_pnl and its last leg has remaining_qty 0; account_events form one capital chain (each row\'s capital_before = the previous row\'s capital_after, capital_after − capital_before = delta, a BALANCE_REPORT has delta 0); each kernel_outcomes.capital_after equals the chain\'s capital after that step; every leg\'s command_id is an accepted EXIT of trade_intents for its trade.',
  why: 'These are the promises dashboards and reconciliation rely on; checked on rows only, they hold whoever wrote the rows and whatever the kernel\'s own state says.',
  specAnchor: 'spec/invariants.md#inv-r-row-promises',
  scope: 'rows',
  reads: [
    'trade_intents.intent_id', 'trade_intents.trade_id', 'trade_intents.action', 'trade_intents.diagnostic_code', 'trade_events.event', 'trade_events.trade_id',
    'trade_events.realized_pnl', 'trade_exit_legs.trade_id', 'trade_exit_legs.pnl_leg', 'trade_exit_legs.remaining_qty', 'trade_exit_legs.command_id',
    'account_events.capital_before', 'account_events.capital_after', 'account_events.delta', 'account_events.cause', 'account_events.event_id',
    'kernel_outcomes.seq', 'kernel_outcomes.capital_after',
  ],
  check(trace) {
    const violations: Violation[] = [];
    if (!trace.rows) return { violations, exercised: 0 };
    const rows = (f: string) => (trace.rows?.[f] ?? []) as readonly Row[];
    const fail = (message: string, values: Record<string, string | number | Decimal>, step = 0) => {
      if (violations.length === 0) violations.push(violation(ID, step, message, values));
    };
    let exercised = 0;

    // One OPEN per accepted ENTER; at most one CLOSE per trade, never before its OPEN.
    const entered = rows('trade_intents').filter((r) => r['action'] === 'ENTER' && r['diagnostic_code'] === 'OK').map((r) => String(r['trade_id']));
    const opens = new Set<string>();
    const closes = new Map<string, Row>();
    for (const r of rows('trade_events')) {
      const trade = String(r['trade_id']);
      if (r['event'] === 'OPEN') {
        if (opens.has(trade)) fail(`trade ${trade} has a second OPEN row`, { tradeId: trade });
        opens.add(trade);
      } else {
        if (!opens.has(trade)) fail(`trade ${trade} has a CLOSE row before (or without) its OPEN`, { tradeId: trade });
        if (closes.has(trade)) fail(`trade ${trade} has a second CLOSE row`, { tradeId: trade });
        closes.set(trade, r);
      }
    }
    if (entered.length !== opens.size || entered.some((t) => !opens.has(t))) {
      fail(`${opens.size} OPEN rows for ${entered.length} accepted ENTER intents`, { opens: opens.size, acceptedEnters: entered.length, missing: entered.find((t) => !opens.has(t)) ?? '' });
    }

    // Σ pnl_leg = CLOSE realized_pnl; last leg remaining_qty 0; command_id an accepted EXIT of the trade.
    const exits = new Map<string, string>();
    for (const r of rows('trade_intents')) if (r['action'] === 'EXIT' && ACCEPTED_EXIT.has(String(r['diagnostic_code']))) exits.set(String(r['intent_id']), String(r['trade_id']));
    const legSums = new Map<string, { sum: Decimal; last: Row }>();
    for (const leg of rows('trade_exit_legs')) {
      const trade = String(leg['trade_id']);
      const prev = legSums.get(trade);
      legSums.set(trade, { sum: (prev?.sum ?? ZERO).add(d(leg['pnl_leg'])), last: leg });
      if (exits.get(String(leg['command_id'])) !== trade) fail(`leg ${String(leg['exit_leg_id'])}: command_id ${JSON.stringify(leg['command_id'])} is not an accepted EXIT intent of trade ${trade}`, { commandId: String(leg['command_id']), tradeId: trade });
    }
    for (const [trade, close] of closes) {
      const legs = legSums.get(trade);
      if (!legs) continue;
      exercised++;
      if (!legs.sum.eq(d(close['realized_pnl']))) fail(`closed trade ${trade}: Σ pnl_leg ${legs.sum.toFixed()} ≠ CLOSE realized_pnl ${String(close['realized_pnl'])}`, { tradeId: trade, sumOfPnlLeg: legs.sum, realizedPnl: String(close['realized_pnl']) });
      if (legs.last['remaining_qty'] !== 0) fail(`closed trade ${trade}: its last leg leaves remaining_qty ${String(legs.last['remaining_qty'])}`, { tradeId: trade, remainingQty: String(legs.last['remaining_qty']) });
    }

    // One capital chain through account_events; kernel_outcomes.capital_after follows it step by step.
    let capital: Decimal | null = null;
    const capitalAtStep = new Map<number, Decimal>();
    for (const r of rows('account_events')) {
      exercised++;
      const before = d(r['capital_before']);
      const after = d(r['capital_after']);
      const step = Number(String(r['event_id']).split(':')[0]);
      if (capital !== null && !before.eq(capital)) fail(`account event ${String(r['event_id'])}: capital_before ${before.toFixed()} ≠ the previous capital_after ${capital.toFixed()}`, { eventId: String(r['event_id']), capitalBefore: before, previousCapitalAfter: capital }, step);
      if (!after.sub(before).eq(d(r['delta']))) fail(`account event ${String(r['event_id'])}: capital_after − capital_before ≠ delta`, { eventId: String(r['event_id']), delta: String(r['delta']) }, step);
      if (r['cause'] === 'BALANCE_REPORT' && r['delta'] !== 0) fail(`balance report ${String(r['event_id'])} moved capital by ${String(r['delta'])}`, { eventId: String(r['event_id']), delta: String(r['delta']) }, step);
      capital = after;
      capitalAtStep.set(step, after);
    }
    let chain: Decimal | null = null;
    for (const o of rows('kernel_outcomes')) {
      const step = Number(o['seq']);
      chain = capitalAtStep.get(step) ?? chain;
      if (chain !== null && !d(o['capital_after']).eq(chain)) fail(`step ${step}: kernel_outcomes.capital_after ${String(o['capital_after'])} ≠ the account chain's ${chain.toFixed()}`, { seq: step, capitalAfter: String(o['capital_after']), chain }, step);
      chain ??= d(o['capital_after']);
    }
    return { violations, exercised };
  },
};
export default INV_R_ROW_PROMISES;
