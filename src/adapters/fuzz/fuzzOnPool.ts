// The adapter fuzz of an adapter module over the runners' pool, under the watchdog: the result is
// runAdapterFuzz's, exactly, for any worker count. The cases are fast-check's stream for the seed, executed in
// fixed chunks and read in run order up to the first failing run, which a worker shrinks by replaying
// fast-check's path to it. An adapter call that loops, blocks or ends its thread is an INV-A-ANSWERS finding;
// the time budget stops the fuzz with what ran.
import fc from 'fast-check';
import { BEHAVIOURS, BEHAVIOUR_IDS, SIM_BEHAVIOUR_IDS, type Behaviour } from '../../venue/simulator/behaviours.ts';
import type { AdapterCapabilities } from '../contract.ts';
import { STEP_DEADLINE_MS } from '../../gate/stepContract.ts';
import { UsageError } from '../../cli/exitCodes.ts';
import { searchInOrder } from '../../runner/search.ts';
import type { FuzzRun, FuzzShrunk, FuzzSpec, FuzzTask } from '../../runner/tasks/fuzzTasks.ts';
import { describeStall, isFinding, isStalled, Watchdog, type Stalled } from '../../runner/watchdog.ts';
import { fuzzCaseArb } from './arbitraries.ts';
import type { OnProgress } from '../../runner/progress.ts';
import type { FuzzCase } from './fuzzCase.ts';
import { ADAPTER_FUZZ_PROFILE, type FuzzProfile } from './profile.ts';
import { checksFor, FUZZ_SHRINK_AFTER_TIMEOUT_BUDGET_MS, type Counterexample, type FuzzResult, type InvariantStat } from './runFuzz.ts';

export interface PooledFuzzOptions {
  /** Path of the adapter module (relative to the working folder, as the user gave it: messages name it so). */
  readonly adapterModule: string;
  readonly profile?: FuzzProfile;
  readonly seed?: number;
  readonly runs?: number;
  readonly kernelInvariants?: boolean;
  readonly workers: number;
  /** Default: the profile's time budget. */
  readonly timeBudgetMs?: number;
  /** An adapter call (or the module's loading) silent this long is a hang. */
  readonly stepDeadlineMs?: number;
  readonly chunkRuns?: number;
  readonly shrinkTimeBudgetMs?: number;
  readonly onProgress?: OnProgress;
  readonly clock?: () => number;
}

/** The ID a hung or exiting adapter call breaks: the adapter answers every event, in time. */
const ANSWERS_ID = 'INV-A-ANSWERS';

function hangCounterexample(s: Stalled, fuzzCase: FuzzCase | undefined, deadlineMs: number): Counterexample {
  const { did, at } = describeStall(s, deadlineMs, 'call');
  const calls = s.inputs.map(String);
  const what = calls[calls.length - 1] ?? 'loading the module';
  const message = `${what} ${did} (${at}) [watchdog]`;
  return {
    fuzzCase: fuzzCase ?? { finerKernelGrid: false, swarm: {} as FuzzCase['swarm'], actions: [], scripts: [] },
    timeline: calls.map((c, i) => ({ tMs: 0, flow: 'workbench → adapter', message: c, kernel: i === calls.length - 1 ? 'did not return' : '' })),
    violations: [{ invariantId: ANSWERS_ID, message, stepIndex: s.step ?? 0, values: { fault: s.why === 'exited' ? 'exited' : 'no_return', call: String(s.step ?? '-') } }],
    primary: ANSWERS_ID,
  };
}

export async function runAdapterFuzzOnPool(o: PooledFuzzOptions): Promise<FuzzResult> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const profile = o.profile ?? ADAPTER_FUZZ_PROFILE;
  const runs = o.runs ?? profile.runs;
  const seed = o.seed ?? 1;
  const threads = Math.max(1, o.workers);
  const deadlineMs = o.stepDeadlineMs ?? STEP_DEADLINE_MS;
  const budgetMs = o.timeBudgetMs ?? profile.timeBudgetMs;
  const budgetEnd = started + budgetMs;
  const dog = new Watchdog(true, deadlineMs, budgetEnd, clock);
  const kernelInvariants = o.kernelInvariants ?? true;
  const spec: FuzzSpec = {
    adapterModule: o.adapterModule, profile, seed, runs, kernelInvariants, shrinkBudgetMs: o.shrinkTimeBudgetMs ?? FUZZ_SHRINK_AFTER_TIMEOUT_BUDGET_MS,
  };
  const task = (t: { readonly kind: FuzzTask['kind']; readonly [field: string]: unknown }) => ({ ...spec, ...t }) as FuzzTask;
  const checks = await checksFor(kernelInvariants);
  const exercised = new Map<string, number>(checks.map((c) => [c.id, 0]));
  const violated = new Set<string>();
  const totals = new Map<Behaviour, number>(BEHAVIOUR_IDS.map((b) => [b, 0]));
  const runsWith = new Map<Behaviour, number>(BEHAVIOUR_IDS.map((b) => [b, 0]));
  let capabilities: AdapterCapabilities | null = null;
  let runsDone = 0;
  let inputsChecked = 0;
  let interrupted = false;
  let failed = false;
  let shrunk: FuzzShrunk | null = null;
  let counterexample: Counterexample | null = null;
  const cases = fc.sample(fuzzCaseArb(profile), { seed, numRuns: runs });
  const onStall = (s: Stalled) => {
    if (s.why === 'budget') interrupted = true;
    if (!isFinding(s, true)) return;
    failed = true;
    counterexample = hangCounterexample(s, s.run === null ? undefined : cases[s.run], deadlineMs);
  };

  const finish = (): FuzzResult => {
    const ce = counterexample as Counterexample | null;
    const conformance: InvariantStat[] = checks.map((c) => ({
      id: c.id, title: c.title, scope: c.scope,
      status: violated.has(c.id) || ce?.violations.some((v) => v.invariantId === c.id) ? 'violated' : (exercised.get(c.id) ?? 0) > 0 ? 'held' : 'not exercised',
      exercised: exercised.get(c.id) ?? 0,
    }));
    return {
      status: failed ? 'failed' : 'passed', profile: profile.name, seed, runsPlanned: runs, runsDone, shrinks: shrunk?.shrinks ?? 0, path: shrunk?.path ?? null,
      capabilities, conformance,
      coverage: SIM_BEHAVIOUR_IDS.map((b) => ({ behaviour: b, item: BEHAVIOURS[b].item, title: BEHAVIOURS[b].title, total: totals.get(b) ?? 0, runsWith: runsWith.get(b) ?? 0 })),
      counterexample: ce, interrupted, workers: threads,
      ...(shrunk?.bounded ? { shrinkBounded: `shrinking stopped after ${spec.shrinkBudgetMs / 1000} s: the adapter had timed out, and each step could wait a full timeout` } : {}),
    };
  };

  // 0. Every thread started, then the module loaded in a worker (a load that never settles is a finding).
  await Promise.all(Array.from({ length: threads }, () => dog.run(task({ kind: 'fuzz-describe', adapterModule: null }), threads)));
  const described = await dog.run(task({ kind: 'fuzz-describe' }), threads).catch((e: unknown) => {
    throw new UsageError((e instanceof Error ? e.message : String(e)).split('\n')[0]!);
  });
  if (isStalled(described)) {
    onStall(described);
    return finish();
  }

  // 1. Runs in chunks, read in order up to the first failing run (counted, as in-process).
  let firstFailing = -1;
  const search = await searchInOrder<FuzzCase, FuzzRun>({
    cases, threads, dog, ...(o.chunkRuns !== undefined ? { chunkRuns: o.chunkRuns } : {}),
    chunkTask: (start, chunk) => task({ kind: 'fuzz-chunk', start, cases: chunk }),
    read: (run, index) => {
      runsDone++;
      capabilities = capabilities ?? run.capabilities;
      for (const [id, n] of Object.entries(run.exercised)) exercised.set(id, (exercised.get(id) ?? 0) + n);
      for (const id of run.violated) violated.add(id);
      for (const b of BEHAVIOUR_IDS) {
        totals.set(b, (totals.get(b) ?? 0) + run.coverage[b]);
        if (run.coverage[b] > 0) runsWith.set(b, (runsWith.get(b) ?? 0) + 1);
      }
      o.onProgress?.(runsDone, runs, run.violated.length > 0 ? 1 : 0, inputsChecked += run.inputs);
      if (run.violated.length > 0) firstFailing = index;
      return firstFailing >= 0;
    },
  });
  if (search.stall) {
    onStall(search.stall);
    return finish();
  }
  if (firstFailing < 0) return finish();

  // 2. The first failing run shrunk in a worker, by fast-check's path to it.
  failed = true;
  const got = await dog.run<FuzzShrunk>(task({ kind: 'fuzz-shrink', index: firstFailing, timeLimitMs: Math.max(1, budgetEnd - clock()) }), threads);
  if (isStalled(got)) {
    onStall(got);
    return finish();
  }
  shrunk = got;
  if (got.interrupted) interrupted = true;
  counterexample = got.counterexample;
  return finish();
}
