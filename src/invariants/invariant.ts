// The shape every invariant has: metadata with a stable ID, and one check over a run's trace.
// The same definition runs under vitest (properties/*.test.ts) and under the CLI (gate, fuzz, report).
import type { KernelConfig } from '../kernel/types.ts';
import type { StepRecord } from '../driver/driver.ts';
import type { StepView } from '../parity/stepView.ts';

export type InvariantScope = 'kernel' | 'rows' | 'adapter' | 'determinism';

export interface InvariantMeta {
  /** Stable ID, e.g. INV-K-SINGLE-CLOSE; also the file name under properties/. */
  readonly id: string;
  readonly title: string;
  /** The rule, as spec/invariants.md states it. */
  readonly statement: string;
  /** What goes wrong in production when it breaks. */
  readonly why: string;
  /** Anchor in spec/invariants.md, e.g. '#inv-k-single-close'. */
  readonly specAnchor: string;
  readonly scope: InvariantScope;
  /**
   * What the check reads, for column and field coverage (spec/invariants.md §Coverage): row columns as
   * 'family.column', state fields as 'trade.size', 'order.status', 'account.capital', 'state.mode', and
   * 'outcome.*' / 'command.*' for the step's outputs. A catalogue test fails when a column or field is read by none.
   */
  readonly reads?: readonly string[];
}

export interface Violation {
  readonly invariantId: string;
  readonly message: string;
  /** Index (StepRecord.index) of the first step at which the rule is broken. */
  readonly stepIndex: number;
  /** The violated values, as exact strings: { expected: '0.5', actual: '-0.5', column: 'size' }. */
  readonly values: Readonly<Record<string, string>>;
}

/** Rows the writer emitted for a run, by family name. */
export type RowsByFamily = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

export interface RunTrace {
  readonly config: KernelConfig;
  readonly records: readonly StepRecord[];
  /** Null when the run did not go through a row writer. */
  readonly rows: RowsByFamily | null;
  /** Set when the kernel is a black box (a protocol child, src/gate/blackBox.ts). */
  readonly blackBox?: BlackBoxTrace;
}

/**
 * What a black-box kernel showed: per step its view (outcome, commands, slot dicts, capital, rows), as sent.
 * In such a trace each record's `outcome` is the kernel's own, while `before`, `state`, `events` and `commands`
 * are the specification's (the reference kernel on the same inputs): they only classify inputs for coverage and
 * the reach matrix. Only invariants that read `outcome`, `rows` and this view apply to a black box
 * (src/gate/blackBoxInvariants.ts).
 */
export interface BlackBoxTrace {
  readonly views: readonly StepView[];
  /** The kernel sends severity, transitions and emitted event types (capability `outcome`). */
  readonly outcomeDetail: boolean;
}

export interface CheckResult {
  /** Empty when the invariant held. Only the first few matter; checks may stop at the first. */
  readonly violations: readonly Violation[];
  /** How many times the rule was meaningfully exercised (e.g. closed trades with ≥ 2 legs for additivity). */
  readonly exercised: number;
}

export interface Invariant<T extends RunTrace = RunTrace> extends InvariantMeta {
  check(trace: T): CheckResult;
}
