// The checks one row can answer alone: its family schema and the identities between its own columns.
// They run on every row as it streams past (from NDJSON files or from ClickHouse), so they need no memory.
import { formatRowIssue, validateRow } from '../rows/registry.ts';
import type { Family } from '../rows/families.ts';
import type { FindingCollector } from './findings.ts';
import { ROW_KEYS } from '../parity/rowKeys.ts';
import { moneyUnits, unitsText } from './money.ts';

export type RecordedRow = Readonly<Record<string, unknown>>;

/** `<strategy>/<key columns joined by />`: how a violation names its row. */
export function rowKey(family: Family, row: RecordedRow): string {
  return [row['strategy'], ...ROW_KEYS[family].map((c) => row[c])].map((v) => String(v)).join('/');
}

const num = (row: RecordedRow, c: string): number => row[c] as number;

function legRow(row: RecordedRow, key: string, out: FindingCollector): void {
  const trade = String(row['trade_id']);
  const seq = row['exit_seq'] as number;
  const expect: [string, unknown][] = [
    ['chain_seq', seq],
    ['exit_leg_id', `${trade}:leg${seq}`],
    ['chain_head_leg_id', `${trade}:leg0`],
    ['chain_prev_leg_id', seq === 0 ? '' : `${trade}:leg${seq - 1}`],
    ['chain_root_trade_id', trade],
    ['chain_token', trade],
  ];
  out.count('AUD-LEG-IDS');
  for (const [column, want] of expect) {
    if (row[column] !== want) {
      out.add({ check: 'AUD-LEG-IDS', family: 'trade_exit_legs', key, columns: [column, 'trade_id', 'exit_seq'], recorded: String(row[column]), expected: String(want), message: `${column} ${JSON.stringify(row[column])}, expected ${JSON.stringify(want)}` });
    }
  }
  out.count('AUD-LEG-CAPITAL');
  const moved = moneyUnits(num(row, 'capital_after')) - moneyUnits(num(row, 'capital_before'));
  const pnl = moneyUnits(num(row, 'pnl_leg'));
  if (moved !== pnl) {
    out.add({ check: 'AUD-LEG-CAPITAL', family: 'trade_exit_legs', key, columns: ['capital_after', 'capital_before', 'pnl_leg'], recorded: unitsText(moved), expected: unitsText(pnl), message: `capital_after − capital_before = ${unitsText(moved)} (${row['capital_after']} − ${row['capital_before']}), pnl_leg ${unitsText(pnl)}` });
  }
}

function accountRow(row: RecordedRow, key: string, out: FindingCollector): void {
  const before = moneyUnits(num(row, 'capital_before'));
  const after = moneyUnits(num(row, 'capital_after'));
  const delta = moneyUnits(num(row, 'delta'));
  out.count('AUD-ACCOUNT-DELTA');
  if (after - before !== delta) {
    out.add({ check: 'AUD-ACCOUNT-DELTA', family: 'account_events', key, columns: ['capital_after', 'capital_before', 'delta'], recorded: unitsText(delta), expected: unitsText(after - before), message: `delta ${unitsText(delta)}, capital_after − capital_before ${unitsText(after - before)}` });
  }
  if (row['cause'] !== 'BALANCE_REPORT') return;
  out.count('AUD-BALANCE-NO-CAPITAL');
  if (delta !== 0 || before !== after) {
    out.add({ check: 'AUD-BALANCE-NO-CAPITAL', family: 'account_events', key, columns: ['capital_before', 'capital_after', 'delta'], recorded: `${unitsText(before)} → ${unitsText(after)} (delta ${unitsText(delta)})`, expected: `${unitsText(before)} → ${unitsText(before)} (delta 0)`, message: `balance report moved capital ${unitsText(before)} → ${unitsText(after)} (venue_balance ${String(row['venue_balance'])})` });
  }
}

/** Checks one row; returns false when it failed its schema (then its identities are not judged). */
export function checkRow(family: Family, row: RecordedRow, out: FindingCollector): boolean {
  out.count('AUD-ROW-SCHEMA');
  const issues = validateRow(family, row);
  const key = rowKey(family, row);
  if (issues.length > 0) {
    for (const i of issues.slice(0, 3)) {
      out.add({ check: 'AUD-ROW-SCHEMA', family, key, columns: [i.field], recorded: i.value === undefined ? '(missing)' : JSON.stringify(i.value), expected: i.message, message: formatRowIssue(i) });
    }
    return false;
  }
  if (family === 'trade_exit_legs') legRow(row, key, out);
  else if (family === 'account_events') accountRow(row, key, out);
  return true;
}
