// One step of a candidate compared with the reference's, everything a kernel emits: the outcome, the commands to
// the venue (aligned by kind and order id), every slot field, capital, and every row of every family (aligned by
// the family's key, then column by column). Decimals compare exactly as decimals ("0.50" = "0.5"); the only
// built-in tolerance is spec/rows.md's for Float64 quotient columns; a team's --ignore/--tolerance apply on top.
import { Decimal, toDecimal } from '../kernel/decimal.ts';
import { EXACT_POLICY, TOLERANT_COLUMNS, type ComparePolicy } from './comparePolicy.ts';
import { rowKeys } from './rowKeys.ts';
import { COMMAND_COLUMNS, OUTCOME_COLUMNS, SLOT_COLUMNS, type StepView } from './stepView.ts';

export interface Divergence {
  readonly step: number;
  /** 'outcome', 'commands', 'slot', 'account' or a row family. */
  readonly where: string;
  /** Position of the row (or command) in the reference's list for the step; null when not a row. */
  readonly row: number | null;
  /** The row's (or command's, or slot's) key: `fill_id=F3`, `SUBMIT T1:X0`, `slot 0`; null for outcome and capital. */
  readonly key: string | null;
  /** The column, or `(missing row)` / `(extra row)` when one side has a row the other lacks. */
  readonly column: string;
  readonly reference: string;
  readonly candidate: string;
}

export const MISSING_ROW = '(missing row)';
export const EXTRA_ROW = '(extra row)';

/** The divergence's signature: where and column, the unit of triage (`fills.price`, `slot.entry_price`). */
export function signatureOf(d: Divergence): string {
  return `${d.where}.${d.column}`;
}

const REL = new Decimal('1e-12');
const DECIMAL_SLOT_COLUMNS = new Set(['size', 'initial_size', 'entry_price', 'realized_pnl']);
const DECIMAL_COMMAND_COLUMNS = new Set(['qty', 'price']);

function show(x: unknown): string {
  return x === undefined ? '(missing)' : typeof x === 'string' ? x : JSON.stringify(x);
}

function asDecimal(x: unknown): Decimal | null {
  const d = typeof x === 'number' || typeof x === 'string' ? toDecimal(x) : null;
  return d && d.isFinite() ? d : null;
}

function sameDecimal(a: unknown, b: unknown): boolean {
  const x = asDecimal(a);
  const y = asDecimal(b);
  return x !== null && y !== null ? x.eq(y) : a === b;
}

/** Same value under the policy: ignored, within an absolute tolerance, within spec's relative tolerance, or equal. */
function sameUnder(policy: ComparePolicy, key: string, a: unknown, b: unknown, decimal: boolean): boolean {
  if (policy.ignore.has(key)) return true;
  const abs = policy.tolerance.get(key);
  const x = asDecimal(a);
  const y = asDecimal(b);
  if (abs !== undefined && x && y && x.sub(y).abs().lte(abs)) return true;
  if (TOLERANT_COLUMNS.has(key) && typeof a === 'number' && typeof b === 'number' && x && y) {
    const diff = x.sub(y).abs();
    return diff.lte(x.abs().mul(REL)) || diff.lte(REL);
  }
  if (decimal) return sameDecimal(a, b);
  return a === b;
}

type Rec = Readonly<Record<string, unknown>>;

/** Aligns two lists by key and compares matched items column by column. */
function compareKeyed(
  out: Divergence[], step: number, where: string, policy: ComparePolicy,
  ref: readonly Rec[], cand: readonly Rec[], keys: (xs: readonly Rec[]) => string[], columns: ((a: Rec, b: Rec) => readonly string[]), decimal: (col: string) => boolean,
): void {
  const rk = keys(ref);
  const ck = keys(cand);
  const candAt = new Map(ck.map((k, i) => [k, i]));
  const refKeys = new Set(rk);
  rk.forEach((k, i) => {
    const j = candAt.get(k);
    if (j === undefined) {
      if (!policy.ignore.has(`${where}.${MISSING_ROW}`)) out.push({ step, where, row: i, key: k, column: MISSING_ROW, reference: 'present', candidate: 'absent' });
      return;
    }
    const a = ref[i]!;
    const b = cand[j]!;
    for (const col of columns(a, b)) {
      if (!sameUnder(policy, `${where}.${col}`, a[col], b[col], decimal(col))) out.push({ step, where, row: i, key: k, column: col, reference: show(a[col]), candidate: show(b[col]) });
    }
  });
  ck.forEach((k, j) => {
    if (!refKeys.has(k) && !policy.ignore.has(`${where}.${EXTRA_ROW}`)) out.push({ step, where, row: null, key: k, column: EXTRA_ROW, reference: 'absent', candidate: JSON.stringify(cand[j]) });
  });
}

const union = (a: Rec, b: Rec) => [...new Set([...Object.keys(a), ...Object.keys(b)])];

/** Every difference at one step (empty: the step agrees). */
export function compareStep(step: number, ref: StepView, cand: StepView, compareRows: boolean, policy: ComparePolicy = EXACT_POLICY): Divergence[] {
  const out: Divergence[] = [];
  const outcome = (cand.outcome ?? {}) as unknown as Rec;
  for (const k of OUTCOME_COLUMNS) {
    if (!sameUnder(policy, `outcome.${k}`, ref.outcome[k], outcome[k], false)) out.push({ step, where: 'outcome', row: null, key: null, column: k, reference: show(ref.outcome[k]), candidate: show(outcome[k]) });
  }
  compareKeyed(out, step, 'commands', policy, ref.commands as unknown as Rec[], (cand.commands ?? []) as unknown as Rec[],
    (xs) => rowKeysOf(xs.map((c) => `${String(c['kind'])} ${String(c['order_id'])}`)), () => COMMAND_COLUMNS, (c) => DECIMAL_COMMAND_COLUMNS.has(c));
  compareKeyed(out, step, 'slot', policy, ref.slots as unknown as Rec[], (cand.slots ?? []) as unknown as Rec[],
    (xs) => xs.map((s) => `slot ${String(s['slot_id'])}`), () => SLOT_COLUMNS, (c) => DECIMAL_SLOT_COLUMNS.has(c));
  if (!sameUnder(policy, 'account.capital', ref.capital, cand.capital, true)) out.push({ step, where: 'account', row: null, key: null, column: 'capital', reference: show(ref.capital), candidate: show(cand.capital) });
  if (compareRows && ref.rows) {
    const families = [...new Set([...Object.keys(ref.rows), ...Object.keys(cand.rows ?? {})])];
    for (const family of families) {
      compareKeyed(out, step, family, policy, (ref.rows[family] ?? []) as Rec[], (cand.rows?.[family] ?? []) as Rec[], (xs) => rowKeys(family, xs), union, () => false);
    }
  }
  return out;
}

function rowKeysOf(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k} #${n}`;
  });
}
