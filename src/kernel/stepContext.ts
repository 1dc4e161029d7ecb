// Accumulates what one step produces and turns it into a StepResult; the only place outcomes are built.
import { DIAGNOSTICS, type DiagnosticCode } from './diagnostics.ts';
import { nextStage, transitionKey } from './transitions.ts';
import type {
  Account, JournalEntry, KernelEvent, KernelMode, KernelOutcome, KernelState, Order, Stage, StepResult, Trade, Transition, Trigger, Verbosity,
  VenueCommand,
} from './types.ts';

/** Thrown only when the kernel's own assumption breaks: a bug in the kernel, never a bad input. */
export class KernelAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelAssertionError';
  }
}

export function kernelAssert(cond: boolean, id: string, message: () => string): asserts cond {
  if (!cond) throw new KernelAssertionError(`${id}: ${message()}`);
}

export interface StepContext {
  readonly tsMs: number;
  readonly inputKind: string;
  readonly events: KernelEvent[];
  readonly commands: VenueCommand[];
  readonly transitions: Transition[];
}

export function newContext(tsMs: number, inputKind: string): StepContext {
  return { tsMs, inputKind, events: [], commands: [], transitions: [] };
}

/** A record being built for the next state: a fresh copy, written field by field, never the one passed in. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** What a transition needs to know about its trade (a draft or a record). */
interface TradeRef {
  readonly slotId: number;
  readonly tradeId: string;
  readonly stage: Stage;
}

/** Looks the next stage up in the table; a trigger the table does not allow is a kernel bug. */
export function transition(ctx: StepContext, trade: TradeRef, trigger: Trigger): Stage {
  const to = nextStage(trade.stage, trigger);
  kernelAssert(to !== undefined, 'INV-K-DECLARED-TRANSITIONS', () => `no transition ${trade.stage} --${trigger}--> in the table (trade ${trade.tradeId})`);
  ctx.transitions.push({ slotId: trade.slotId, tradeId: trade.tradeId, from: trade.stage, to, trigger });
  return to;
}

/** Everything one accepted step changes; `commit` builds the next state from it in one literal. */
export interface StateChange {
  readonly trade?: Trade;
  readonly orders?: readonly Order[];
  readonly account?: Account;
  readonly intentId?: string;
  readonly tradeId?: string;
  readonly fillId?: string;
  readonly mode?: KernelMode;
  readonly verbosity?: Verbosity;
}

/**
 * The next state, built once: unchanged parts are shared with `state` (slots by reference except the one
 * replaced, persistent maps structurally), so an accepted step allocates one state, one slot list and the
 * records it changed, instead of a spread per change.
 */
export function commit(state: KernelState, change: StateChange): KernelState {
  const trade = change.trade;
  let slots = state.slots;
  if (trade) {
    const copy = slots.slice();
    copy[trade.slotId] = { slotId: trade.slotId, trade };
    slots = copy;
  }
  let orders = state.orders;
  if (change.orders) for (const o of change.orders) orders = orders.with(o.orderId, o);
  return {
    config: state.config,
    mode: change.mode ?? state.mode,
    verbosity: change.verbosity ?? state.verbosity,
    slots,
    account: change.account ?? state.account,
    orders,
    seenIntentIds: change.intentId === undefined ? state.seenIntentIds : state.seenIntentIds.with(change.intentId),
    seenTradeIds: change.tradeId === undefined ? state.seenTradeIds : state.seenTradeIds.with(change.tradeId),
    seenFillIds: change.fillId === undefined ? state.seenFillIds : state.seenFillIds.with(change.fillId),
  };
}

interface Subject {
  readonly slotId: number | null;
  readonly tradeId: string | null;
}

function journalOf(ctx: StepContext, accepted: boolean, code: DiagnosticCode): JournalEntry {
  return {
    seq: 0,
    tsMs: ctx.tsMs,
    inputKind: ctx.inputKind,
    accepted,
    diagnosticCode: code,
    severity: DIAGNOSTICS[code].severity,
    transitions: ctx.transitions.map(transitionKey),
  };
}

function stageOf(state: KernelState, subject: Subject): Stage | null {
  if (subject.slotId === null) return null;
  const slot = state.slots[subject.slotId];
  if (!slot) return null;
  return slot.trade?.stage ?? 'IDLE';
}

/** The input is refused: the state handed back is the very state that came in. */
export function reject(state: KernelState, ctx: StepContext, code: DiagnosticCode, subject: Subject, details: Record<string, string> = {}): StepResult {
  kernelAssert(!DIAGNOSTICS[code].accepted, 'INV-K-REJECT-NO-CHANGE', () => `code ${code} is not a rejection code`);
  const outcome: KernelOutcome = {
    accepted: false,
    slotId: subject.slotId,
    tradeId: subject.tradeId,
    state: stageOf(state, subject),
    diagnosticCode: code,
    severity: DIAGNOSTICS[code].severity,
    transitions: [],
    emittedEvents: [],
    details,
  };
  return { state, outcome, commands: [], events: [], journal: journalOf(ctx, false, code) };
}

export function accept(state: KernelState, ctx: StepContext, code: DiagnosticCode, subject: Subject, details: Record<string, string> = {}): StepResult {
  kernelAssert(DIAGNOSTICS[code].accepted, 'INV-K-REJECT-NO-CHANGE', () => `code ${code} is not an acceptance code`);
  const outcome: KernelOutcome = {
    accepted: true,
    slotId: subject.slotId,
    tradeId: subject.tradeId,
    state: stageOf(state, subject),
    diagnosticCode: code,
    severity: DIAGNOSTICS[code].severity,
    transitions: ctx.transitions,
    emittedEvents: ctx.events.map((e) => e.type),
    details,
  };
  return { state, outcome, commands: ctx.commands, events: ctx.events, journal: journalOf(ctx, true, code) };
}
