// What a team sets aside when comparing with the reference: `--ignore family.column` and
// `--tolerance family.column=ABS`. Normalized once at the boundary; a column spec/rows.md makes exact is refused
// unless forced, so a known difference is a visible decision in the report's header, never a quiet filter.
import { UsageError } from '../cli/exitCodes.ts';
import { Decimal, toDecimal } from '../kernel/decimal.ts';
import { FAMILIES, columnsOf } from '../rows/families.ts';
import { COMMAND_COLUMNS, OUTCOME_COLUMNS, SLOT_COLUMNS } from './stepView.ts';

/** Float64 quotient columns that need not terminate: spec/rows.md §1.2 compares them within 1e-12 relative. */
export const TOLERANT_COLUMNS: ReadonlySet<string> = new Set(['trade_exit_legs.fraction', 'trade_exit_legs.pnl_pct_leg']);

export interface ComparePolicy {
  readonly ignore: ReadonlySet<string>;
  /** family.column → the largest absolute difference accepted. */
  readonly tolerance: ReadonlyMap<string, Decimal>;
  /** The options as given, for headers and counterexample files: `--ignore x.y`, `--tolerance x.y=0.01 (forced)`. */
  readonly setAside: readonly string[];
}

export const EXACT_POLICY: ComparePolicy = { ignore: new Set(), tolerance: new Map(), setAside: [] };

/** Every family.column parity compares. */
export function comparableColumns(): Set<string> {
  const out = new Set<string>();
  for (const f of FAMILIES) for (const c of columnsOf(f)) out.add(`${f}.${c}`);
  for (const c of SLOT_COLUMNS) out.add(`slot.${c}`);
  for (const c of OUTCOME_COLUMNS) out.add(`outcome.${c}`);
  for (const c of COMMAND_COLUMNS) out.add(`commands.${c}`);
  out.add('account.capital');
  return out;
}

function known(option: string, column: string): void {
  if (!comparableColumns().has(column)) {
    throw new UsageError(`${option} ${JSON.stringify(column)}: not a compared column (family.column, e.g. fills.price, slot.entry_price, commands.qty, account.capital)`);
  }
}

function exactRefused(option: string, given: string, column: string, force: boolean): void {
  if (!TOLERANT_COLUMNS.has(column) && !force) {
    throw new UsageError(`${option} ${given}: spec/rows.md makes ${column} exact; add --force to set it aside anyway (the report's header will say so)`);
  }
}

export function parsePolicy(ignore: readonly string[], tolerance: readonly string[], force: boolean): ComparePolicy {
  const ig = new Set<string>();
  const tol = new Map<string, Decimal>();
  const setAside: string[] = [];
  const mark = (column: string) => (TOLERANT_COLUMNS.has(column) ? '' : ' (forced: spec/rows.md makes it exact)');
  for (const column of ignore) {
    known('--ignore', column);
    exactRefused('--ignore', column, column, force);
    ig.add(column);
    setAside.push(`--ignore ${column}${mark(column)}`);
  }
  for (const given of tolerance) {
    const m = /^([^=]+)=(.+)$/.exec(given);
    if (!m) throw new UsageError(`--tolerance ${JSON.stringify(given)}: expected family.column=ABS, e.g. trade_exit_legs.fraction=1e-9`);
    const column = m[1]!.trim();
    const abs = toDecimal(m[2]!.trim());
    known('--tolerance', column);
    if (!abs || !abs.isFinite() || abs.isNeg()) throw new UsageError(`--tolerance ${given}: ABS must be a non-negative decimal, got ${JSON.stringify(m[2])}`);
    exactRefused('--tolerance', given, column, force);
    tol.set(column, abs);
    setAside.push(`--tolerance ${column}=${m[2]!.trim()}${mark(column)}`);
  }
  return { ignore: ig, tolerance: tol, setAside };
}
