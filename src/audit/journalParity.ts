// A recorded day replayed: an input journal through the reference kernel and the writer, its rows compared
// with the rows production recorded, family by family and column by column (spec/audit.md §5). Rows are
// matched by key (rowKey + occurrence), so one missing row is one finding, not a shifted rest of the day.
import { KernelDriver } from '../driver/driver.ts';
import { initialState, makeConfig } from '../kernel/state.ts';
import { FAMILIES, FAMILY_SCHEMAS, columnsOf, type Family } from '../rows/families.ts';
import { rowsForRun } from '../rows/fromRecords.ts';
import type { Scenario } from '../scenario/loadScenario.ts';
import type { VenueAdapter } from '../venue/mockVenue.ts';
import { moneyUnits, MONEY_COLUMNS } from './money.ts';
import { rowKey } from './rowChecks.ts';
import type { RowsByFamily } from './recordedRows.ts';

export interface JournalDivergence {
  readonly family: Family;
  readonly key: string;
  readonly column: string;
  readonly recorded: string;
  readonly replayed: string;
}

export interface FamilyComparison {
  readonly family: Family;
  readonly recorded: number;
  readonly replayed: number;
  readonly matched: number;
  readonly divergentRows: number;
  readonly onlyRecorded: number;
  readonly onlyReplayed: number;
}

export interface JournalParityResult {
  readonly journal: string;
  readonly source: string;
  readonly strategy: string;
  readonly inputs: number;
  readonly families: readonly FamilyComparison[];
  /** The first divergences of each family (KEPT_PER_FAMILY). */
  readonly divergences: readonly JournalDivergence[];
  readonly status: 'parity' | 'divergent';
}

export const KEPT_PER_FAMILY = 20;
/** Float64 quotients that need not terminate (spec/rows.md §1.2): compared within 10⁻¹², relative. */
const TOLERANT = new Set(['trade_exit_legs.fraction', 'trade_exit_legs.pnl_pct_leg']);

/** A journal's replay needs the venue's events as recorded inputs: this venue answers nothing itself. */
const RECORDED_VENUE: VenueAdapter = { handle: () => [] };

export function replayJournal(scenario: Scenario): { rows: RowsByFamily; inputs: number } {
  const driver = new KernelDriver(initialState(makeConfig(scenario.config)), RECORDED_VENUE);
  for (const input of scenario.inputs) driver.process(input);
  return { rows: rowsForRun(driver.records, { strategy: scenario.strategy }) as unknown as RowsByFamily, inputs: scenario.inputs.length };
}

function ulps(a: number, b: number): bigint {
  const bits = (x: number) => new BigInt64Array(new Float64Array([x]).buffer)[0]!;
  const d = bits(a) - bits(b);
  return d < 0n ? -d : d;
}

/** Equal as the recorded column can hold it: money at 8 places, other Float64 to the double or its neighbour. */
export function sameColumn(family: Family, column: string, a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' || typeof b !== 'number' || FAMILY_SCHEMAS[family].properties[column]?.clickhouseType !== 'Float64') return a === b;
  if (a === b) return true;
  if (MONEY_COLUMNS[family]?.includes(column)) return moneyUnits(a) === moneyUnits(b);
  if (TOLERANT.has(`${family}.${column}`)) return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  return ulps(a, b) <= 1n;
}

function keyed(family: Family, rows: readonly Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  const seen = new Map<string, number>();
  const out = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const k = rowKey(family, r);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    out.set(n === 0 ? k : `${k}#${n}`, r);
  }
  return out;
}

const show = (v: unknown) => (v === undefined ? '(no row)' : typeof v === 'string' ? JSON.stringify(v) : String(v));

export function compareRows(recorded: RowsByFamily, replayed: RowsByFamily): { families: FamilyComparison[]; divergences: JournalDivergence[] } {
  const families: FamilyComparison[] = [];
  const divergences: JournalDivergence[] = [];
  for (const family of FAMILIES) {
    const rec = keyed(family, recorded[family]);
    const rep = keyed(family, replayed[family]);
    let matched = 0;
    let divergentRows = 0;
    let onlyRecorded = 0;
    let kept = 0;
    const keep = (d: JournalDivergence) => {
      if (kept++ < KEPT_PER_FAMILY) divergences.push(d);
    };
    for (const [key, r] of rec) {
      const p = rep.get(key);
      if (!p) {
        onlyRecorded++;
        keep({ family, key, column: '(row)', recorded: 'present', replayed: '(no row)' });
        continue;
      }
      const cols = columnsOf(family).filter((c) => !sameColumn(family, c, r[c], p[c]));
      if (cols.length === 0) matched++;
      else divergentRows++;
      for (const c of cols) keep({ family, key, column: c, recorded: show(r[c]), replayed: show(p[c]) });
    }
    const onlyReplayed = [...rep.keys()].filter((k) => !rec.has(k));
    for (const key of onlyReplayed) keep({ family, key, column: '(row)', recorded: '(no row)', replayed: 'present' });
    families.push({ family, recorded: rec.size, replayed: rep.size, matched, divergentRows, onlyRecorded, onlyReplayed: onlyReplayed.length });
  }
  return { families, divergences };
}
