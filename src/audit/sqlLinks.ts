// The ordered and cross-family identities as ClickHouse 18 SQL: the capital chain per strategy (account events
// sorted by ts, then the step and event number of event_id), balance reports in kernel_outcomes, and the joins
// legs → intents, fills → orders, orders → intents. Each query returns only violating keys.
import { chAll } from './clickhouse.ts';
import type { FindingCollector } from './findings.ts';
import { moneySql as m, unitsText } from './money.ts';
import { filterSql } from './source.ts';
import { needs, type SqlContext } from './sqlChecks.ts';

const FORMAT = 'FORMAT JSONEachRow';
const s = (v: unknown) => String(v);
const n = (v: unknown) => Number(v);

/** Per strategy, in event order: capital_before = the previous event's capital_after. */
export async function capitalChain(c: SqlContext, out: FindingCollector): Promise<void> {
  if (!needs(c, out, 'AUD-CAPITAL-CHAIN', ['account_events'])) return;
  const sql = `
SELECT strategy, arrayJoin(breaks) AS b, b.1 AS event_id, b.2 AS capital_before, b.3 AS prev_after, b.4 AS prev_event
FROM (
  SELECT strategy,
    arraySort(x -> (x.1, x.2, x.3), groupArray((ts, toUInt32(splitByChar(':', event_id)[1]), toUInt32(splitByChar(':', event_id)[2]), event_id, ${m('capital_before')}, ${m('capital_after')}))) AS ev,
    arrayMap(x -> x.4, ev) AS ids, arrayMap(x -> x.5, ev) AS befores, arrayMap(x -> x.6, ev) AS afters,
    arrayFilter(x -> x.2 != x.3, arrayMap((id, b, pa, pid) -> (id, b, pa, pid), arrayPopFront(ids), arrayPopFront(befores), arrayPopBack(afters), arrayPopBack(ids))) AS breaks
  FROM ${c.table('account_events')} WHERE ${filterSql(c.filters)} GROUP BY strategy
) ${FORMAT}`;
  const counted = await chAll(c.url, `SELECT count() AS n FROM ${c.table('account_events')} WHERE ${filterSql(c.filters)} ${FORMAT}`);
  out.count('AUD-CAPITAL-CHAIN', n(counted[0]?.['n'] ?? 0));
  for (const r of await chAll(c.url, sql)) {
    out.add({ check: 'AUD-CAPITAL-CHAIN', family: 'account_events', key: `${s(r['strategy'])}/${s(r['event_id'])}`, columns: ['capital_before'], recorded: unitsText(n(r['capital_before'])), expected: unitsText(n(r['prev_after'])), message: `capital_before ${unitsText(n(r['capital_before']))} ≠ capital_after ${unitsText(n(r['prev_after']))} of ${s(r['strategy'])}/${s(r['prev_event'])}` });
  }
}

/** A balance_reported step keeps kernel_outcomes.capital_after equal to the step before's. */
export async function balanceSteps(c: SqlContext, out: FindingCollector): Promise<void> {
  if (!needs(c, out, 'AUD-BALANCE-NO-CAPITAL', ['kernel_outcomes'])) return;
  const sql = `
SELECT strategy, arrayJoin(moved) AS b, b.1 AS seq, b.2 AS capital_after, b.3 AS prev_after
FROM (
  SELECT strategy,
    arraySort(x -> (x.1, x.2), groupArray((ts_ms, seq, input_kind = 'balance_reported', ${m('capital_after')}))) AS st,
    arrayMap(x -> x.4, st) AS afters,
    arrayFilter(x -> x.4 AND x.2 != x.3, arrayMap((q, a, pa, bal) -> (q, a, pa, bal), arrayPopFront(arrayMap(x -> x.2, st)), arrayPopFront(afters), arrayPopBack(afters), arrayPopFront(arrayMap(x -> x.3, st)))) AS moved
  FROM ${c.table('kernel_outcomes')} WHERE ${filterSql(c.filters)} GROUP BY strategy
) ${FORMAT}`;
  const counted = await chAll(c.url, `SELECT count() AS n FROM ${c.table('kernel_outcomes')} WHERE ${filterSql(c.filters)} AND input_kind = 'balance_reported' ${FORMAT}`);
  out.count('AUD-BALANCE-NO-CAPITAL', n(counted[0]?.['n'] ?? 0));
  for (const r of await chAll(c.url, sql)) {
    out.add({ check: 'AUD-BALANCE-NO-CAPITAL', family: 'kernel_outcomes', key: `${s(r['strategy'])}/${s(r['seq'])}`, columns: ['capital_after'], recorded: unitsText(n(r['capital_after'])), expected: unitsText(n(r['prev_after'])), message: `balance_reported step moved capital_after ${unitsText(n(r['prev_after']))} → ${unitsText(n(r['capital_after']))}` });
  }
}

/** legs → EXIT intents, fills → submitted orders, submitted orders → intents; orphan legs when judged. */
export async function reconcileJoins(c: SqlContext, out: FindingCollector): Promise<void> {
  if (!needs(c, out, 'AUD-RECONCILE', ['trade_events', 'trade_intents', 'order_events', 'fills', 'trade_exit_legs'])) return;
  const W = filterSql(c.filters);
  const scope = `(strategy, trade_id) IN (SELECT strategy, trade_id FROM ${c.table('trade_events')} WHERE event = 'OPEN' AND ${W})`;
  const legs = await chAll(c.url, `
SELECT strategy, exit_leg_id, trade_id, command_id FROM (
  SELECT strategy, exit_leg_id, trade_id, command_id FROM ${c.table('trade_exit_legs')} WHERE ${W} AND ${scope}
) ANY LEFT JOIN (
  SELECT DISTINCT strategy, trade_id, intent_id AS command_id, 1 AS found FROM ${c.table('trade_intents')} WHERE ${W} AND action = 'EXIT'
) USING strategy, trade_id, command_id WHERE found = 0 ${FORMAT}`);
  for (const r of legs) out.add({ check: 'AUD-RECONCILE', family: 'trade_exit_legs', key: `${s(r['strategy'])}/${s(r['exit_leg_id'])}`, columns: ['command_id'], recorded: s(r['command_id']), expected: 'an EXIT intent of the trade', message: `command_id ${s(r['command_id'])} is not an EXIT intent of trade ${s(r['trade_id'])}` });
  const fills = await chAll(c.url, `
SELECT strategy, fill_id, order_id FROM (
  SELECT strategy, fill_id, trade_id, order_id FROM ${c.table('fills')} WHERE ${W} AND ${scope}
) ANY LEFT JOIN (
  SELECT DISTINCT strategy, trade_id, order_id, 1 AS found FROM ${c.table('order_events')} WHERE ${W} AND event = 'SUBMITTED'
) USING strategy, trade_id, order_id WHERE found = 0 ${FORMAT}`);
  for (const r of fills) out.add({ check: 'AUD-RECONCILE', family: 'fills', key: `${s(r['strategy'])}/${s(r['fill_id'])}`, columns: ['order_id', 'trade_id'], recorded: s(r['order_id']), expected: 'a SUBMITTED order_events row of the trade', message: `fill of order ${s(r['order_id'])} that order_events never submitted` });
  const orders = await chAll(c.url, `
SELECT strategy, order_id, trade_id, purpose FROM (
  SELECT strategy, order_id, trade_id, purpose FROM ${c.table('order_events')} WHERE ${W} AND ${scope} AND event = 'SUBMITTED'
) ANY LEFT JOIN (
  SELECT DISTINCT strategy, trade_id, if(action = 'ENTER', 'ENTRY', 'EXIT') AS purpose, 1 AS found FROM ${c.table('trade_intents')} WHERE ${W} AND action IN ('ENTER', 'EXIT')
) USING strategy, trade_id, purpose WHERE found = 0 ${FORMAT}`);
  for (const r of orders) {
    const action = r['purpose'] === 'ENTRY' ? 'ENTER' : 'EXIT';
    out.add({ check: 'AUD-RECONCILE', family: 'order_events', key: `${s(r['strategy'])}/${s(r['order_id'])}`, columns: ['order_id', 'trade_id', 'purpose'], recorded: `no ${action} intent of trade ${s(r['trade_id'])}`, expected: `an ${action} row in trade_intents`, message: `order ${s(r['order_id'])} (${s(r['purpose'])}) has no ${action} intent of its trade` });
  }
  const counted = await chAll(c.url, `SELECT (SELECT count() FROM ${c.table('trade_exit_legs')} WHERE ${W} AND ${scope}) + (SELECT count() FROM ${c.table('fills')} WHERE ${W} AND ${scope}) + (SELECT count() FROM ${c.table('order_events')} WHERE ${W} AND ${scope} AND event = 'SUBMITTED') AS n ${FORMAT}`);
  out.count('AUD-RECONCILE', n(counted[0]?.['n'] ?? 0));
  if (!c.judgeOrphans) return;
  const orphans = await chAll(c.url, `SELECT strategy, exit_leg_id, trade_id FROM ${c.table('trade_exit_legs')} WHERE ${W} AND NOT ${scope} ${FORMAT}`);
  for (const r of orphans) out.add({ check: 'AUD-TRADE-OPEN-CLOSE', family: 'trade_exit_legs', key: `${s(r['strategy'])}/${s(r['exit_leg_id'])}`, columns: ['trade_id'], recorded: 'leg without OPEN', expected: 'an OPEN trade_events row', message: `leg of trade ${s(r['strategy'])}/${s(r['trade_id'])}, which has no OPEN row` });
}
