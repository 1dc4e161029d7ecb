// The gate runner: generated cases through a system under test, every invariant checked on every run,
// failures shrunk (fast-check) and grouped by signature, coverage counted and enforced, corpus replayed.
import fc from 'fast-check';
import { describeInput, describeOutcome, describeSlot } from '../driver/describe.ts';
import { Decimal, plain } from '../kernel/decimal.ts';
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import type { Invariant, Violation } from '../invariants/invariant.ts';
import { CATALOGUE, DETERMINISM_ID } from '../invariants/catalogue.ts';
import { gateCaseArb, type ActionKind, type GateCase } from './actions.ts';
import { addTrace, coverageGaps, emptyCoverage, type Coverage } from './coverage.ts';
import { executeActions, executeInputs, type Execution } from './execute.ts';
import type { CounterexampleData, Failure, GateMeta, GateResult, InvariantResult, StepRow } from './result.ts';
import type { SystemUnderTest } from './systemUnderTest.ts';

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
  /** Distinct failures to find before stopping (each needs its own search). */
  readonly maxFailures?: number;
  /** Enforce coverage (the default budget must reach every declared transition and trigger). */
  readonly enforceCoverage: boolean;
  /** Action kinds switched off in every generated run (to find which reach cells need them). */
  readonly without?: readonly ActionKind[];
  readonly onProgress?: (runsDone: number, runsTotal: number, failures: number) => void;
  readonly clock?: () => number;
  readonly meta?: Partial<Pick<GateMeta, 'startedAt' | 'gitCommit' | 'workbenchVersion' | 'nodeVersion'>>;
  /** Formats the replay command for a counterexample file. */
  readonly replayCommand?: (file: string | null) => string;
}

export interface CheckOutcome {
  readonly violations: Violation[];
  readonly exercised: Map<string, number>;
}

/** Every invariant on one execution; a system fault is itself a violation. */
export function checkExecution(exec: Execution, invariants: readonly Invariant[], skip: ReadonlySet<string> = new Set()): CheckOutcome {
  const violations: Violation[] = [];
  const exercised = new Map<string, number>();
  if (exec.fault) {
    violations.push({ invariantId: exec.fault.invariantId, message: exec.fault.message, stepIndex: exec.fault.stepIndex, values: {} });
    return { violations, exercised };
  }
  for (const inv of invariants) {
    if (skip.has(inv.id)) continue;
    let r;
    try {
      r = inv.check(exec.trace);
    } catch (e) {
      r = { violations: [{ invariantId: inv.id, message: `the check threw ${(e as Error).name}: ${(e as Error).message}`, stepIndex: 0, values: {} }], exercised: 0 };
    }
    exercised.set(inv.id, r.exercised);
    if (r.violations[0]) violations.push(r.violations[0]);
  }
  return { violations, exercised };
}

/** Outcomes, commands and rows as text: two runs of the same inputs must produce the same text. */
function fingerprint(exec: Execution): string {
  return JSON.stringify({
    steps: exec.trace.records.map((r) => [r.result.outcome, r.result.commands, r.result.events.map((e) => e.type)]),
    rows: exec.trace.rows,
  });
}

export function stepTable(exec: Execution): StepRow[] {
  return exec.trace.records.map((r) => ({
    step: r.index,
    input: describeInput(r.input),
    outcome: describeOutcome(r.result.outcome),
    slot: r.result.outcome.slotId === null ? '-' : `slot ${r.result.outcome.slotId}: ${describeSlot(r.result.state, r.result.outcome.slotId)}`,
    size: plain(r.result.state.slots.reduce((n, s) => (s.trade ? n.plus(s.trade.size) : n), new Decimal(0))),
    capital: plain(r.result.state.account.capital),
  }));
}

function signatureOf(v: Violation, exec: Execution): string {
  const record = exec.trace.records[Math.min(v.stepIndex, exec.trace.records.length - 1)];
  const t = record?.result.outcome.transitions[0];
  const where = t ? `${t.from} --${t.trigger}--> ${t.to}` : record ? `${record.input.kind}${record.result.outcome.accepted ? '' : ` ${record.result.outcome.diagnosticCode}`}` : 'start';
  return `${v.invariantId} @ ${where}`;
}

function counterexampleOf(v: Violation, exec: Execution, replay: (f: string | null) => string): CounterexampleData {
  return {
    invariantId: v.invariantId, message: v.message, values: v.values, stepIndex: v.stepIndex, inputs: exec.inputs,
    steps: stepTable(exec), file: null, replayCommand: replay(null),
  };
}

export function runGate(o: GateOptions): GateResult {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const invariants = o.invariants ?? CATALOGUE;
  const replay = o.replayCommand ?? ((f) => (f ? `npx workbench replay ${f}` : 'npx workbench replay <file>'));
  const shard = o.shard;
  const seed = shard ? o.seed + shard.index - 1 : o.seed;
  const runs = shard ? Math.ceil(o.runs / shard.count) : o.runs;
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
    const predicate = (gcase: GateCase): boolean => {
      const exec = executeActions(o.sut, o.config, gcase.actions);
      const checked = checkExecution(exec, invariants, skip);
      let violations = checked.violations;
      if (!failedYet && pass === 0 && countedRuns < o.determinismRuns && !exec.fault) {
        determinismRuns++;
        if (fingerprint(exec) !== fingerprint(executeActions(o.sut, o.config, gcase.actions))) {
          violations = [{ invariantId: DETERMINISM_ID, message: 'the same inputs gave different outcomes or rows on a second run', stepIndex: 0, values: {} }, ...violations];
        }
      }
      if (!failedYet) {
        countedRuns++;
        if (pass === 0) {
          addTrace(coverage, exec.trace);
          for (const [id, n] of checked.exercised) exercised.set(id, (exercised.get(id) ?? 0) + n);
        }
        o.onProgress?.(runsDone + countedRuns, runs, failures.length);
      }
      if (violations.length > 0) failedYet = true;
      return violations.length === 0;
    };
    const remaining = o.timeBudgetMs === null ? undefined : Math.max(1, o.timeBudgetMs - (clock() - started));
    const details = fc.check(fc.property(gateCaseArb(o.config.slotCount, o.stepCountMax, undefined, o.without), predicate), {
      seed, numRuns: runs, ...(remaining !== undefined ? { interruptAfterTimeLimit: remaining, markInterruptAsFailure: false } : {}),
    });
    if (pass === 0) runsDone = countedRuns;
    if (details.interrupted) interrupted = true;
    if (!details.failed || !details.counterexample) break;
    const gcase = details.counterexample[0];
    const exec = executeActions(o.sut, o.config, gcase.actions);
    let { violations } = checkExecution(exec, invariants, skip);
    if (violations.length === 0 && !exec.fault) violations = [{ invariantId: DETERMINISM_ID, message: 'the same inputs gave different outcomes or rows on a second run', stepIndex: 0, values: {} }];
    const v = violations[0]!;
    record({
      signature: signatureOf(v, exec), invariantId: v.invariantId, origin: 'generated', occurrences: 1,
      counterexample: counterexampleOf(v, exec, replay), seed, path: details.counterexamplePath, shrinks: details.numShrinks,
    });
    skip.add(v.invariantId);
    if (o.timeBudgetMs !== null && clock() - started > o.timeBudgetMs) {
      interrupted = true;
      break;
    }
  }

  const violatedIds = new Set(failures.map((f) => f.invariantId));
  const invariantResults: InvariantResult[] = invariants.map((inv) => ({
    id: inv.id, title: inv.title, statement: inv.statement, scope: inv.scope,
    status: violatedIds.has(inv.id) ? 'violated' : (exercised.get(inv.id) ?? 0) > 0 ? 'held' : 'not-exercised',
    exercised: exercised.get(inv.id) ?? 0, counterexample: null,
  }));
  for (const id of violatedIds) {
    if (!invariants.some((i) => i.id === id)) {
      invariantResults.push({ id, title: id === DETERMINISM_ID ? 'Same inputs, same outcomes and rows' : 'Kernel never throws on any input', statement: id === DETERMINISM_ID ? 'Replaying the same inputs gives identical outcomes, commands, events and rows.' : 'The kernel returns an outcome for every input; it never throws.', scope: id === DETERMINISM_ID ? 'determinism' : 'kernel', status: 'violated', exercised: 1, counterexample: null });
    }
  }
  const gaps = failures.length === 0 && o.enforceCoverage && !interrupted ? coverageGaps(coverage, Object.fromEntries(exercised)) : [];
  const meta: GateMeta = {
    kernel: o.sut.name, profile: o.profile, seed, runsPlanned: runs, runsDone, stepCountMax: o.stepCountMax,
    shard: shard ? `${shard.index}/${shard.count}` : null, determinismRuns, inputsChecked: coverage.inputs, rowsValidated: coverage.rowsValidated,
    corpusFiles: o.corpus?.length ?? 0, timeMs: Math.round(clock() - started), interrupted,
    startedAt: o.meta?.startedAt ?? '', gitCommit: o.meta?.gitCommit ?? '', workbenchVersion: o.meta?.workbenchVersion ?? '', nodeVersion: o.meta?.nodeVersion ?? process.version,
  };
  return {
    version: 1, status: failures.length > 0 || gaps.length > 0 ? 'failed' : 'passed', meta, invariants: invariantResults, failures, coverage, coverageGaps: gaps,
  };
}
