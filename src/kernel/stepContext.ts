// Accumulates what one step produces and turns it into a StepResult; the only place outcomes are built.
import { DIAGNOSTICS, type DiagnosticCode } from './diagnostics.ts';
import { nextStage, transitionKey } from './transitions.ts';
import type {
  JournalEntry, KernelEvent, KernelOutcome, KernelState, Order, Slot, Stage, StepResult, Trade, Transition, Trigger, VenueCommand,
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

/** Looks the next stage up in the table; a trigger the table does not allow is a kernel bug. */
export function transition(ctx: StepContext, trade: Trade, trigger: Trigger): Stage {
  const to = nextStage(trade.stage, trigger);
  kernelAssert(to !== undefined, 'INV-K-DECLARED-TRANSITIONS', () => `no transition ${trade.stage} --${trigger}--> in the table (trade ${trade.tradeId})`);
  ctx.transitions.push({ slotId: trade.slotId, tradeId: trade.tradeId, from: trade.stage, to, trigger });
  return to;
}

export function withTrade(state: KernelState, trade: Trade): KernelState {
  const slots: Slot[] = state.slots.map((s) => (s.slotId === trade.slotId ? { slotId: s.slotId, trade } : s));
  return { ...state, slots };
}

export function withOrder(state: KernelState, order: Order): KernelState {
  return { ...state, orders: state.orders.with(order.orderId, order) };
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
