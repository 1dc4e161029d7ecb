// The rows a system wrote against the rows the ledger model expects, family by family and column by column.
// Only the two non-terminating Float64 quotients of spec/rows.md §1.2 compare within a tolerance.
import { FAMILIES, columnsOf, type Family } from '../rows/families.ts';
import type { RowsByFamily } from '../invariants/invariant.ts';
import { dateTimeText, type ExpectedRow } from './expectedRows.ts';
import type { Mismatch } from './modelRun.ts';

/** spec/rows.md §1.2: the only columns compared with a (relative) tolerance. */
export const TOLERANT_COLUMNS: ReadonlySet<string> = new Set(['trade_exit_legs.fraction', 'trade_exit_legs.pnl_pct_leg']);
const RELATIVE_TOLERANCE = 1e-12;

export interface RowComparison {
  readonly compared: number;
  readonly mismatch: (Mismatch & { readonly family: Family; readonly row: number; readonly column: string }) | null;
}

/** A run's rows share a few hundred times, visited family by family: each is formatted once per comparison. */
type TimeTexts = Map<number, string>;
function tsText(times: TimeTexts, tsMs: number): string {
  let text = times.get(tsMs);
  if (text === undefined) {
    text = dateTimeText(tsMs);
    times.set(tsMs, text);
  }
  return text;
}

function expectedValue(row: ExpectedRow, column: string, strategy: string, times: TimeTexts): unknown {
  if (column === 'ts') return tsText(times, row.tsMs);
  if (column === 'date') return tsText(times, row.tsMs).slice(0, 10);
  if (column === 'strategy') return strategy;
  return (row.body as Record<string, unknown>)[column];
}

function same(family: Family, column: string, want: unknown, got: unknown): boolean {
  if (want === got) return true;
  if (!TOLERANT_COLUMNS.has(`${family}.${column}`) || typeof want !== 'number' || typeof got !== 'number') return false;
  return Math.abs(want - got) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(want));
}

const show = (x: unknown): string => (typeof x === 'string' ? JSON.stringify(x) : x === undefined ? 'absent' : String(x));

/** Compares every family; the first disagreement (in family order, then row order) is the one reported. */
export function compareRows(expected: readonly ExpectedRow[], actual: RowsByFamily, strategy = 'pink'): RowComparison {
  let compared = 0;
  const times: TimeTexts = new Map();
  const byFamily = new Map<Family, ExpectedRow[]>(FAMILIES.map((f) => [f, []]));
  for (const r of expected) byFamily.get(r.family)?.push(r);
  for (const family of FAMILIES) {
    const want = byFamily.get(family)!;
    const got = actual[family] ?? [];
    const columns = columnsOf(family);
    const n = Math.min(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const w = want[i]!;
      const g = got[i]!;
      compared++;
      for (const column of columns) {
        const x = expectedValue(w, column, strategy, times);
        const y = g[column];
        if (!same(family, column, x, y)) {
          return { compared, mismatch: { family, row: i, column, stepIndex: w.step, field: `${family}.${column}`, expected: show(x), actual: show(y) } };
        }
      }
    }
    if (want.length !== got.length) {
      const extra = got.length > want.length;
      const stepIndex = extra ? (want.at(-1)?.step ?? 0) : want[n]!.step;
      return {
        compared,
        mismatch: { family, row: n, column: '(row)', stepIndex, field: `${family} rows`, expected: `${want.length} rows`, actual: `${got.length} rows (${extra ? 'extra' : 'missing'} row ${n})` },
      };
    }
  }
  return { compared, mismatch: null };
}
