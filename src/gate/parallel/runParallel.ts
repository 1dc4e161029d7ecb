// The gate over the worker pool. The result is the in-process runner's, exactly, for any worker count: the
// cases are fast-check's own stream for the seed (sampled here), cut into chunks whose size does not depend
// on the worker count; each pass's first failing run is the lowest index that fails under that pass's skip
// set, and it is shrunk by replaying fast-check's path to it. The pool is also the watchdog for a user's
// module: a step that never returns, ends its thread or breaks the step contract is a finding, not a hang.
import fc from 'fast-check';
import { describeInput } from '../../driver/describe.ts';
import type { KernelInput } from '../../kernel/types.ts';
import { CATALOGUE } from '../../invariants/catalogue.ts';
import { UsageError } from '../../cli/exitCodes.ts';
import { gateCaseArb } from '../actions.ts';
import { emptyCoverage, mergeCoverage, type Coverage } from '../coverage.ts';
import type { Failure } from '../result.ts';
import type { GateResult } from '../result.ts';
import { assembleResult, tourFinding, type GateOptions } from '../runner.ts';
import { STEP_DEADLINE_MS, STEP_RETURNS_ID } from '../stepContract.ts';
import { ChunkScheduler, CHUNK_RUNS } from '../../runner/chunks.ts';
import { shardPlan } from '../../runner/shard.ts';
import { describeStall, isFinding, isStalled, Watchdog, type Stalled } from '../../runner/watchdog.ts';
import type { ChunkResult, RunFailure, ShrinkResult, SystemSpec, Task } from './tasks.ts';
import { configText } from './tasks.ts';

export interface ParallelGateOptions extends Omit<GateOptions, 'sut'> {
  /** Absolute path of the module under test; null for the reference kernel. */
  readonly kernelModule: string | null;
  /** A kernel child (`--kernel-cmd`) instead: one per worker; `invariants` are then the ones that apply to it. */
  readonly kernelCommand?: string | null;
  readonly timeoutMs?: number;
  readonly workers: number;
  /** A step (or a module load) silent this long is a hang. */
  readonly stepDeadlineMs?: number;
  /** Runs per chunk: fixed, so chunks (and results) do not depend on the worker count. */
  readonly chunkRuns?: number;
}

function hangFailure(s: Stalled, sutName: string, seed: number, deadlineMs: number, replay: (f: string | null) => string): Failure {
  const { did, at } = describeStall(s, deadlineMs, 'step');
  const inputs = s.inputs as readonly KernelInput[];
  const last = inputs[inputs.length - 1];
  return {
    signature: `${STEP_RETURNS_ID} @ ${last ? last.kind : 'load'}`, invariantId: STEP_RETURNS_ID, origin: 'generated', occurrences: 1, seed, path: null, shrinks: 0,
    counterexample: {
      invariantId: STEP_RETURNS_ID, message: `${sutName}: ${s.step === null ? 'module' : 'step'} ${did} (${at})`, values: { run: String(s.run ?? '-'), step: String(s.step ?? '-') },
      stepIndex: s.step ?? 0, inputs,
      steps: inputs.map((input, i) => ({ step: i, input: describeInput(input), outcome: i === inputs.length - 1 ? 'did not return' : 'returned', slot: '-' })),
      file: null, replayCommand: replay(null),
    },
  };
}

function failsIn(r: RunFailure, pass: number, skip: ReadonlySet<string>): boolean {
  return r.fault || (pass === 0 && r.determinismFailed) || r.ids.some((id) => !skip.has(id));
}

export async function runGateParallel(o: ParallelGateOptions): Promise<GateResult> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const invariants = o.invariants ?? CATALOGUE;
  const threads = Math.max(1, o.workers);
  const deadlineMs = o.stepDeadlineMs ?? STEP_DEADLINE_MS;
  const budgetEnd = o.timeBudgetMs === null ? null : started + o.timeBudgetMs;
  const watched = o.kernelModule !== null;
  const dog = new Watchdog(watched, deadlineMs, budgetEnd, clock);
  const replay = o.replayCommand ?? ((f) => (f ? `npx workbench replay ${f}` : 'npx workbench replay <file>'));
  const { seed, runs } = shardPlan(o.seed, o.runs, o.shard);
  const spec: Omit<SystemSpec, 'port'> = {
    kernelModule: o.kernelModule, kernelCommand: o.kernelCommand ?? null, timeoutMs: o.timeoutMs ?? 5000, config: configText(o.config), seed, runs, stepCountMax: o.stepCountMax, without: o.without ?? [], replayTemplate: replay('{file}'),
  };
  const failures: Failure[] = [];
  const bySignature = new Map<string, Failure>();
  const record = (f: Failure) => {
    const existing = bySignature.get(f.signature);
    if (existing) existing.occurrences += f.occurrences;
    else {
      bySignature.set(f.signature, f);
      failures.push(f);
    }
  };

  // 0. The module under test loads in a worker (never here): a load that never settles is a finding too.
  let sutName = 'reference';
  // Start (and warm) every thread first, so a module's load deadline does not include starting a thread.
  if (watched) await Promise.all(Array.from({ length: threads }, () => dog.run({ ...spec, kernelModule: null, kind: 'describe' } satisfies Task, threads)));
  const described = await dog.run<{ name: string }>({ ...spec, kind: 'describe' } satisfies Task, threads).catch((e: unknown) => {
    throw new UsageError(`--kernel ${o.kernelModule ?? ''}: cannot load module (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  });
  let interrupted = false;
  if (isStalled(described)) {
    record(hangFailure(described, o.kernelModule ?? 'module', seed, deadlineMs, replay));
    interrupted = described.why === 'budget';
    return assembleResult(o, {
      sutName: o.kernelModule ?? 'module', invariants: CATALOGUE, seed, runs, failures, exercised: new Map(CATALOGUE.map((i) => [i.id, 0])),
      coverage: emptyCoverage(), runsDone: 0, determinismRuns: 0, interrupted, timeMs: Math.round(clock() - started),
    });
  }
  sutName = described.name;

  // 1. Regression corpus.
  if (o.corpus && o.corpus.length > 0) {
    const got = await dog.run<(Failure | null)[]>({ ...spec, kind: 'corpus', files: o.corpus } satisfies Task, threads);
    if (isStalled(got)) {
      if (got.why === 'budget') interrupted = true;
      if (isFinding(got, watched)) record(hangFailure(got, sutName, seed, deadlineMs, replay));
    }
    else for (const f of got) if (f) record(f);
  }
  const skip = new Set<string>(failures.map((f) => f.invariantId));
  const skip0 = [...skip];

  // 2. Generated runs: fast-check's stream for this seed, in fixed chunks over the pool.
  const cases = fc.sample(gateCaseArb(o.config.slotCount, o.stepCountMax, undefined, o.without ?? []), { seed, numRuns: runs });
  const chunkRuns = o.chunkRuns ?? CHUNK_RUNS;
  const chunkCount = Math.ceil(runs / chunkRuns);
  let counted = 0;
  let prefixInputs = 0;
  let prefixFailing = 0;
  const chunks: ChunkScheduler<ChunkResult> = new ChunkScheduler<ChunkResult>(chunkCount, threads, (i) => {
    const start = i * chunkRuns;
    return dog.run<ChunkResult>({
      ...spec, kind: 'chunk', start, cases: cases.slice(start, Math.min(runs, start + chunkRuns)), determinismRuns: o.determinismRuns, skip: skip0,
    } satisfies Task, threads);
  }, (prefix) => {
    // Inputs stepped and failing runs in the finished prefix of chunks, for the progress line.
    for (; counted < prefix; counted++) {
      const r = chunks.results[counted];
      if (r !== undefined && !isStalled(r)) {
        prefixInputs += r.coverage.inputs;
        prefixFailing += r.failures.length;
      }
    }
    o.onProgress?.(Math.min(runs, prefix * chunkRuns), runs, failures.length + prefixFailing, prefixInputs);
  },
  (i) => ({ stalled: true, why: 'exited', run: i * chunkRuns, step: null, inputs: [], stuckMs: 0 })).start();
  const results = chunks.results;

  const failing: RunFailure[] = [];
  let scanned = 0;
  const absorb = () => {
    for (; scanned < chunks.prefix; scanned++) {
      const r = results[scanned]!;
      if (!isStalled(r)) failing.push(...r.failures);
    }
  };
  const stalledInPrefix = () => results.slice(0, chunks.prefix).find(isStalled) ?? null;

  const exercised = new Map<string, number>(invariants.map((i) => [i.id, 0]));
  let coverage: Coverage = emptyCoverage();
  let runsDone = 0;
  let determinismRuns = 0;
  const maxFailures = o.maxFailures ?? 6;
  let cursor = 0;
  for (let pass = 0; pass < maxFailures; pass++) {
    let found: RunFailure | null = null;
    let stall: Stalled | null = null;
    for (;;) {
      absorb();
      if (chunks.error) throw chunks.error;
      while (cursor < failing.length && !failsIn(failing[cursor]!, pass, skip)) cursor++;
      stall = stalledInPrefix();
      // A stalled chunk comes before any failure at or after its first run (its own runs never finished).
      const stallStart = stall ? results.indexOf(stall) * chunkRuns : Infinity;
      if (cursor < failing.length && failing[cursor]!.index < stallStart) {
        found = failing[cursor]!;
        stall = null;
        break;
      }
      if (stall || chunks.done) break;
      await chunks.progress();
    }
    if (pass === 0) {
      // Pass 0's counts: every chunk before the failing one, and that chunk up to its first failure.
      const upTo = found ? Math.floor(found.index / chunkRuns) : chunks.prefix - 1;
      for (let i = 0; i <= upTo; i++) {
        const r = results[i];
        if (!r || isStalled(r)) break;
        coverage = mergeCoverage(coverage, r.coverage);
        for (const [id, n] of Object.entries(r.exercised)) exercised.set(id, (exercised.get(id) ?? 0) + n);
        determinismRuns += r.determinismRuns;
        runsDone += r.counted;
      }
      o.onProgress?.(runsDone, runs, found ? 1 : 0, coverage.inputs);
    }
    if (!found) {
      if (stall) {
        if (stall.why === 'budget') interrupted = true;
        if (isFinding(stall, watched)) record(hangFailure(stall, sutName, seed, deadlineMs, replay));
      }
      break;
    }
    const remaining = budgetEnd === null ? null : Math.max(1, budgetEnd - clock());
    const shrunk = await dog.run<ShrinkResult>({
      ...spec, kind: 'shrink', index: found.index, skip: [...skip], determinism: pass === 0 && found.index < o.determinismRuns, timeLimitMs: remaining,
    }, threads);
    if (isStalled(shrunk)) {
      if (shrunk.why === 'budget') interrupted = true;
      if (isFinding(shrunk, watched)) record(hangFailure(shrunk, sutName, seed, deadlineMs, replay));
      break;
    }
    if (shrunk.interrupted) interrupted = true;
    const failure = shrunk.failure ?? null;
    if (!failure) break;
    record(failure);
    skip.add(failure.invariantId);
    if (budgetEnd !== null && clock() > budgetEnd) {
      interrupted = true;
      break;
    }
  }
  await chunks.stop();

  // 3. After a clean pass, the shape tour (shapeTour.ts), under the same watchdog.
  let tourRuns = 0;
  if (failures.length === 0 && !interrupted && o.tour && o.tour.length > 0) {
    const got = await dog.run<(Failure | null)[]>({ ...spec, kind: 'corpus', files: o.tour.map((t) => ({ file: t.name, inputs: t.inputs })) } satisfies Task, threads);
    if (isStalled(got)) {
      if (got.why === 'budget') interrupted = true;
      if (isFinding(got, watched)) record(hangFailure(got, sutName, seed, deadlineMs, replay));
    } else {
      // Counted up to the first finding, as the in-process runner stops there: the same result for any worker count.
      const i = got.findIndex((x) => x !== null);
      tourRuns = i >= 0 ? i + 1 : got.length;
      if (i >= 0) record(tourFinding(got[i]!, o.tour[i]!.name, replay));
    }
  }
  return assembleResult(o, {
    sutName, invariants, seed, runs, failures, exercised, coverage, runsDone, determinismRuns, interrupted, tourRuns, timeMs: Math.round(clock() - started),
  });
}
