// Parity of a candidate module over the runners' pool, under the watchdog: the result is runParity's, exactly,
// for any worker count. The cases are fast-check's stream for the seed, compared in fixed chunks; the census is
// read in run order; each new signature is shrunk in a worker by replaying fast-check's path to its first run.
// A candidate step that loops, blocks or ends its thread is a finding (INV-K-STEP-RETURNS), and the time budget
// stops the run with what was compared.
import fc from 'fast-check';
import { describeInput } from '../driver/describe.ts';
import type { KernelInput } from '../kernel/types.ts';
import { configText } from '../gate/parallel/tasks.ts';
import { STEP_DEADLINE_MS, STEP_RETURNS_ID } from '../gate/stepContract.ts';
import { UsageError } from '../cli/exitCodes.ts';
import { searchInOrder } from '../runner/search.ts';
import type { GateCase } from '../gate/actions.ts';
import type { CensusRun, ParitySpec, ParityTask } from '../runner/tasks/parityTasks.ts';
import { describeStall, isFinding, isStalled, Watchdog, type Stalled } from '../runner/watchdog.ts';
import type { Candidate } from './candidate.ts';
import { parityArb, FINDING_COUNT_MAX, SHRINK_AFTER_TIMEOUT_BUDGET_MS, type ParityFinding, type ParityOptions, type ParityResult } from './runParity.ts';

export interface PooledParityOptions extends Omit<ParityOptions, 'candidate' | 'policy'> {
  /** Absolute path of the candidate module. */
  readonly candidateModule: string;
  readonly policy: ParitySpec['policy'];
  /** Setting-aside as parsePolicy printed it (the result's setAside). */
  readonly setAside: readonly string[];
  readonly workers: number;
  readonly timeBudgetMs: number | null;
  /** A candidate step (or its module's loading) silent this long is a hang. */
  readonly stepDeadlineMs?: number;
  readonly chunkRuns?: number;
  readonly clock?: () => number;
}

/** The run's result plus how to name the candidate in counterexample files. */
export interface PooledParity {
  readonly result: ParityResult;
  readonly candidate: Pick<Candidate, 'name' | 'writesRows' | 'origin'>;
}

function hangFinding(s: Stalled, name: string, deadlineMs: number): ParityFinding {
  const { did, at } = describeStall(s, deadlineMs, 'step');
  const inputs = s.inputs as readonly KernelInput[];
  const last = inputs[inputs.length - 1];
  return {
    signature: `${STEP_RETURNS_ID} @ ${last ? last.kind : 'load'}`, origin: 'generated', divergence: null, divergences: [],
    fault: { kind: 'step_returns', message: `${STEP_RETURNS_ID}: ${name}: ${s.step === null ? 'module' : 'step'} ${did} (${at})`, stderrTail: '' },
    inputs, steps: inputs.map((input, i) => ({ step: i, input: describeInput(input) })), shrinks: 0, occurrences: 1, file: null, replayCommand: null,
  };
}

export async function runParityOnPool(o: PooledParityOptions): Promise<PooledParity> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const threads = Math.max(1, o.workers);
  const deadlineMs = o.stepDeadlineMs ?? STEP_DEADLINE_MS;
  const budgetEnd = o.timeBudgetMs === null ? null : started + o.timeBudgetMs;
  const dog = new Watchdog(true, deadlineMs, budgetEnd, clock);
  const cap = o.findingCountMax ?? FINDING_COUNT_MAX;
  const spec: ParitySpec = {
    candidateModule: o.candidateModule, config: configText(o.config), seed: o.seed, runs: o.runs, stepCountMax: o.stepCountMax, mix: o.mix,
    policy: o.policy, shrinkBudgetMs: o.shrinkTimeBudgetMs ?? SHRINK_AFTER_TIMEOUT_BUDGET_MS,
  };
  const task = (t: { readonly kind: ParityTask['kind']; readonly [field: string]: unknown }) => ({ ...spec, ...t }) as ParityTask;
  const findings: ParityFinding[] = [];
  const known = new Set<string>();
  let interrupted = false;
  let name = o.candidateModule;
  let writesRows = false;
  const totals = { runsDone: 0, inputsCompared: 0, rowsCompared: 0 };
  const census = new Map<string, number>();
  const finish = (): PooledParity => {
    for (const f of findings) if (f.origin === 'generated' && census.has(f.signature)) f.occurrences = census.get(f.signature)!;
    const notShrunk = [...census.keys()].filter((s) => !known.has(s)).length;
    return {
      candidate: { name, writesRows, origin: { module: o.candidateModule } },
      result: {
        status: findings.length > 0 || notShrunk > 0 ? 'divergent' : 'parity', candidate: name, comparedRows: writesRows, seed: o.seed,
        runsPlanned: o.runs, ...totals, mix: o.mix, setAside: o.setAside, corpusFiles: o.corpus?.length ?? 0,
        finding: findings[0] ?? null, findings, divergencesNotShrunk: notShrunk, interrupted, workers: threads,
      },
    };
  };
  const stalled = (s: Stalled): boolean => {
    if (s.why === 'budget') interrupted = true;
    if (isFinding(s, true)) {
      const f = hangFinding(s, name, deadlineMs);
      findings.push(f);
      known.add(f.signature);
    }
    return true;
  };

  // 0. Every thread started first (so a load deadline does not include starting one), then the module loaded.
  await Promise.all(Array.from({ length: threads }, () => dog.run(task({ kind: 'parity-describe', candidateModule: null }), threads)));
  const described = await dog.run<{ name: string; writesRows: boolean }>(task({ kind: 'parity-describe' }), threads).catch((e: unknown) => {
    throw new UsageError(`--candidate ${o.candidateModule}: cannot load module (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  });
  if (isStalled(described)) {
    stalled(described);
    return finish();
  }
  ({ name, writesRows } = described);

  // 1. Corpus: concrete regression cases, not shrunk.
  if (o.corpus && o.corpus.length > 0) {
    const got = await dog.run<(ParityFinding | null)[]>(task({ kind: 'parity-corpus', files: o.corpus }), threads);
    if (isStalled(got)) {
      stalled(got);
      return finish();
    }
    for (const f of got) {
      if (f && !known.has(f.signature)) {
        findings.push(f);
        known.add(f.signature);
      }
    }
  }

  // 2. Census over the pool, read in run order; a fault ends it (one is enough to report), as in-process.
  const cases = fc.sample(parityArb(o.config, o.stepCountMax, o.mix), { seed: o.seed, numRuns: o.runs });
  const runSignatures: (string | null)[] = [];
  let censusFault = false;
  const search = await searchInOrder<GateCase, CensusRun>({
    cases, threads, dog, ...(o.chunkRuns !== undefined ? { chunkRuns: o.chunkRuns } : {}),
    chunkTask: (start, chunk) => task({ kind: 'parity-census', start, cases: chunk }),
    read: (run) => {
      runSignatures.push(run.signature);
      if (censusFault) return false;
      totals.runsDone++;
      totals.inputsCompared += run.inputs;
      totals.rowsCompared += run.rows;
      if (run.signature !== null) census.set(run.signature, (census.get(run.signature) ?? 0) + 1);
      if (run.fault) censusFault = true;
      return false;
    },
    afterChunk: () => o.onProgress?.(totals.runsDone, o.runs, census.size, totals.inputsCompared),
  });
  if (search.stall) {
    stalled(search.stall);
    return finish();
  }

  // 3. One shrink per new signature, in the order of the runs that first show one.
  let faulted = findings.some((f) => f.fault !== null);
  while (!faulted && findings.filter((f) => f.origin === 'generated').length < cap) {
    const index = runSignatures.findIndex((s) => s !== null && !known.has(s));
    if (index < 0) break;
    const got = await dog.run<ParityFinding | null>(task({ kind: 'parity-shrink', index, known: [...known] }), threads);
    if (isStalled(got)) {
      stalled(got);
      break;
    }
    if (!got || known.has(got.signature)) break;
    findings.push(got);
    known.add(got.signature);
    faulted = got.fault !== null;
  }
  return finish();
}

