// The typed result of a gate run: plain data, serializable as JSON (schemas/gate-result.schema.json), the one
// input of every formatter (terminal, JUnit, Markdown report).
import type { KernelInput } from '../kernel/types.ts';
import type { Coverage } from './coverage.ts';

export type InvariantStatus = 'held' | 'violated' | 'not-exercised';

export interface StepRow {
  readonly step: number;
  readonly input: string;
  readonly outcome: string;
  readonly slot: string;
  /** Open position after the step, summed over slots (exact decimal): charted in reports. Absent in older results. */
  readonly size?: string;
  /** The kernel account's capital after the step (exact decimal). Absent in older results. */
  readonly capital?: string;
}

export interface CounterexampleData {
  readonly invariantId: string;
  readonly message: string;
  readonly values: Readonly<Record<string, string>>;
  /** Index of the input at which the rule broke. */
  readonly stepIndex: number;
  /** The minimal concrete input sequence (decimals as strings): replays without the generators. */
  readonly inputs: readonly KernelInput[];
  readonly steps: readonly StepRow[];
  /** Set once the counterexample is written to a file. */
  file: string | null;
  replayCommand: string;
}

export interface Failure {
  /** invariant ID + first failing transition (or input kind): failures with one signature are grouped. */
  readonly signature: string;
  readonly invariantId: string;
  readonly origin: 'generated' | 'corpus';
  /** Runs (or corpus files) that hit this signature. */
  occurrences: number;
  readonly counterexample: CounterexampleData;
  /** fast-check's replay path for the original failing run, with the seed. */
  readonly seed: number;
  readonly path: string | null;
  readonly shrinks: number;
}

export interface InvariantResult {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly scope: string;
  readonly status: InvariantStatus;
  readonly exercised: number;
  readonly counterexample: string | null;
}

export interface GateMeta {
  readonly kernel: string;
  readonly profile: string;
  readonly seed: number;
  readonly runsPlanned: number;
  readonly runsDone: number;
  readonly stepCountMax: number;
  readonly shard: string | null;
  readonly determinismRuns: number;
  readonly inputsChecked: number;
  readonly rowsValidated: number;
  readonly corpusFiles: number;
  /** Runs of the shape tour sent after a clean pass (0: the pass failed, was interrupted, or `--without invalid`). */
  readonly tourRuns?: number;
  readonly timeMs: number;
  readonly interrupted: boolean;
  readonly startedAt: string;
  readonly gitCommit: string;
  readonly workbenchVersion: string;
  readonly nodeVersion: string;
}

export interface GateResult {
  readonly version: 1;
  readonly status: 'passed' | 'failed';
  readonly meta: GateMeta;
  readonly invariants: readonly InvariantResult[];
  readonly failures: readonly Failure[];
  readonly coverage: Coverage;
  /** Declared transitions, states and invariants a run of this budget never reached: each fails the gate. */
  readonly coverageGaps: readonly string[];
  /** A black-box kernel (`--kernel-cmd`): what applied to it and what could not, with the reason. */
  readonly blackBox?: BlackBoxSection;
}

export interface BlackBoxSection {
  readonly command: string;
  readonly capabilities: readonly string[];
  readonly applied: readonly { readonly id: string; readonly how: string }[];
  readonly notApplicable: readonly { readonly id: string; readonly title: string; readonly reason: string }[];
  /** Where coverage and the reach matrix come from for a black box. */
  readonly coverageNote: string;
}
