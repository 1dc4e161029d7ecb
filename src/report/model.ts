// The report as plain data: every fact the Markdown shows, and exactly what the JSON twin holds
// (schemas/report.schema.json). Built from a GateResult by buildReport; rendered by renderMarkdown.
import type { BlackBoxSection } from '../gate/result.ts';
import type { ReachCellCount, ReachDimensionSummary } from '../gate/reachSummary.ts';
import type { AuditResult } from '../audit/runAudit.ts';
import type { StepRow } from '../gate/result.ts';
import type { TransitionCount } from './stateDiagram.ts';

export const REPORT_VERSION = 1;

/**
 * PASS: all held and everything was reached. FAIL: a violation or a coverage gap. INCOMPLETE: nothing broke,
 * but something was not checked. PARTIAL: nothing broke in the shards given, but shards of the run are
 * missing (`workbench merge --partial`).
 */
export type Verdict = 'PASS' | 'FAIL' | 'INCOMPLETE' | 'PARTIAL';

/** The only facts that differ between two runs of the same seed, commit and options: one line of the Markdown. */
export interface ReportTime {
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface ReportSummary {
  readonly kernel: string;
  readonly profile: string;
  readonly seed: number;
  /** One per merged shard ('1/4'), empty for a whole run. */
  readonly shards: readonly string[];
  readonly runsPlanned: number;
  readonly runsDone: number;
  readonly stepCountMax: number;
  readonly inputsChecked: number;
  readonly rowsValidated: number;
  readonly determinismRuns: number;
  readonly corpusFiles: number;
  /** Runs of the shape tour sent after a clean pass (0 in gate results made before it). */
  readonly tourRuns?: number;
  readonly interrupted: boolean;
  readonly invariantsHeld: number;
  readonly invariantsViolated: number;
  readonly invariantsNotExercised: number;
  readonly gitCommit: string;
  readonly workbenchVersion: string;
  readonly nodeVersion: string;
}

export interface InvariantLine {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly scope: string;
  readonly status: 'held' | 'violated' | 'not-exercised';
  readonly exercised: number;
  /** Anchor of its counterexample section in the Markdown ('' in the JSON when none). */
  readonly counterexample: string | null;
}

/**
 * parity: rows emitted and their columns are the BLUE set. column-mismatch: observed columns differ.
 * rejected: a row failed its schema. never-emitted: no row in the whole run (flagged: nothing was checked).
 * unverified: rows emitted, but the schema check did not hold over the run (another family's bad row stopped it).
 */
export type FamilyStatus = 'parity' | 'column-mismatch' | 'rejected' | 'never-emitted' | 'unverified';

export interface FamilyParity {
  readonly family: string;
  readonly status: FamilyStatus;
  /** The BLUE column set: the schema's columns in schema order. */
  readonly blueColumns: readonly string[];
  /** Columns the writer emitted; null when no row was emitted. */
  readonly emittedColumns: readonly string[] | null;
  /**
   * observed: the gate recorded the emitted column set. schema-validated: every emitted row validated against
   * the family's schema (all columns required, no other allowed), so the set is the BLUE set. none: not known.
   */
  readonly columnsSource: 'observed' | 'schema-validated' | 'none';
  readonly missingColumns: readonly string[];
  readonly extraColumns: readonly string[];
  readonly rowsEmitted: number;
  /** Rows checked against the schema and valid (0 unless the schema check held over the whole run). */
  readonly rowsValidated: number;
  /** Runs in which a row of this family was rejected (the gate stops a run at its first bad row). */
  readonly rowsRejected: number;
  readonly firstRejection: string | null;
}

export interface CodeCount {
  readonly code: string;
  readonly severity: string;
  readonly count: number;
}

export interface CoverageSection {
  /** The reach matrix: per dimension, and every cell with its count or why it cannot happen. */
  readonly reach: { readonly dimensions: readonly ReachDimensionSummary[]; readonly cells: readonly ReachCellCount[] };
  readonly transitions: readonly TransitionCount[];
  readonly codes: readonly CodeCount[];
  /** Closed trades by number of exit legs: '0', '1', '2', '3', '4+'. */
  readonly legCounts: readonly { readonly legs: string; readonly trades: number }[];
  readonly interesting: readonly { readonly key: string; readonly label: string; readonly count: number }[];
  /** What the gate required and the run did not reach. */
  readonly gaps: readonly string[];
  /** Per BLUE family: columns, how many the run's invariants read, which none reads, and the invariants that read any. */
  readonly columns: readonly { readonly family: string; readonly columns: number; readonly read: number; readonly unread: readonly string[]; readonly invariants: readonly string[] }[];
  /** The state diagram rendered to SVG (`report --svg`), relative to the report; null when not rendered. */
  readonly diagramSvg: string | null;
}

export interface CounterexampleSection {
  readonly anchor: string;
  readonly invariantId: string;
  readonly signature: string;
  readonly origin: string;
  readonly occurrences: number;
  readonly message: string;
  readonly values: Readonly<Record<string, string>>;
  readonly stepIndex: number;
  readonly steps: readonly StepRow[];
  readonly replayCommand: string;
  readonly seed: number;
  readonly path: string | null;
  readonly shrinks: number;
}

export interface CountChange {
  readonly key: string;
  readonly before: number;
  readonly after: number;
}

/** What changed since a previous report (--compare). */
export interface ChangesSection {
  readonly previous: { readonly title: string; readonly gitCommit: string; readonly profile: string; readonly seed: number; readonly verdict: Verdict };
  readonly newViolations: readonly string[];
  readonly fixed: readonly string[];
  readonly stillViolated: readonly string[];
  readonly invariantsAdded: readonly string[];
  readonly invariantsRemoved: readonly string[];
  /** Declared transitions newly taken (0 → n) and newly untaken (n → 0). */
  readonly transitionsNowTaken: readonly string[];
  readonly transitionsNoLongerTaken: readonly string[];
  readonly codesNowHit: readonly string[];
  readonly codesNoLongerHit: readonly string[];
  readonly coverage: {
    readonly transitionsTaken: CountChange;
    readonly codesHit: CountChange;
    readonly inputsChecked: CountChange;
    readonly rowsValidated: CountChange;
  };
  /** Row families whose parity status changed: key = family, before/after as status names. */
  readonly familiesChanged: readonly { readonly family: string; readonly before: string; readonly after: string }[];
}

/**
 * Candidate-vs-reference parity (`workbench parity --json`, read by `report --parity`): any divergence makes the
 * report's verdict FAIL.
 */
export interface ParitySection {
  readonly candidate: string;
  /** The parity run(s) this section comes from, as command lines ('' when not recorded). */
  readonly commands: readonly string[];
  readonly runs: number;
  readonly inputsCompared: number;
  readonly familiesInParity: readonly string[];
  /** Columns a team set aside (`--ignore`, `--tolerance`), as given: shown in the section's header. */
  readonly setAside: readonly string[];
  readonly divergences: readonly {
    readonly signature: string;
    readonly step: number;
    readonly family: string | null;
    readonly column: string | null;
    readonly reference: string;
    readonly candidate: string;
    readonly occurrences: number;
    /** The command that replays its counterexample file; null when none was written. */
    readonly replay: string | null;
  }[];
  /** Distinct signatures beyond the cap: counted, not shrunk. */
  readonly divergencesNotShrunk: number;
}

export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly title: string;
  readonly verdict: Verdict;
  /** Why the verdict is what it is, one sentence each (empty for a clean PASS). */
  readonly verdictReasons: readonly string[];
  /** The command line that made the report, shown at its top. */
  readonly command: string;
  readonly time: ReportTime;
  readonly summary: ReportSummary;
  readonly invariants: readonly InvariantLine[];
  readonly families: readonly FamilyParity[];
  readonly coverage: CoverageSection;
  readonly counterexamples: readonly CounterexampleSection[];
  readonly changes: ChangesSection | null;
  readonly parity: ParitySection | null;
  /** (issue 14) The audit of recorded rows, when `workbench report --audit FILE` was given one. */
  readonly audit?: AuditResult;
  /** (issue 16) The kernel was a black box (`--kernel-cmd`): what applied to it and what could not, and why. */
  readonly blackBox?: BlackBoxSection;
  /** SVG charts beside the report, relative to it, by name (`chartFiles.ts`); absent when none were rendered. */
  readonly charts?: Readonly<Record<string, string>>;
}
