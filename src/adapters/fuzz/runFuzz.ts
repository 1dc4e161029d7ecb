// Runs the adapter-fuzz profile against one adapter factory and returns the result as data (never throws on
// adapter behaviour): per-invariant conformance, behaviour coverage, and the shrunk counterexample with its trace.
import fc from 'fast-check';
import type { Invariant, RunTrace, Violation } from '../../invariants/invariant.ts';
import { BEHAVIOURS, BEHAVIOUR_IDS, SIM_BEHAVIOUR_IDS, type Behaviour } from '../../venue/simulator/behaviours.ts';
import { ADAPTER_INVARIANTS, loadKernelInvariants, runCheck } from '../conformance/catalogue.ts';
import type { AdapterCapabilities, AdapterFactory } from '../contract.ts';
import { executeCase } from '../executor.ts';
import type { AdapterTrace } from '../trace.ts';
import { fuzzCaseArb } from './arbitraries.ts';
import type { FuzzCase } from './fuzzCase.ts';
import { ADAPTER_FUZZ_PROFILE, type FuzzProfile } from './profile.ts';
import { timelineOf, type TimelineRow } from './timeline.ts';
import type { OnProgress } from '../../runner/progress.ts';

export interface FuzzOptions {
  readonly profile: FuzzProfile;
  readonly seed: number;
  readonly runs: number;
  /** Include the kernel invariants of properties/INV-K-*.ts (default true). */
  readonly kernelInvariants: boolean;
  readonly onProgress?: OnProgress;
  /** How a case is executed (default: the in-process simulator; `--venue wire`: over real sockets). */
  readonly execute?: ExecuteCase;
  /** The behaviours the coverage table lists (default: those the in-process venue plays). */
  readonly behaviours?: readonly Behaviour[];
  /** The generated cases (default: fuzzCaseArb of the profile). */
  readonly arbitrary?: fc.Arbitrary<FuzzCase>;
  /** Once the adapter has timed out, shrinking stops after this long (each step could wait a full timeout). */
  readonly shrinkTimeBudgetMs?: number;
  /** At most this many shrink candidates are executed (the wire: each is real sockets); counted, so deterministic. */
  readonly shrinkRunsMax?: number;
}

export type ExecuteCase = (c: FuzzCase, factory: AdapterFactory, options: { callTimeoutMs: number }) => Promise<AdapterTrace>;

/** Default bound on shrinking after an adapter timeout (spec/reliability.md). */
export const FUZZ_SHRINK_AFTER_TIMEOUT_BUDGET_MS = 10_000;

export interface InvariantStat {
  readonly id: string;
  readonly title: string;
  readonly scope: string;
  readonly status: 'held' | 'violated' | 'not exercised';
  /** Σ of the check's `exercised` over all runs before the first failure. */
  readonly exercised: number;
}

export interface CoverageRow {
  readonly behaviour: Behaviour;
  readonly item: number;
  readonly title: string;
  readonly total: number;
  readonly runsWith: number;
}

export interface Counterexample {
  readonly fuzzCase: FuzzCase;
  /** The run's whole trace: present when the case ran on this thread (a trace holds Decimals, which do not cross threads). */
  readonly trace?: AdapterTrace;
  /** The run as a timeline (what every report shows): plain data, wherever the case ran. */
  readonly timeline: readonly TimelineRow[];
  /** Every violation on the shrunk case, in catalogue order. */
  readonly violations: readonly Violation[];
  /** The first violated invariant in catalogue order: the finding's name. */
  readonly primary: string;
}

export interface FuzzResult {
  readonly status: 'passed' | 'failed';
  readonly profile: string;
  readonly seed: number;
  readonly runsPlanned: number;
  readonly runsDone: number;
  readonly shrinks: number;
  /** fast-check's replay path of the failing run. */
  readonly path: string | null;
  readonly capabilities: AdapterCapabilities | null;
  readonly conformance: readonly InvariantStat[];
  readonly coverage: readonly CoverageRow[];
  readonly counterexample: Counterexample | null;
  readonly interrupted: boolean;
  /** Set when shrinking was cut short by its time bound (after an adapter timeout): why, for the output. */
  readonly shrinkBounded?: string;
  /** Worker threads the run used (absent: in-process, on the main thread). */
  readonly workers?: number;
}

export async function checksFor(kernel: boolean): Promise<Invariant<RunTrace>[]> {
  const adapter = ADAPTER_INVARIANTS as unknown as Invariant<RunTrace>[];
  return kernel ? [...adapter, ...(await loadKernelInvariants())] : [...adapter];
}

export function checkTrace(trace: AdapterTrace, checks: readonly Invariant<RunTrace>[]): { violations: Violation[]; exercised: Map<string, number> } {
  const violations: Violation[] = [];
  const exercised = new Map<string, number>();
  for (const inv of checks) {
    const r = runCheck(inv, trace);
    exercised.set(inv.id, r.exercised);
    violations.push(...r.violations);
  }
  return { violations, exercised };
}

/** Re-executes one case (a replay) and checks it. */
export async function replayCase(
  fuzzCase: FuzzCase, factory: AdapterFactory, profile: FuzzProfile = ADAPTER_FUZZ_PROFILE, kernel = true, execute: ExecuteCase = executeCase,
): Promise<Counterexample | { trace: AdapterTrace; violations: [] }> {
  const checks = await checksFor(kernel);
  const trace = await execute(fuzzCase, factory, { callTimeoutMs: profile.callTimeoutMs });
  const { violations } = checkTrace(trace, checks);
  if (violations.length === 0) return { trace, violations: [] };
  return { fuzzCase, trace, timeline: timelineOf(trace), violations, primary: violations[0]?.invariantId ?? '' };
}

export async function runAdapterFuzz(factory: AdapterFactory, options: Partial<FuzzOptions> = {}): Promise<FuzzResult> {
  const profile = options.profile ?? ADAPTER_FUZZ_PROFILE;
  const runs = options.runs ?? profile.runs;
  const seed = options.seed ?? 1;
  const checks = await checksFor(options.kernelInvariants ?? true);
  const exercised = new Map<string, number>(checks.map((c) => [c.id, 0]));
  const violated = new Set<string>();
  const totals = new Map<Behaviour, number>(BEHAVIOUR_IDS.map((b) => [b, 0]));
  const runsWith = new Map<Behaviour, number>(BEHAVIOUR_IDS.map((b) => [b, 0]));
  let capabilities: AdapterCapabilities | null = null;
  let runsDone = 0;
  let inputsChecked = 0;
  let failed = false;
  const execute = options.execute ?? executeCase;
  let shrinkDeadline: number | null = null;
  let bounded = false;
  let boundedRuns = false;
  const shrinkBudgetMs = options.shrinkTimeBudgetMs ?? FUZZ_SHRINK_AFTER_TIMEOUT_BUDGET_MS;
  let shrinkRuns = 0;
  const property = fc.asyncProperty(options.arbitrary ?? fuzzCaseArb(profile), async (fuzzCase) => {
    // Past the bound every remaining shrink candidate counts as passing: fast-check keeps the smallest failure so far.
    if (shrinkDeadline !== null && performance.now() > shrinkDeadline) {
      bounded = true;
      return true;
    }
    if (failed && options.shrinkRunsMax !== undefined && shrinkRuns++ >= options.shrinkRunsMax) {
      boundedRuns = true;
      return true;
    }
    const trace = await execute(fuzzCase, factory, { callTimeoutMs: profile.callTimeoutMs });
    const result = checkTrace(trace, checks);
    if (!failed) {
      runsDone += 1;
      capabilities = capabilities ?? trace.capabilities;
      for (const [id, n] of result.exercised) exercised.set(id, (exercised.get(id) ?? 0) + n);
      for (const v of result.violations) violated.add(v.invariantId);
      for (const b of BEHAVIOUR_IDS) {
        totals.set(b, (totals.get(b) ?? 0) + trace.coverage[b]);
        if (trace.coverage[b] > 0) runsWith.set(b, (runsWith.get(b) ?? 0) + 1);
      }
      options.onProgress?.(runsDone, runs, failed || result.violations.length > 0 ? 1 : 0, inputsChecked += trace.records.length);
    }
    if (result.violations.length > 0) failed = true;
    if (result.violations.length > 0 && shrinkDeadline === null && trace.faults.some((f) => f.kind === 'timeout')) shrinkDeadline = performance.now() + shrinkBudgetMs;
    return result.violations.length === 0;
  });
  const details = await fc.check(property, { seed, numRuns: runs, interruptAfterTimeLimit: profile.timeBudgetMs, markInterruptAsFailure: false });
  let counterexample: Counterexample | null = null;
  if (details.failed && details.counterexample) {
    const replayed = await replayCase(details.counterexample[0], factory, profile, options.kernelInvariants ?? true, execute);
    if ('primary' in replayed) counterexample = replayed;
  }
  const conformance: InvariantStat[] = checks.map((c) => ({
    id: c.id, title: c.title, scope: c.scope,
    status: violated.has(c.id) || counterexample?.violations.some((v) => v.invariantId === c.id) ? 'violated' : (exercised.get(c.id) ?? 0) > 0 ? 'held' : 'not exercised',
    exercised: exercised.get(c.id) ?? 0,
  }));
  const coverage: CoverageRow[] = (options.behaviours ?? SIM_BEHAVIOUR_IDS).map((b) => ({
    behaviour: b, item: BEHAVIOURS[b].item, title: BEHAVIOURS[b].title, total: totals.get(b) ?? 0, runsWith: runsWith.get(b) ?? 0,
  }));
  return {
    status: details.failed ? 'failed' : 'passed', profile: profile.name, seed, runsPlanned: runs, runsDone, shrinks: details.numShrinks,
    path: details.counterexamplePath ?? null, capabilities, conformance, coverage, counterexample, interrupted: details.interrupted,
    ...(bounded ? { shrinkBounded: `shrinking stopped after ${shrinkBudgetMs / 1000} s: the adapter had timed out, and each step could wait a full timeout` } : {}),
    ...(boundedRuns && !bounded ? { shrinkBounded: `shrinking stopped after ${options.shrinkRunsMax} candidates: each is a real run` } : {}),
  };
}

/** A replay as a FuzzResult (one run), so it reports exactly like a fuzz. */
export async function replayAsResult(
  fuzzCase: FuzzCase, factory: AdapterFactory, profile: FuzzProfile, seed: number, execute: ExecuteCase = executeCase, behaviours: readonly Behaviour[] = SIM_BEHAVIOUR_IDS,
): Promise<FuzzResult> {
  const checks = await checksFor(true);
  const trace = await execute(fuzzCase, factory, { callTimeoutMs: profile.callTimeoutMs });
  const { violations, exercised } = checkTrace(trace, checks);
  const violated = new Set(violations.map((v) => v.invariantId));
  return {
    status: violations.length > 0 ? 'failed' : 'passed', profile: profile.name, seed, runsPlanned: 1, runsDone: 1, shrinks: 0, path: null,
    capabilities: trace.capabilities,
    conformance: checks.map((c) => ({
      id: c.id, title: c.title, scope: c.scope, exercised: exercised.get(c.id) ?? 0,
      status: violated.has(c.id) ? 'violated' : (exercised.get(c.id) ?? 0) > 0 ? 'held' : 'not exercised',
    })),
    coverage: behaviours.map((b) => ({ behaviour: b, item: BEHAVIOURS[b].item, title: BEHAVIOURS[b].title, total: trace.coverage[b], runsWith: trace.coverage[b] > 0 ? 1 : 0 })),
    counterexample: violations.length > 0 ? { fuzzCase, trace, timeline: timelineOf(trace), violations, primary: violations[0]?.invariantId ?? '' } : null,
    interrupted: false,
  };
}
