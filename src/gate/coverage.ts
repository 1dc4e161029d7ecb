// What a gate run reached: transitions taken, diagnostic codes hit, legs per closed trade, interesting states,
// and per invariant how often it was meaningfully exercised. Enforced, not just printed (see `coverageGaps`).
import { DIAGNOSTIC_CODES } from '../kernel/diagnostics.ts';
import { DECLARED_TRANSITIONS, transitionKey } from '../kernel/transitions.ts';
import type { RunTrace } from '../invariants/invariant.ts';
import { addReach } from './reach.ts';
import { REACH_CELLS, cellId } from './reachMatrix.ts';

/** States the generators must reach; each is counted per run. */
export const INTERESTING = {
  multiLegExit: 'closed trades with ≥ 2 exit legs',
  overshootClamped: 'EXIT asking more than remains (clamped)',
  exitOnClosed: 'EXIT on a closed trade (rejected)',
  partialEntry: 'entry orders partly filled',
  rejectedInput: 'inputs rejected by the kernel',
  lateFill: 'fills after their order ended',
  duplicateFill: 'duplicate fills ignored',
  balanceReport: 'venue balance reports',
} as const;
export type Interesting = keyof typeof INTERESTING;

export interface Coverage {
  runs: number;
  inputs: number;
  rowsValidated: number;
  readonly transitions: Record<string, number>;
  readonly codes: Record<string, number>;
  /** closed trades by number of legs ('0', '1', '2', '3', '4+') */
  readonly legCounts: Record<string, number>;
  readonly interesting: Record<Interesting, number>;
  readonly rows: Record<string, number>;
  /** Reach-matrix cells (`dimension:key`, reachMatrix.ts) by times reached; absent in results of older versions. */
  readonly reach: Record<string, number>;
}

export function emptyCoverage(): Coverage {
  return {
    runs: 0, inputs: 0, rowsValidated: 0,
    transitions: Object.fromEntries(DECLARED_TRANSITIONS.map((t) => [transitionKey(t), 0])),
    codes: Object.fromEntries(DIAGNOSTIC_CODES.map((c) => [c, 0])),
    legCounts: { '0': 0, '1': 0, '2': 0, '3': 0, '4+': 0 },
    interesting: Object.fromEntries(Object.keys(INTERESTING).map((k) => [k, 0])) as Record<Interesting, number>,
    rows: {},
    reach: Object.fromEntries(REACH_CELLS.map((c) => [cellId(c.dimension, c.key), 0])),
  };
}

export function addTrace(c: Coverage, trace: RunTrace): void {
  c.runs++;
  c.inputs += trace.records.length;
  const legsByTrade = new Map<string, number>();
  for (const r of trace.records) {
    const o = r.result.outcome;
    c.codes[o.diagnosticCode] = (c.codes[o.diagnosticCode] ?? 0) + 1;
    if (!o.accepted) c.interesting.rejectedInput++;
    if (o.diagnosticCode === 'EXIT_CLAMPED') c.interesting.overshootClamped++;
    if (o.diagnosticCode === 'TRADE_CLOSED' && r.input.kind === 'intent' && r.input.intent?.action === 'EXIT') c.interesting.exitOnClosed++;
    if (o.diagnosticCode === 'DUPLICATE_FILL') c.interesting.duplicateFill++;
    if (r.input.kind === 'balance_reported') c.interesting.balanceReport++;
    for (const t of o.transitions) {
      const key = transitionKey(t);
      c.transitions[key] = (c.transitions[key] ?? 0) + 1;
      if (t.trigger === 'ENTRY_FILL_PARTIAL') c.interesting.partialEntry++;
    }
    for (const e of r.result.events) {
      if (e.type === 'ExitLegCompleted') legsByTrade.set(e.tradeId, (legsByTrade.get(e.tradeId) ?? 0) + 1);
      if (e.type === 'OrderFilled' && e.late) c.interesting.lateFill++;
      if (e.type === 'TradeClosed') {
        const n = legsByTrade.get(e.tradeId) ?? 0;
        const bucket = n >= 4 ? '4+' : String(n);
        c.legCounts[bucket] = (c.legCounts[bucket] ?? 0) + 1;
        if (n >= 2) c.interesting.multiLegExit++;
      }
    }
  }
  addReach(c.reach, trace.records);
  if (trace.rows) {
    for (const [family, rows] of Object.entries(trace.rows)) {
      c.rows[family] = (c.rows[family] ?? 0) + rows.length;
      c.rowsValidated += rows.length;
    }
  }
}

export function mergeCoverage(a: Coverage, b: Coverage): Coverage {
  const sumMaps = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    runs: a.runs + b.runs, inputs: a.inputs + b.inputs, rowsValidated: a.rowsValidated + b.rowsValidated,
    transitions: sumMaps(a.transitions, b.transitions), codes: sumMaps(a.codes, b.codes), legCounts: sumMaps(a.legCounts, b.legCounts),
    interesting: sumMaps(a.interesting, b.interesting) as Record<Interesting, number>, rows: sumMaps(a.rows, b.rows),
    reach: sumMaps(a.reach ?? {}, b.reach ?? {}),
  };
}

/** Codes the gate's generators are not required to reach: none (GATE_CONFIG's ETHUSDT has a minimum quantity
 *  above its step, so BELOW_MIN_QTY is reachable too). */
export const CODES_NOT_REQUIRED: ReadonlySet<string> = new Set<string>();

/** What a default-budget run must have reached; each gap is a broken gate. */
export function coverageGaps(c: Coverage, exercised: Readonly<Record<string, number>>): string[] {
  const gaps: string[] = [];
  for (const [key, n] of Object.entries(c.transitions)) if (n === 0) gaps.push(`transition never taken: ${key}`);
  for (const [k, n] of Object.entries(c.interesting)) if (n === 0) gaps.push(`state never reached: ${INTERESTING[k as Interesting]}`);
  for (const [id, n] of Object.entries(exercised)) if (n === 0) gaps.push(`invariant never exercised: ${id}`);
  gaps.push(...reachGaps(c.reach ?? {}));
  return gaps;
}

/** A possible reach cell never reached is a gap; so is a cell listed as impossible that a run reached (the list is wrong). */
export function reachGaps(reach: Readonly<Record<string, number>>): string[] {
  const gaps: string[] = [];
  for (const c of REACH_CELLS) {
    const n = reach[cellId(c.dimension, c.key)] ?? 0;
    if (c.impossible === null && n === 0) gaps.push(`reach cell never reached: ${c.dimension} ${c.key}`);
    if (c.impossible !== null && n > 0) gaps.push(`reach cell listed as impossible was reached ${n} time(s): ${c.dimension} ${c.key} (${c.impossible})`);
  }
  return gaps;
}
