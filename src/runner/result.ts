// The runners' one result type: what every run of the gate, parity or the adapter fuzz comes to — a verdict,
// runs planned and done, failures (each a signature, the rule it broke, its counterexample, how far it was
// shrunk and the command that replays it), coverage where the runner counts it, and meta. Each command's
// `--json` carries it as `run` beside its own (older, documented) fields, so one reader handles all three.
import type { KernelInput } from '../kernel/types.ts';
import type { FuzzCase } from '../adapters/fuzz/fuzzCase.ts';
import type { FuzzResult } from '../adapters/fuzz/runFuzz.ts';
import type { GateResult } from '../gate/result.ts';
import type { ParityResult } from '../parity/runParity.ts';

/** `interrupted`: the time budget or a signal stopped the run before its planned runs, and nothing failed. */
export type Verdict = 'passed' | 'failed' | 'interrupted';

/** A counterexample in the one format: the concrete inputs (kernel runs) or the concrete fuzz case. */
export type RunnerCounterexample =
  | { readonly kind: 'kernel-inputs'; readonly inputs: readonly KernelInput[]; readonly stepIndex: number }
  | { readonly kind: 'fuzz-case'; readonly case: FuzzCase; readonly stepIndex: number };

export interface RunnerFailure {
  /** Failures with one signature are one finding (counted in `occurrences`). */
  readonly signature: string;
  /** The rule broken: an invariant ID, INV-P-REFERENCE-PARITY for a divergence, or a runner rule (INV-K-STEP-RETURNS…). */
  readonly ruleId: string;
  readonly message: string;
  readonly origin: 'generated' | 'corpus';
  readonly occurrences: number;
  readonly shrinks: number;
  /** fast-check's replay path of the original failing run (null: a corpus case or a watchdog finding). */
  readonly path: string | null;
  readonly counterexample: RunnerCounterexample;
  /** The saved counterexample file and the command that replays it (null until saved). */
  readonly file: string | null;
  readonly replayCommand: string | null;
}

export interface RunnerResult {
  readonly runner: 'gate' | 'parity' | 'fuzz';
  readonly verdict: Verdict;
  /** What was checked: the kernel, the candidate or the adapter, as the run named it. */
  readonly system: string;
  readonly seed: number;
  readonly runsPlanned: number;
  readonly runsDone: number;
  readonly failures: readonly RunnerFailure[];
  /** What the runner counts as reached (gate: transitions, codes, rows, reach cells; fuzz: venue behaviours), by times. */
  readonly coverage: Readonly<Record<string, number>> | null;
  /** Worker threads (null: in-process on the main thread, or not recorded). */
  readonly workers: number | null;
  readonly interrupted: boolean;
}

export function verdictOf(failed: boolean, interrupted: boolean): Verdict {
  return failed ? 'failed' : interrupted ? 'interrupted' : 'passed';
}

/** Flattens named count tables into one `table:key` → count record. */
function flatCounts(tables: Readonly<Record<string, Readonly<Record<string, number>>>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [table, counts] of Object.entries(tables)) for (const [k, n] of Object.entries(counts)) out[`${table}:${k}`] = n;
  return out;
}

export function fromGate(r: GateResult, workers: number | null = null): RunnerResult {
  const c = r.coverage;
  return {
    runner: 'gate', verdict: verdictOf(r.status === 'failed', r.meta.interrupted), system: r.meta.kernel, seed: r.meta.seed,
    runsPlanned: r.meta.runsPlanned, runsDone: r.meta.runsDone, workers, interrupted: r.meta.interrupted,
    failures: r.failures.map((f) => ({
      signature: f.signature, ruleId: f.invariantId, message: f.counterexample.message, origin: f.origin, occurrences: f.occurrences, shrinks: f.shrinks, path: f.path,
      counterexample: { kind: 'kernel-inputs', inputs: f.counterexample.inputs, stepIndex: f.counterexample.stepIndex },
      file: f.counterexample.file, replayCommand: f.counterexample.file ? f.counterexample.replayCommand : null,
    })),
    coverage: flatCounts({ transitions: c.transitions, codes: c.codes, rows: c.rows, reach: c.reach ?? {} }),
  };
}

/** The ID a parity divergence carries (parityCounterexample.ts uses the same). */
const PARITY_ID = 'INV-P-REFERENCE-PARITY';

export function fromParity(r: ParityResult): RunnerResult {
  return {
    runner: 'parity', verdict: verdictOf(r.status === 'divergent', r.interrupted === true), system: r.candidate, seed: r.seed,
    runsPlanned: r.runsPlanned, runsDone: r.runsDone, workers: r.workers ?? null, interrupted: r.interrupted === true, coverage: null,
    failures: r.findings.map((f) => ({
      signature: f.signature, ruleId: f.signature.startsWith('INV-K-') ? f.signature.split(' ')[0]! : PARITY_ID,
      message: f.divergence ? `step ${f.divergence.step}: ${f.signature} (reference ${f.divergence.reference}, candidate ${f.divergence.candidate})` : `${f.fault?.kind ?? 'fault'}: ${f.fault?.message ?? ''}`,
      origin: f.origin, occurrences: f.occurrences, shrinks: f.shrinks, path: null,
      counterexample: { kind: 'kernel-inputs', inputs: f.inputs, stepIndex: f.divergence?.step ?? Math.max(0, f.inputs.length - 1) },
      file: f.file, replayCommand: f.replayCommand,
    })),
  };
}

export function fromFuzz(r: FuzzResult, adapter: string, replay: { file: string | null; command: string | null }): RunnerResult {
  const ce = r.counterexample;
  const first = ce?.violations[0];
  return {
    runner: 'fuzz', verdict: verdictOf(r.status === 'failed', r.interrupted), system: adapter, seed: r.seed,
    runsPlanned: r.runsPlanned, runsDone: r.runsDone, workers: r.workers ?? null, interrupted: r.interrupted,
    coverage: Object.fromEntries(r.coverage.map((b) => [`behaviour:${b.behaviour}`, b.total])),
    failures: ce ? [{
      signature: `${ce.primary}${first?.values['fault'] ? ` @ ${first.values['fault']}` : ''}`, ruleId: ce.primary, message: first?.message ?? '', origin: 'generated',
      occurrences: 1, shrinks: r.shrinks, path: r.path, counterexample: { kind: 'fuzz-case', case: ce.fuzzCase, stepIndex: first?.stepIndex ?? 0 },
      file: replay.file, replayCommand: replay.command,
    }] : [],
  };
}
