// Step-by-step comparison of a candidate's view with the reference's: outcome, every slot field, capital,
// and every row column. Decimals compare exactly (as decimals: "0.50" = "0.5"); the only tolerance is the
// one spec/rows.md states for Float64 quotient columns.
import { Decimal, toDecimal } from '../kernel/decimal.ts';
import { SLOT_COLUMNS, type StepView } from './candidate.ts';

export interface Divergence {
  readonly step: number;
  /** 'outcome', 'slot', 'capital' or a row family. */
  readonly where: string;
  readonly row: number | null;
  readonly column: string;
  readonly reference: string;
  readonly candidate: string;
}

/** Columns whose values are Float64 quotients that need not terminate: compared to 1e-12 relative. */
export const TOLERANT_COLUMNS: ReadonlySet<string> = new Set(['trade_exit_legs.fraction', 'trade_exit_legs.pnl_pct_leg']);
const REL = new Decimal('1e-12');

const DECIMAL_SLOT_COLUMNS = new Set(['size', 'initial_size', 'entry_price', 'realized_pnl']);

function show(x: unknown): string {
  return x === undefined ? '(missing)' : typeof x === 'string' ? x : JSON.stringify(x);
}

function sameDecimal(a: unknown, b: unknown): boolean {
  const x = toDecimal(a);
  const y = toDecimal(b);
  return x !== null && y !== null && x.isFinite() && y.isFinite() && x.eq(y);
}

function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    if (!TOLERANT_COLUMNS.has(key)) return false;
    const x = new Decimal(String(a));
    const diff = x.sub(String(b)).abs();
    return diff.lte(x.abs().mul(REL)) || diff.lte(REL);
  }
  return a === b;
}

export function compareStep(step: number, ref: StepView, cand: StepView, compareRows: boolean): Divergence | null {
  const d = (where: string, column: string, r: unknown, c: unknown, row: number | null = null): Divergence => ({ step, where, row, column, reference: show(r), candidate: show(c) });
  for (const k of ['accepted', 'diagnostic_code', 'state', 'slot_id', 'trade_id'] as const) {
    if (ref.outcome[k] !== cand.outcome?.[k]) return d('outcome', k, ref.outcome[k], cand.outcome?.[k]);
  }
  for (const rs of ref.slots) {
    const cs = cand.slots?.find((s) => s.slot_id === rs.slot_id);
    if (!cs) return d('slot', `slot ${rs.slot_id}`, 'present', undefined);
    for (const col of SLOT_COLUMNS) {
      const same = DECIMAL_SLOT_COLUMNS.has(col) ? sameDecimal(rs[col], cs[col]) : rs[col] === cs[col];
      if (!same) return d('slot', `slot ${rs.slot_id}.${col}`, rs[col], cs[col]);
    }
  }
  if (!sameDecimal(ref.capital, cand.capital)) return d('capital', 'capital', ref.capital, cand.capital);
  if (compareRows && ref.rows) {
    const families = new Set([...Object.keys(ref.rows), ...Object.keys(cand.rows ?? {})]);
    for (const family of families) {
      const rr = ref.rows[family] ?? [];
      const cr = cand.rows?.[family] ?? [];
      if (rr.length !== cr.length) return d(family, '(row count)', rr.length, cr.length);
      for (let i = 0; i < rr.length; i++) {
        const a = rr[i] as Record<string, unknown>;
        const b = cr[i] as Record<string, unknown>;
        for (const col of new Set([...Object.keys(a), ...Object.keys(b)])) {
          if (!sameValue(`${family}.${col}`, a[col], b[col])) return d(family, col, a[col], b[col], i);
        }
      }
    }
  }
  return null;
}
