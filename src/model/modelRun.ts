// Runs the ledger model beside a recorded kernel run: the model is fed the same inputs (never the kernel's events
// or state) and, after every step, the kernel's outcome, commands and state are compared with what the model
// expects. The first disagreement of each kind is kept; the expected rows are kept for the row comparison.
import { Decimal } from '../kernel/decimal.ts';
import type { KernelState, VenueCommand } from '../kernel/types.ts';
import type { RunTrace } from '../invariants/invariant.ts';
import type { ExpectedCommand, ExpectedStep } from './expectation.ts';
import { ExpectedRowWriter, rowTimes, streamedRowTimes, type ExpectedRow } from './expectedRows.ts';
import { accountSelfCheck, newModel, tradeTotals, type LedgerModel } from './ledger.ts';
import { modelStep } from './modelStep.ts';
import { ACCOUNT_FIELDS, ORDER_FIELDS, TRADE_FIELDS, sameValue, shown, type FieldValue } from './stateFields.ts';
import { compareCommandViews, compareViews } from './compareViews.ts';

export interface Mismatch {
  readonly stepIndex: number;
  /** What disagrees, e.g. 'outcome.diagnosticCode', 'command[0].qty', 'slot 1 trade.size', 'order T1:X0.status'. */
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

export interface ModelRun {
  readonly steps: readonly ExpectedStep[];
  readonly rows: readonly ExpectedRow[];
  readonly outcome: Mismatch | null;
  readonly commands: Mismatch | null;
  readonly state: Mismatch | null;
  /** Steps whose kernel state was compared field by field (accepted steps of an in-process kernel). */
  readonly stateChecks: number;
  /** Commands compared. */
  readonly commandCount: number;
}

const cache = new WeakMap<RunTrace, ModelRun>();
const TRADE_ENTRIES = Object.entries(TRADE_FIELDS);
const ORDER_ENTRIES = Object.entries(ORDER_FIELDS);
const ACCOUNT_ENTRIES = Object.entries(ACCOUNT_FIELDS);

const mismatch = (stepIndex: number, field: string, expected: unknown, actual: unknown): Mismatch => ({ stepIndex, field, expected: shown(expected), actual: shown(actual) });

type StepOutput = RunTrace['records'][number]['result'];

/** spec/kernel.md §4: the journal entry repeats the outcome for the driver's log, with the input's kind and time. */
function compareJournal(i: number, e: ExpectedStep, input: unknown, j: StepOutput['journal'] | undefined): Mismatch | null {
  // spec/kernel.md §1: every step returns its journal entry (the driver appends it to the run's journal).
  if (typeof j !== 'object' || j === null) return mismatch(i, 'journal', 'a journal entry', j === undefined ? 'absent' : String(j));
  const rec = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const kind = typeof rec['kind'] === 'string' && rec['kind'] !== '' ? rec['kind'] : 'invalid';
  const ts = rec['tsMs'];
  const tsMs = typeof ts === 'number' && Number.isSafeInteger(ts) && ts >= 0 ? ts : 0;
  const pairs: [string, unknown, unknown][] = [
    ['seq', 0, j.seq], ['tsMs', tsMs, j.tsMs], ['inputKind', kind, j.inputKind], ['accepted', e.accepted, j.accepted],
    ['diagnosticCode', e.code, j.diagnosticCode], ['severity', e.severity, j.severity],
    ['transitions', e.transitions.map((t) => `${t.from} --${t.trigger}--> ${t.to}`).join('; '), Array.isArray(j.transitions) ? j.transitions.join('; ') : j.transitions],
  ];
  for (const [f, x, y] of pairs) if (x !== y) return mismatch(i, `journal.${f}`, x, y);
  return null;
}

/**
 * `detail` false: a black box that sends no severity, transitions or event types is held to the rest.
 * `withDetails` false: a black box, whose protocol outcome carries no details (spec/protocol.md).
 */
function compareOutcome(i: number, e: ExpectedStep, o: StepOutput['outcome'], detail = true, withDetails = true): Mismatch | null {
  const pairs: [string, unknown, unknown][] = [
    ['accepted', e.accepted, o.accepted], ['diagnosticCode', e.code, o.diagnosticCode],
    ['slotId', e.slotId, o.slotId], ['tradeId', e.tradeId, o.tradeId], ['state', e.stage, o.state],
  ];
  if (detail) pairs.splice(2, 0, ['severity', e.severity, o.severity]), pairs.push(['transitions.length', e.transitions.length, o.transitions.length]);
  for (const [f, x, y] of pairs) if (x !== y) return mismatch(i, `outcome.${f}`, x, y);
  if (!detail) return null;
  for (let k = 0; k < e.transitions.length; k++) {
    const x = e.transitions[k]!;
    const y = o.transitions[k]!;
    for (const f of ['slotId', 'tradeId', 'from', 'to', 'trigger'] as const) if (x[f] !== y[f]) return mismatch(i, `outcome.transitions[${k}].${f}`, x[f], y[f]);
  }
  const events = e.facts.map((f) => f.type).join(',');
  if (events !== o.emittedEvents.join(',')) return mismatch(i, 'outcome.emittedEvents', events, o.emittedEvents.join(','));
  if (!withDetails) return null;
  // Details missing altogether compare as none: a kernel that reports no facts fails wherever the spec names some.
  return compareDetails(i, e.details, typeof o.details === 'object' && o.details !== null ? o.details : {});
}

/** The details are a flat string record: the same keys, each with the same text (key order is free). */
function compareDetails(i: number, expected: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): Mismatch | null {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const k of keys) {
    if (expected[k] !== actual[k]) return mismatch(i, `outcome.details.${k}`, expected[k] ?? '(absent)', actual[k] ?? '(absent)');
  }
  return null;
}

function compareCommands(i: number, expected: readonly ExpectedCommand[], actual: readonly VenueCommand[]): Mismatch | null {
  if (expected.length !== actual.length) {
    return mismatch(i, 'commands', expected.map((c) => `${c.type} ${c.clientOrderId}`).join('; ') || 'none', actual.map((c) => `${c.type} ${c.clientOrderId}`).join('; ') || 'none');
  }
  for (let k = 0; k < expected.length; k++) {
    const x = expected[k] as unknown as Record<string, unknown>;
    const y = actual[k] as unknown as Record<string, unknown>;
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const f of keys) {
      const xv = x[f];
      const yv = y[f];
      if (!sameValue(yv, xv as FieldValue)) return mismatch(i, `command[${k}] ${String(x['type'])}.${f}`, xv, yv);
    }
  }
  return null;
}

/** The kernel's state after a step against the model's: the slots a step may touch, the account, the mode. */
function compareState(i: number, m: LedgerModel, before: KernelState, after: KernelState, touched: readonly { readonly slotId: number }[], orderIds: Iterable<string>): Mismatch | null {
  if (after.mode !== m.mode) return mismatch(i, 'state.mode', m.mode, after.mode);
  if (after.verbosity !== m.verbosity) return mismatch(i, 'state.verbosity', m.verbosity, after.verbosity);
  for (const [f, get] of ACCOUNT_ENTRIES) {
    const want = get(m);
    const got = (after.account as unknown as Record<string, unknown>)[f];
    if (!sameValue(got, want)) return mismatch(i, `account.${f}`, want, got);
  }
  if (after.slots.length !== m.slots.length) return mismatch(i, 'state.slots.length', m.slots.length, after.slots.length);
  for (let slot = 0; slot < m.slots.length; slot++) {
    // §2: slot i says it is slot i, and an empty slot holds null (not a missing trade).
    const ks = after.slots[slot];
    if (ks?.slotId !== slot) return mismatch(i, `slot ${slot}.slotId`, slot, ks?.slotId);
    if (ks.trade === undefined) return mismatch(i, `slot ${slot}.trade`, 'null or a trade', 'absent');
    const kt = ks.trade ?? null;
    const mt = m.slots[slot] ?? null;
    if ((kt === null) !== (mt === null)) return mismatch(i, `slot ${slot} trade`, mt?.tradeId ?? 'none', kt?.tradeId ?? 'none');
    // A slot neither side touched in this step was compared when it last changed.
    if (!kt || !mt || (kt === (before.slots[slot]?.trade ?? null) && !touched.some((t) => t.slotId === slot))) continue;
    const totals = tradeTotals(mt);
    for (const [f, get] of TRADE_ENTRIES) {
      const want = get(mt, totals);
      const got = (kt as unknown as Record<string, unknown>)[f];
      if (!sameValue(got, want)) return mismatch(i, `slot ${slot} trade ${mt.tradeId}.${f}`, want, got);
    }
  }
  for (const id of orderIds) {
    const mo = m.orders.get(id);
    const ko = after.orders.get(id);
    if (!mo || !ko) {
      if (mo || ko) return mismatch(i, `order ${id}`, mo ? 'exists' : 'absent', ko ? 'exists' : 'absent');
      continue;
    }
    for (const [f, get] of ORDER_ENTRIES) {
      const want = get(mo);
      const got = (ko as unknown as Record<string, unknown>)[f];
      if (!sameValue(got, want)) return mismatch(i, `order ${id}.${f}`, want, got);
    }
  }
  const sets: [string, number, { size: number } | undefined][] = [
    ['seenIntentIds', m.intentIds.size, after.seenIntentIds], ['seenTradeIds', m.tradeIds.size, after.seenTradeIds], ['seenFillIds', m.fillIds.size, after.seenFillIds],
  ];
  for (const [f, want, got] of sets) if (got && got.size !== want) return mismatch(i, `state.${f}.size`, want, got.size);
  return null;
}

/** Orders a step's input, commands or facts name: the ones whose records the step may have changed. */
function ordersNamed(input: unknown, e: ExpectedStep): Set<string> {
  const ids = new Set<string>();
  const named = typeof input === 'object' && input !== null ? (input as { orderId?: unknown }).orderId : undefined;
  if (typeof named === 'string') ids.add(named);
  for (const c of e.commands) ids.add(c.clientOrderId);
  for (const f of e.facts) if ('order' in f) ids.add(f.order.orderId);
  return ids;
}

export function runModel(trace: RunTrace): ModelRun {
  const hit = cache.get(trace);
  if (hit) return hit;
  const m = newModel(trace.config);
  const box = trace.blackBox;
  const writer = new ExpectedRowWriter();
  // A protocol kernel streams its rows (spec/protocol.md), so an early invalid time cannot borrow a later one.
  const times = (trace.blackBox ? streamedRowTimes : rowTimes)(trace.records.map((r) => r.input));
  const steps: ExpectedStep[] = [];
  const rows: ExpectedRow[] = [];
  let outcome: Mismatch | null = null;
  let commands: Mismatch | null = null;
  let state: Mismatch | null = null;
  let stateChecks = 0;
  let commandCount = 0;
  for (const r of trace.records) {
    const e = modelStep(m, r.input);
    steps.push(e);
    for (const row of writer.rowsOf(r.index, times[r.index] ?? 0, r.input, e)) rows.push(row);
    outcome ??= compareOutcome(r.index, e, r.result.outcome, box?.outcomeDetail ?? true, !box) ?? (box ? null : compareJournal(r.index, e, r.input, r.result.journal));
    commandCount += e.commands.length;
    const view = box?.views[r.index];
    if (box) {
      // A black box: its commands as the protocol carries them, and after every step its slots and capital.
      commands ??= view ? compareCommandViews(r.index, e.commands, view.commands) : null;
      if (state === null && view) {
        stateChecks++;
        state = compareViews(r.index, m, view);
      }
      continue;
    }
    commands ??= compareCommands(r.index, e.commands, r.result.commands);
    const after = r.result.state as KernelState | null | undefined;
    if (state === null && after && e.accepted) {
      stateChecks++;
      state = compareState(r.index, m, r.before, after, e.transitions, ordersNamed(r.input, e));
    }
  }
  // Once per run, every order the kernel holds against the model's, named by a step or not.
  const last = trace.records.at(-1);
  const finalState = last?.result.state as KernelState | null | undefined;
  if (!box && state === null && last && finalState?.orders) {
    const ids = new Set([...m.orders.keys(), ...finalState.orders.keys()]);
    state = compareState(last.index, m, last.before, finalState, [], ids);
  }
  if (!accountSelfCheck(m)) throw new Error('ledger model: its running capital or fees disagree with the fills of its trades (a bug in src/model/)');
  const run = { steps, rows, outcome, commands, state, stateChecks, commandCount };
  cache.set(trace, run);
  return run;
}
