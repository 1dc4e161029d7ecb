// The gate's generated runs through a black-box kernel: the symbolic actions are resolved into concrete inputs
// against the specification (the reference kernel run beside it, the "shadow"), the whole run of inputs goes to
// the kernel at once, and what it sends back per step becomes the trace the applicable invariants check.
// Resolving against the shadow, not the kernel, is what lets a run travel in one message: the inputs never wait
// for the kernel's answers. A kernel that departs from the spec still gets the same inputs, and INV-M-* name the
// first step where its answers differ from the ledger model's.
import type { StepRecord } from '../driver/driver.ts';
import type { BlackBoxTrace } from '../invariants/invariant.ts';
import type { KernelConfig, KernelInput, KernelOutcome, Stage, Transition, Trigger } from '../kernel/types.ts';
import type { StepView } from '../parity/stepView.ts';
import type { Execution, SystemFault } from './execute.ts';
import type { BlackBoxPlan } from './blackBoxInvariants.ts';
import { STEP_CONTRACT_ID, STEP_RETURNS_ID } from './stepContract.ts';

/** A protocol fault as the runner sees it. */
export interface BoxFault {
  readonly kind: string;
  readonly message: string;
  readonly stepIndex: number;
  readonly stderrTail: string;
}

export interface BoxRun {
  readonly views: readonly StepView[];
  readonly fault: BoxFault | null;
}

/** A kernel the gate can only feed inputs and read answers from. Synchronous: the runner and fast-check are. */
export interface BlackBox {
  /** How it was started (for replay commands): the `--kernel-cmd` text. */
  readonly command: string;
  readonly capabilities: readonly string[];
  readonly plan: BlackBoxPlan;
  run(config: KernelConfig, inputs: readonly KernelInput[]): BoxRun;
  close(): void;
}

/** A dead or lying child breaks one of the runner's own rules (spec/protocol.md, "the gate"). */
export function faultInvariant(kind: string): string {
  switch (kind) {
    case 'error_reply':
      return 'INV-K-NEVER-THROWS';
    case 'timeout':
    case 'crash':
    case 'closed':
    case 'partial_line':
    case 'spawn':
    case 'handshake':
      return STEP_RETURNS_ID;
    default:
      return STEP_CONTRACT_ID;
  }
}

type WireTransition = { from: string; trigger: string; to: string };
type WireOutcome = StepView['outcome'] & { severity?: string; transitions?: WireTransition[]; emitted_events?: string[] };

/** The kernel's outcome as the invariants read it; without capability `outcome` the detail fields stay empty. */
export function outcomeOfView(v: StepView): KernelOutcome {
  const o = v.outcome as WireOutcome;
  return {
    accepted: o.accepted, slotId: o.slot_id, tradeId: o.trade_id, state: o.state as Stage | null, diagnosticCode: o.diagnostic_code as KernelOutcome['diagnosticCode'],
    severity: (o.severity ?? 'INFO') as KernelOutcome['severity'],
    transitions: (o.transitions ?? []).map((t): Transition => ({ slotId: o.slot_id ?? -1, tradeId: o.trade_id ?? '', from: t.from as Stage, to: t.to as Stage, trigger: t.trigger as Trigger })),
    emittedEvents: (o.emitted_events ?? []) as KernelOutcome['emittedEvents'], details: {},
  };
}

/** The rows of every step, concatenated by family (a streaming writer's whole run). */
function rowsOf(views: readonly StepView[]): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const v of views) for (const [family, rows] of Object.entries(v.rows ?? {})) (out[family] ??= []).push(...(rows as Record<string, unknown>[]));
  return out;
}

/**
 * Runs the shadow's inputs through the box and builds the trace the invariants read: the box's outcomes and
 * view; the shadow's `before`, `state` and `events` (for coverage and the reach matrix only, see BlackBoxTrace).
 */
export function executeBlackBox(box: BlackBox, config: KernelConfig, shadow: Execution): Execution {
  const inputs = shadow.inputs;
  const reply = box.run(config, inputs);
  const records: StepRecord[] = [];
  for (let i = 0; i < reply.views.length; i++) {
    const s = shadow.trace.records[i];
    if (!s) break;
    records.push({ ...s, result: { ...s.result, outcome: outcomeOfView(reply.views[i]!), commands: [] } });
  }
  const blackBox: BlackBoxTrace = { views: reply.views.slice(0, records.length), outcomeDetail: box.capabilities.includes('outcome') };
  const rows = box.capabilities.includes('rows') ? rowsOf(blackBox.views) : null;
  let fault: SystemFault | null = null;
  if (reply.fault) {
    const f = reply.fault;
    const tail = f.stderrTail.trim() === '' ? '' : ` — its stderr ended: ${f.stderrTail.trim().split('\n').slice(-3).join(' | ')}`;
    fault = { invariantId: faultInvariant(f.kind), message: `protocol ${f.kind}: ${f.message}${tail}`, stepIndex: Math.min(f.stepIndex, Math.max(0, inputs.length - 1)) };
  }
  // On a fault, the inputs up to the one it happened at are the counterexample (all of them for a batch).
  const shown = fault ? inputs.slice(0, fault.stepIndex + 1) : inputs;
  return { trace: { config, records, rows, blackBox }, inputs: shown, fault };
}
