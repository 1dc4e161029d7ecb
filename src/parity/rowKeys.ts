// The key that identifies a row within one step's rows of its family, so rows are compared by identity and
// not by position: one missing or extra row is named once instead of shifting every row after it.
import type { Family } from '../rows/families.ts';

/** Columns that identify a row of each family (spec/protocol.md, "Alignment"). */
export const ROW_KEYS: Readonly<Record<Family, readonly string[]>> = {
  policy_decisions: ['decision_id'],
  trade_intents: ['intent_id'],
  kernel_outcomes: ['seq'],
  order_events: ['order_id', 'event'],
  fills: ['fill_id'],
  trade_events: ['trade_id', 'event'],
  trade_exit_legs: ['exit_leg_id'],
  account_events: ['event_id'],
};

/** Key columns of a family; an unknown family has none and its rows align by position. */
export function keyColumnsOf(family: string): readonly string[] {
  return (ROW_KEYS as Readonly<Record<string, readonly string[]>>)[family] ?? [];
}

/** Row keys in order; a key seen twice gets `#2`, `#3`, … so duplicates align with duplicates. */
export function rowKeys(family: string, rows: readonly Record<string, unknown>[]): string[] {
  const cols = keyColumnsOf(family);
  const seen = new Map<string, number>();
  return rows.map((r, i) => {
    const base = cols.length === 0 ? `#${i}` : cols.map((c) => `${c}=${typeof r[c] === 'string' ? r[c] : JSON.stringify(r[c])}`).join(' ');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}
