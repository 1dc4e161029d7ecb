// The gate runner: generated cases through a system under test, every invariant checked on every run,
// failures shrunk (fast-check) and grouped by signature, coverage counted and enforced, corpus replayed.
import fc from 'fast-check';
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import type { Invariant } from '../invariants/invariant.ts';
import { CATALOGUE, DETERMINISM_ID } from '../invariants/catalogue.ts';
import type { ActionKind, GateCase } from './actions.ts';
import { checkExecution, counterexampleOf, signatureOf, type QuickCheck } from './checks.ts';
import { addTrace, coverageGaps, emptyCoverage, type Coverage } from './coverage.ts';
import { executeInputs } from './execute.ts';
import { caseProperty, checkCase, failureOf, type PassContext } from './pass.ts';
import type { Failure, GateMeta, GateResult, InvariantResult } from './result.ts';
import { STEP_CONTRACT_ID, STEP_RETURNS_ID } from './stepContract.ts';
import type { SystemUnderTest } from './systemUnderTest.ts';
import { shardPlan } from '../runner/shard.ts';
import type { OnProgress } from '../runner/progress.ts';

export interface GateOptions {
  readonly sut: SystemUnderTest;
  readonly config: KernelConfig;
  readonly profile: string;
  readonly runs: number;
  readonly seed: number;
  readonly stepCountMax: number;
  readonly timeBudgetMs: number | null;
  /** Runs (from the first) executed twice and compared for identical outcomes and rows. */
  readonly determinismRuns: number;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly invariants?: readonly Invariant[];
  /** Concrete counterexamples replayed first as regression cases. */
  readonly corpus?: readonly { readonly file: string; readonly inputs: readonly KernelInput[] }[];
  /** Short runs replayed after a clean pass, a finding reported as a generated one (the shape tour, shapeTour.ts). */
  readonly tour?: readonly { readonly name: string; readonly inputs: readonly KernelInput[] }[];
  /** Distinct failures to find before stopping (each needs its own search). */
  readonly maxFailures?: number;
  /** Enforce coverage (the default budget must reach every declared transition and trigger). */
  readonly enforceCoverage: boolean;
  /** Action kinds switched off in every generated run (to find which reach cells need them). */
  readonly without?: readonly ActionKind[];
  readonly onProgress?: OnProgress;
  readonly clock?: () => number;
  readonly meta?: Partial<Pick<GateMeta, 'startedAt' | 'gitCommit' | 'workbenchVersion' | 'nodeVersion'>>;
  /** Formats the replay command for a counterexample file. */
  readonly replayCommand?: (file: string | null) => string;
}

export { checkExecution, stepTable, type CheckOutcome } from './checks.ts';

export function runGate(o: GateOptions): GateResult {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const invariants = o.invariants ?? CATALOGUE;
  const replay = o.replayCommand ?? ((f) => (f ? `npx workbench replay ${f}` : 'npx workbench replay <file>'));
  const { seed, runs } = shardPlan(o.seed, o.runs, o.shard);
  const failures: Failure[] = [];
  const bySignature = new Map<string, Failure>();
  const exercised = new Map<string, number>(invariants.map((i) => [i.id, 0]));
  const coverage: Coverage = emptyCoverage();
  const record = (f: Failure) => {
    const existing = bySignature.get(f.signature);
    if (existing) existing.occurrences += f.occurrences;
    else {
      bySignature.set(f.signature, f);
      failures.push(f);
    }
  };

  // 1. Regression corpus: concrete inputs, replayed exactly.
  for (const c of o.corpus ?? []) {
    const exec = executeInputs(o.sut, o.config, c.inputs);
    const { violations } = checkExecution(exec, invariants);
    const v = violations[0];
    if (v) record({ signature: signatureOf(v, exec), invariantId: v.invariantId, origin: 'corpus', occurrences: 1, counterexample: { ...counterexampleOf(v, exec, replay), file: c.file, replayCommand: replay(c.file) }, seed, path: null, shrinks: 0 });
  }

  const ctx: PassContext = { sut: o.sut, config: o.config, invariants, seed, runs, stepCountMax: o.stepCountMax, replay, without: o.without ?? [] };

  // 2. Generated runs. Each pass stops at its first failure and shrinks it; the next pass skips the invariants
  //    already reported, so one run reports each distinct broken rule once.
  const maxFailures = o.maxFailures ?? 6;
  const skip = new Set<string>(failures.map((f) => f.invariantId));
  let runsDone = 0;
  let interrupted = false;
  let determinismRuns = 0;
  for (let pass = 0; pass < maxFailures; pass++) {
    let countedRuns = 0;
    let failedYet = false;
    // Once a run failed, fast-check only shrinks it and reads nothing but pass/fail: candidates stop at their first
    // violation (failureOf checks the shrunk case in full).
    let quick: QuickCheck | undefined;
    const predicate = (gcase: GateCase): boolean => {
      const determinism = !failedYet && pass === 0 && countedRuns < o.determinismRuns;
      const { exec, checked, violations } = checkCase(ctx, gcase, skip, determinism, quick);
      if (determinism && !exec.fault) determinismRuns++;
      if (!failedYet) {
        countedRuns++;
        if (pass === 0) {
          addTrace(coverage, exec.trace);
          for (const [id, n] of checked.exercised) exercised.set(id, (exercised.get(id) ?? 0) + n);
        }
        o.onProgress?.(runsDone + countedRuns, runs, failures.length, coverage.inputs);
      }
      if (violations[0] && !failedYet) quick = { stopAtFirst: true, tryFirst: violations[0].invariantId };
      if (violations.length > 0) failedYet = true;
      return violations.length === 0;
    };
    const remaining = o.timeBudgetMs === null ? undefined : Math.max(1, o.timeBudgetMs - (clock() - started));
    const details = fc.check(caseProperty(ctx, predicate), {
      seed, numRuns: runs, ...(remaining !== undefined ? { interruptAfterTimeLimit: remaining, markInterruptAsFailure: false } : {}),
    });
    if (pass === 0) runsDone = countedRuns;
    if (details.interrupted) interrupted = true;
    const failure = failureOf(ctx, details, skip);
    if (!failure) break;
    record(failure);
    skip.add(failure.invariantId);
    if (o.timeBudgetMs !== null && clock() - started > o.timeBudgetMs) {
      interrupted = true;
      break;
    }
  }

  // 3. After a clean pass, the shape tour: what the search's sample did not happen to send.
  let tourRuns = 0;
  if (failures.length === 0 && !interrupted) {
    for (const t of o.tour ?? []) {
      tourRuns++;
      const exec = executeInputs(o.sut, o.config, t.inputs);
      const v = checkExecution(exec, invariants).violations[0];
      if (!v) continue;
      const cx = counterexampleOf(v, exec, replay);
      record(tourFinding({ signature: signatureOf(v, exec), invariantId: v.invariantId, origin: 'corpus', occurrences: 1, counterexample: cx, seed, path: null, shrinks: 0 }, t.name, replay));
      break;
    }
  }

  return assembleResult(o, {
    sutName: o.sut.name, invariants, seed, runs, failures, exercised, coverage, runsDone, determinismRuns, interrupted, tourRuns, timeMs: Math.round(clock() - started),
  });
}

/**
 * A tour run's failure (checked like a corpus case) as the gate reports it: a generated finding, saved to a file
 * and replayable, its message naming the run; already a few inputs long, so not shrunk.
 */
export function tourFinding(f: Failure, name: string, replay: (f: string | null) => string): Failure {
  return { ...f, origin: 'generated', counterexample: { ...f.counterexample, message: `${f.counterexample.message} (${name})`, file: null, replayCommand: replay(null) } };
}

/** Titles of the rules the runner checks itself (not trace invariants), for the result's invariant list. */
const RUNNER_RULES: Readonly<Record<string, { title: string; statement: string; scope: string }>> = {
  [DETERMINISM_ID]: { title: 'Same inputs, same outcomes and rows', statement: 'Replaying the same inputs gives identical outcomes, commands, events and rows.', scope: 'determinism' },
  [STEP_CONTRACT_ID]: { title: 'Step returns a StepResult', statement: 'The module\'s step returns, synchronously, an object with state, outcome, commands and events.', scope: 'kernel' },
  [STEP_RETURNS_ID]: { title: 'Step returns', statement: 'Every step returns within the watchdog\'s deadline; it never loops forever, blocks or ends its thread.', scope: 'kernel' },
};
const NEVER_THROWS = { title: 'Kernel never throws on any input', statement: 'The kernel returns an outcome for every input; it never throws.', scope: 'kernel' };

export interface RunTotals {
  readonly sutName: string;
  readonly invariants: readonly Invariant[];
  readonly seed: number;
  readonly runs: number;
  readonly failures: readonly Failure[];
  readonly exercised: ReadonlyMap<string, number>;
  readonly coverage: Coverage;
  readonly runsDone: number;
  readonly determinismRuns: number;
  readonly interrupted: boolean;
  readonly tourRuns?: number;
  readonly timeMs: number;
}

/** The GateResult of a finished run, in-process or over the worker pool alike. */
export function assembleResult(o: Omit<GateOptions, 'sut'>, t: RunTotals): GateResult {
  const { failures, exercised, coverage, invariants } = t;
  const violatedIds = new Set(failures.map((f) => f.invariantId));
  const invariantResults: InvariantResult[] = invariants.map((inv) => ({
    id: inv.id, title: inv.title, statement: inv.statement, scope: inv.scope,
    status: violatedIds.has(inv.id) ? 'violated' : (exercised.get(inv.id) ?? 0) > 0 ? 'held' : 'not-exercised',
    exercised: exercised.get(inv.id) ?? 0, counterexample: null,
  }));
  for (const id of violatedIds) {
    if (!invariants.some((i) => i.id === id)) {
      const rule = RUNNER_RULES[id] ?? NEVER_THROWS;
      invariantResults.push({ id, title: rule.title, statement: rule.statement, scope: rule.scope, status: 'violated', exercised: 1, counterexample: null });
    }
  }
  const gaps = failures.length === 0 && o.enforceCoverage && !t.interrupted ? coverageGaps(coverage, Object.fromEntries(exercised)) : [];
  const shard = o.shard;
  const meta: GateMeta = {
    kernel: t.sutName, profile: o.profile, seed: t.seed, runsPlanned: t.runs, runsDone: t.runsDone, stepCountMax: o.stepCountMax,
    shard: shard ? `${shard.index}/${shard.count}` : null, determinismRuns: t.determinismRuns, inputsChecked: coverage.inputs, rowsValidated: coverage.rowsValidated,
    corpusFiles: o.corpus?.length ?? 0, tourRuns: t.tourRuns ?? 0, timeMs: t.timeMs, interrupted: t.interrupted,
    startedAt: o.meta?.startedAt ?? '', gitCommit: o.meta?.gitCommit ?? '', workbenchVersion: o.meta?.workbenchVersion ?? '', nodeVersion: o.meta?.nodeVersion ?? process.version,
  };
  return {
    version: 1, status: failures.length > 0 || gaps.length > 0 ? 'failed' : 'passed', meta, invariants: invariantResults, failures: [...failures], coverage, coverageGaps: gaps,
  };
}
