// One generated case checked, and one pass's first failure shrunk: the pieces the in-process runner and the
// worker pool share, so a run gives the same verdict, counterexample and path wherever it executes.
import fc from 'fast-check';
import type { KernelConfig } from '../kernel/types.ts';
import type { Invariant, Violation } from '../invariants/invariant.ts';
import { DETERMINISM_ID } from '../invariants/catalogue.ts';
import { gateCaseArb, type ActionKind, type GateCase } from './actions.ts';
import { executeActions, executeInputs, type Execution, type StepHooks } from './execute.ts';
import { checkExecution, counterexampleOf, signatureOf, type CheckOutcome, type QuickCheck } from './checks.ts';
import type { Failure } from './result.ts';
import type { SystemUnderTest } from './systemUnderTest.ts';

export interface PassContext {
  readonly sut: SystemUnderTest;
  readonly config: KernelConfig;
  readonly invariants: readonly Invariant[];
  readonly seed: number;
  readonly runs: number;
  readonly stepCountMax: number;
  readonly replay: (file: string | null) => string;
  readonly hooks?: StepHooks;
  /** Action kinds switched off in every generated run (`gate --without`). */
  readonly without?: readonly ActionKind[];
}

export interface CaseCheck {
  readonly exec: Execution;
  readonly checked: CheckOutcome;
  /** Violations counted for this pass (the determinism replay's first, when it differed). */
  readonly violations: readonly Violation[];
}

const NOT_DETERMINISTIC = 'the same inputs gave different outcomes or rows on a second run';

/** Outcomes, commands and rows as text: two runs of the same inputs must produce the same text. */
export function fingerprint(exec: Execution): string {
  return JSON.stringify({
    // A black box: everything it sent (its outcomes, commands, slots, capital and rows).
    steps: exec.trace.blackBox ? exec.trace.blackBox.views : exec.trace.records.map((r) => [r.result.outcome, r.result.commands, r.result.events.map((e) => e.type)]),
    rows: exec.trace.rows,
  });
}

/** Executes and checks one case; with `determinism`, executes it twice and compares; `quick`: see QuickCheck. */
export function checkCase(ctx: PassContext, gcase: GateCase, skip: ReadonlySet<string>, determinism: boolean, quick?: QuickCheck): CaseCheck {
  const exec = executeActions(ctx.sut, ctx.config, gcase.actions, ctx.hooks);
  const checked = checkExecution(exec, ctx.invariants, skip, quick);
  let violations: readonly Violation[] = checked.violations;
  if (determinism && !exec.fault && fingerprint(exec) !== fingerprint(executeActions(ctx.sut, ctx.config, gcase.actions, ctx.hooks))) {
    violations = [{ invariantId: DETERMINISM_ID, message: NOT_DETERMINISTIC, stepIndex: 0, values: {} }, ...violations];
  }
  return { exec, checked, violations };
}

export function caseProperty(ctx: PassContext, predicate: (gcase: GateCase) => boolean): fc.IPropertyWithHooks<[GateCase]> {
  return fc.property(gateCaseArb(ctx.config.slotCount, ctx.stepCountMax, undefined, ctx.without ?? []), predicate);
}

/** The failure a pass reports once fast-check has shrunk its first failing run. */
export function failureOf(ctx: PassContext, details: fc.RunDetails<[GateCase]>, skip: ReadonlySet<string>): Failure | null {
  if (!details.failed || !details.counterexample) return null;
  let exec = executeActions(ctx.sut, ctx.config, details.counterexample[0].actions, ctx.hooks);
  let { violations } = checkExecution(exec, ctx.invariants, skip);
  if (violations.length === 0 && !exec.fault) violations = [{ invariantId: DETERMINISM_ID, message: NOT_DETERMINISTIC, stepIndex: 0, values: {} }];
  let v = violations[0]!;
  if (!exec.fault && v.invariantId !== DETERMINISM_ID) ({ exec, v } = dropInputs(ctx, exec, v, skip));
  return {
    signature: signatureOf(v, exec), invariantId: v.invariantId, origin: 'generated', occurrences: 1,
    counterexample: counterexampleOf(v, exec, ctx.replay), seed: ctx.seed, path: details.counterexamplePath, shrinks: details.numShrinks,
  };
}

/**
 * After fast-check's shrinking, which works on actions, drops single concrete inputs while the same invariant still
 * fails: an action that became several inputs (a planned pair sets the mode, sends the intent and restores the
 * mode) or an input nothing later depends on goes, so the counterexample keeps only inputs the failure needs.
 * Concrete inputs replay exactly, so the smaller run is as replayable as the shrunk one.
 */
function dropInputs(ctx: PassContext, exec: Execution, v: Violation, skip: ReadonlySet<string>): { exec: Execution; v: Violation } {
  let best = { exec, v };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = best.exec.inputs.length - 1; i >= 0 && best.exec.inputs.length > 1; i--) {
      const inputs = best.exec.inputs.filter((_, k) => k !== i);
      const e = executeInputs(ctx.sut, ctx.config, inputs, ctx.hooks);
      if (e.fault) continue;
      const w = checkExecution(e, ctx.invariants, skip, { stopAtFirst: true, tryFirst: v.invariantId }).violations[0];
      if (w?.invariantId !== v.invariantId) continue;
      best = { exec: e, v: w };
      changed = true;
    }
  }
  return best;
}

/**
 * Replays run `index` of the pass (fast-check's path) and shrinks it exactly as the pass that found it first
 * would have: the first call is that run (with the determinism replay when the pass gave it one), the rest
 * are shrink candidates.
 */
export function shrinkRun(ctx: PassContext, index: number, skip: ReadonlySet<string>, determinism: boolean, timeLimitMs?: number): { failure: Failure | null; interrupted: boolean } {
  let first = true;
  // Only whether a case fails is read here (failureOf checks the shrunk case in full): after the first failing
  // case, candidates stop at their first violation, trying the invariant that failed first.
  let quick: QuickCheck | undefined;
  const predicate = (gcase: GateCase): boolean => {
    const r = checkCase(ctx, gcase, skip, first && determinism, quick);
    first = false;
    if (r.violations[0] && !quick) quick = { stopAtFirst: true, tryFirst: r.violations[0].invariantId };
    return r.violations.length === 0;
  };
  const details = fc.check(caseProperty(ctx, predicate), {
    seed: ctx.seed, numRuns: ctx.runs, path: String(index),
    ...(timeLimitMs !== undefined ? { interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  return { failure: failureOf(ctx, details, skip), interrupted: details.interrupted };
}
