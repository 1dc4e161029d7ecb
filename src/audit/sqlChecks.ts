// The aggregate identities as SQL that runs in ClickHouse and returns only the violating keys, so auditing a
// year of rows scales with the server, not with this process. Written for ClickHouse 18.16: no window
// functions, so ordered identities are arrays — groupArray of tuples, arraySort by (ts, step, event), and the
// "previous element" as arrayPopBack(arrayPushFront(xs, first)) — and joins are nested ANY LEFT JOINs.
import type { Family } from '../rows/families.ts';
import { chAll } from './clickhouse.ts';
import type { FindingCollector } from './findings.ts';
import { moneySql as m, unitsText } from './money.ts';
import { filterSql, type AuditFilters } from './source.ts';

export interface SqlContext {
  readonly url: string;
  readonly table: (f: Family) => string;
  readonly filters: AuditFilters;
  /** False when --from is set: a trade may have opened before the window. */
  readonly judgeOrphans: boolean;
  /** Families whose table matched the schema; checks needing another are reported not run. */
  readonly usable: ReadonlySet<Family>;
}

const FORMAT = 'FORMAT JSONEachRow';
const s = (v: unknown) => String(v);
const n = (v: unknown) => Number(v);

export function needs(c: SqlContext, out: FindingCollector, check: Parameters<FindingCollector['skip']>[0], families: readonly Family[]): boolean {
  const missing = families.filter((f) => !c.usable.has(f));
  if (missing.length > 0) out.skip(check, `not run: ${missing.join(', ')} does not match the schema (AUD-LIVE-SCHEMA)`);
  return missing.length === 0;
}

/** One query per trade in scope: OPEN/CLOSE counts, the legs in exit_seq order, the sums they must meet. */
export async function tradeChecks(c: SqlContext, out: FindingCollector): Promise<void> {
  const families: Family[] = ['trade_events', 'trade_exit_legs', 'fills', 'account_events'];
  const runnable = ['AUD-TRADE-OPEN-CLOSE', 'AUD-LEG-SEQUENCE', 'AUD-LEG-ISOLATED', 'AUD-LEG-PNL-SUM', 'AUD-LEG-FRACTIONS'] as const;
  let ok = true;
  for (const id of runnable) ok = needs(c, out, id, families) && ok;
  if (!ok) return;
  const W = filterSql(c.filters);
  const orphans = c.judgeOrphans ? '1' : 'opens > 0';
  const sql = `
SELECT strategy, trade_id, opens, closes, closed, close_realized, close_legs, seqs, leg_sum, frac_sum, last_rem, fill_sum, acc_sum, late_entry,
  seqs != range(toUInt32(length(seqs))) OR (closed AND length(seqs) != close_legs) AS seq_bad,
  arrayFilter(x -> x.2 != x.3, arrayMap((q, p, t, pt) -> (q, p, t - pt), seqs, pnls, totals, arrayPopBack(arrayPushFront(totals, toInt64(0))))) AS not_isolated,
  arrayFilter(x -> x.2 > x.3, arrayMap((q, r, pr) -> (q, r, pr), seqs, rems, arrayPopBack(arrayPushFront(rems, rems[1])))) AS rem_rises,
  (opens != 1 OR closes > 1) AS open_close_bad,
  closed AND leg_sum != close_realized AS sum_bad,
  closed AND length(seqs) > 0 AND NOT late_entry AND (abs(frac_sum - 1) > 1e-12 * length(seqs) OR last_rem != 0) AS frac_bad,
  closed AND (fill_sum != leg_sum OR acc_sum != fill_sum) AS reconcile_bad
FROM (
  SELECT * FROM (
    SELECT * FROM (
      SELECT strategy, trade_id, countIf(event = 'OPEN') AS opens, countIf(event = 'CLOSE') AS closes, closes > 0 AS closed,
        anyIf(${m('realized_pnl')}, event = 'CLOSE') AS close_realized, anyIf(legs, event = 'CLOSE') AS close_legs
      FROM ${c.table('trade_events')} WHERE ${W} GROUP BY strategy, trade_id HAVING ${orphans}
    ) ANY LEFT JOIN (
      SELECT strategy, trade_id,
        arraySort(x -> x.1, groupArray((exit_seq, ${m('pnl_leg')}, ${m('pnl_realized_total')}, remaining_qty))) AS legs_sorted,
        arrayMap(x -> x.1, legs_sorted) AS seqs, arrayMap(x -> x.2, legs_sorted) AS pnls, arrayMap(x -> x.3, legs_sorted) AS totals,
        arrayMap(x -> x.4, legs_sorted) AS rems, rems[-1] AS last_rem, arraySum(pnls) AS leg_sum, sum(fraction) AS frac_sum
      FROM ${c.table('trade_exit_legs')} WHERE ${W} GROUP BY strategy, trade_id
    ) USING strategy, trade_id
  ) ANY LEFT JOIN (
    SELECT strategy, trade_id, fill_sum, acc_sum, late_entry FROM (
      SELECT strategy, trade_id, sumIf(${m('realized_pnl')}, purpose = 'EXIT') AS fill_sum,
        countIf(purpose = 'EXIT') > 0 AND maxIf(ts, purpose = 'ENTRY') >= minIf(ts, purpose = 'EXIT') AS late_entry FROM ${c.table('fills')} WHERE ${W} GROUP BY strategy, trade_id
    ) ANY FULL JOIN (
      SELECT strategy, trade_id, sum(${m('delta')}) AS acc_sum FROM ${c.table('account_events')} WHERE ${W} AND cause = 'EXIT_FILL' GROUP BY strategy, trade_id
    ) USING strategy, trade_id
  ) USING strategy, trade_id
)
WHERE seq_bad OR length(not_isolated) > 0 OR (length(rem_rises) > 0 AND NOT late_entry) OR open_close_bad OR sum_bad OR frac_bad OR reconcile_bad
${FORMAT}`;
  const counted = await chAll(c.url, `SELECT count() AS trades, countIf(closes > 0) AS closed FROM (SELECT strategy, trade_id, countIf(event = 'CLOSE') AS closes, countIf(event = 'OPEN') AS opens FROM ${c.table('trade_events')} WHERE ${W} GROUP BY strategy, trade_id HAVING ${orphans}) ${FORMAT}`);
  const trades = n(counted[0]?.['trades'] ?? 0);
  const closedTrades = n(counted[0]?.['closed'] ?? 0);
  for (const id of ['AUD-TRADE-OPEN-CLOSE', 'AUD-LEG-SEQUENCE'] as const) out.count(id, trades);
  for (const id of ['AUD-LEG-PNL-SUM', 'AUD-LEG-FRACTIONS', 'AUD-RECONCILE'] as const) out.count(id, closedTrades);
  out.count('AUD-LEG-ISOLATED', trades);
  for (const r of await chAll(c.url, sql)) judgeTradeRow(r, out);
}

function judgeTradeRow(r: Record<string, unknown>, out: FindingCollector): void {
  const key = `${s(r['strategy'])}/${s(r['trade_id'])}`;
  const seqs = (r['seqs'] as unknown[]).map(n);
  if (n(r['open_close_bad'])) out.add({ check: 'AUD-TRADE-OPEN-CLOSE', family: 'trade_events', key, columns: ['event'], recorded: `${n(r['opens'])} OPEN, ${n(r['closes'])} CLOSE`, expected: '1 OPEN, ≤ 1 CLOSE', message: `trade has ${n(r['opens'])} OPEN and ${n(r['closes'])} CLOSE rows` });
  if (n(r['seq_bad'])) {
    const gap = seqs.findIndex((q, i) => q !== i);
    const closeLegs = n(r['close_legs']);
    out.add({ check: 'AUD-LEG-SEQUENCE', family: 'trade_exit_legs', key, columns: ['exit_seq'], recorded: seqs.join(','), expected: n(r['closed']) ? `0..${closeLegs - 1}` : `0..${seqs.length - 1}`, message: gap >= 0 ? `exit_seq ${seqs[gap]} where ${gap} was due` : `${seqs.length} legs, CLOSE row says ${closeLegs}` });
  }
  for (const [q, pnl, inc] of (r['not_isolated'] as unknown[][]).map((x) => x.map(n))) {
    out.add({ check: 'AUD-LEG-ISOLATED', family: 'trade_exit_legs', key: `${key}:leg${q}`, columns: ['pnl_leg', 'pnl_realized_total'], recorded: unitsText(pnl!), expected: unitsText(inc!), message: `pnl_leg ${unitsText(pnl!)} is not the increment ${unitsText(inc!)} of pnl_realized_total` });
  }
  for (const [q, rem, prev] of n(r['late_entry']) ? [] : (r['rem_rises'] as unknown[][]).map((x) => x.map(n))) {
    out.add({ check: 'AUD-LEG-FRACTIONS', family: 'trade_exit_legs', key: `${key}:leg${q}`, columns: ['remaining_qty'], recorded: String(rem), expected: `≤ ${prev}`, message: `remaining_qty rose from ${prev} to ${rem}` });
  }
  const legSum = n(r['leg_sum']);
  if (n(r['sum_bad'])) out.add({ check: 'AUD-LEG-PNL-SUM', family: 'trade_exit_legs', key, columns: ['pnl_leg', 'trade_events.realized_pnl'], recorded: unitsText(legSum), expected: unitsText(n(r['close_realized'])), message: `Σ pnl_leg ${unitsText(legSum)} ≠ CLOSE realized_pnl ${unitsText(n(r['close_realized']))}` });
  if (n(r['frac_bad'])) out.add({ check: 'AUD-LEG-FRACTIONS', family: 'trade_exit_legs', key, columns: ['fraction', 'remaining_qty'], recorded: `Σ fraction ${n(r['frac_sum'])}, last remaining_qty ${n(r['last_rem'])}`, expected: 'Σ fraction 1, last remaining_qty 0', message: `closed trade: Σ fraction ${n(r['frac_sum'])}, last remaining_qty ${n(r['last_rem'])}` });
  if (n(r['reconcile_bad'])) {
    const fills = n(r['fill_sum']);
    const acc = n(r['acc_sum']);
    out.add({ check: 'AUD-RECONCILE', family: 'fills', key, columns: ['fills.realized_pnl', 'trade_exit_legs.pnl_leg', 'account_events.delta'], recorded: `fills ${unitsText(fills)}, account ${unitsText(acc)}`, expected: `Σ pnl_leg ${unitsText(legSum)}`, message: `closed trade: Σ exit-fill realized_pnl ${unitsText(fills)}, Σ EXIT_FILL delta ${unitsText(acc)}, Σ pnl_leg ${unitsText(legSum)}` });
  }
}
