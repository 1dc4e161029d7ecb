// GateResult (+ what the command knows: title, command line, a previous report) → Report, the plain data
// both the Markdown and the JSON twin are made of. Pure: the same inputs give the same report.
import { CODES_NOT_REQUIRED, INTERESTING, type Interesting } from '../gate/coverage.ts';
import { invariantById } from '../invariants/catalogue.ts';
import { columnCoverage, readersOf } from '../invariants/readCoverage.ts';
import type { GateResult } from '../gate/result.ts';
import { DIAGNOSTICS, DIAGNOSTIC_CODES } from '../kernel/diagnostics.ts';
import { compareReports } from './compare.ts';
import { reachCells, reachSummary } from '../gate/reachSummary.ts';
import { familyParity } from './familyParity.ts';
import { anchorOf, formatCount } from './format.ts';
import { REPORT_VERSION, type CounterexampleSection, type CoverageSection, type ParitySection, type Report, type Verdict } from './model.ts';
import { countDeclared } from './stateDiagram.ts';
import type { AuditResult } from '../audit/runAudit.ts';

export interface ReportMeta {
  readonly title: string;
  /** The command line that made the report (shown at its top). */
  readonly command: string;
  /** Shards this result was merged from ('1/4', …); empty or absent for a whole run. */
  readonly shards?: readonly string[];
  readonly previous?: Report | null;
  readonly parity?: ParitySection | null;
  /** The audit of recorded rows (`workbench audit --json`): its section, and a FAIL when it found violations. */
  readonly audit?: AuditResult | null;
  /** Shards of the run that are missing (merge --partial): the verdict is PARTIAL unless something failed. */
  readonly missingShards?: readonly string[];
}

export const LEG_BUCKETS = ['0', '1', '2', '3', '4+'] as const;

export function counterexampleHeading(n: number, invariantId: string): string {
  return `Counterexample ${n}: ${invariantId}`;
}

/** Column coverage of the invariants this run checked (their declared reads). */
function columnsReadBy(result: GateResult): CoverageSection['columns'] {
  const invariants = result.invariants.map((i) => invariantById(i.id)).filter((i) => i !== undefined);
  const readers = readersOf(invariants);
  return columnCoverage(invariants).map((f) => ({
    family: f.family, columns: f.columns, read: f.read, unread: [...f.unread],
    invariants: [...new Set(Object.keys(f.readersPerColumn).flatMap((c) => readers.get(`${f.family}.${c}`) ?? []))].sort(),
  }));
}

function coverageOf(result: GateResult): CoverageSection {
  const c = result.coverage;
  const buckets = [...LEG_BUCKETS, ...Object.keys(c.legCounts).filter((k) => !(LEG_BUCKETS as readonly string[]).includes(k)).sort()];
  return {
    reach: { dimensions: reachSummary(c.reach ?? {}), cells: reachCells(c.reach ?? {}) },
    transitions: countDeclared(c.transitions),
    codes: DIAGNOSTIC_CODES.map((code) => ({ code, severity: DIAGNOSTICS[code].severity, count: c.codes[code] ?? 0 })),
    legCounts: buckets.map((legs) => ({ legs, trades: c.legCounts[legs] ?? 0 })),
    interesting: (Object.keys(INTERESTING) as Interesting[]).map((key) => ({ key, label: INTERESTING[key], count: c.interesting[key] ?? 0 })),
    gaps: [...result.coverageGaps],
    columns: columnsReadBy(result),
    diagramSvg: null,
  };
}

function counterexamplesOf(result: GateResult): CounterexampleSection[] {
  return result.failures.map((f, i) => ({
    anchor: anchorOf(counterexampleHeading(i + 1, f.invariantId)),
    invariantId: f.invariantId, signature: f.signature, origin: f.origin, occurrences: f.occurrences,
    message: f.counterexample.message, values: { ...f.counterexample.values }, stepIndex: f.counterexample.stepIndex,
    steps: f.counterexample.steps.map((s) => ({ ...s })), replayCommand: f.counterexample.replayCommand,
    seed: f.seed, path: f.path, shrinks: f.shrinks,
  }));
}

function verdictOf(result: GateResult, report: Omit<Report, 'verdict' | 'verdictReasons' | 'changes'>, missingShards: readonly string[]): { verdict: Verdict; reasons: string[] } {
  const reasons: string[] = [];
  const violated = report.invariants.filter((i) => i.status === 'violated').length;
  if (violated > 0) reasons.push(`${violated} invariant${violated === 1 ? '' : 's'} violated`);
  if (result.coverageGaps.length > 0) reasons.push(`${result.coverageGaps.length} coverage gap${result.coverageGaps.length === 1 ? '' : 's'}: the generators did not reach what the gate requires`);
  const parity = report.parity ? parityReason(report.parity) : null;
  if (parity) reasons.unshift(parity);
  const failed = result.status === 'failed' || reasons.length > 0;
  const never = report.families.filter((f) => f.status === 'never-emitted').map((f) => f.family);
  if (never.length > 0) reasons.push(`row famil${never.length === 1 ? 'y' : 'ies'} never emitted, so not checked: ${never.join(', ')}`);
  const mismatch = report.families.filter((f) => f.status === 'column-mismatch').map((f) => f.family);
  if (mismatch.length > 0) reasons.push(`row families whose columns differ from BLUE: ${mismatch.join(', ')}`);
  const unverified = report.families.filter((f) => f.status === 'unverified').map((f) => f.family);
  if (unverified.length > 0) reasons.push(`row families not verified, as the schema check did not hold over the run: ${unverified.join(', ')}`);
  const idle = report.invariants.filter((i) => i.status === 'not-exercised').map((i) => i.id);
  if (idle.length > 0) reasons.push(`invariants never exercised: ${idle.join(', ')}`);
  if (result.meta.interrupted) reasons.push(`the time budget ended the run after ${formatCount(result.meta.runsDone)} of ${formatCount(result.meta.runsPlanned)} runs`);
  if (missingShards.length > 0) reasons.push(`shard${missingShards.length === 1 ? '' : 's'} ${missingShards.join(', ')} missing: only part of the run was merged`);
  return { verdict: failed ? 'FAIL' : missingShards.length > 0 ? 'PARTIAL' : reasons.length > 0 ? 'INCOMPLETE' : 'PASS', reasons };
}

/** A divergent candidate fails the report: the reason names it, how many distinct divergences, and the first. */
export function parityReason(p: ParitySection): string | null {
  const n = p.divergences.length + p.divergencesNotShrunk;
  const first = p.divergences[0];
  if (n === 0 || !first) return null;
  return `parity: candidate ${p.candidate} diverges from the reference kernel in ${n} distinct way${n === 1 ? '' : 's'}; ` +
    `first: ${first.signature} at step ${first.step} (reference ${first.reference}, candidate ${first.candidate})`;
}

export function buildReport(result: GateResult, meta: ReportMeta): Report {
  const m = result.meta;
  const counterexamples = counterexamplesOf(result);
  const invariants = result.invariants.map((inv) => {
    const cx = counterexamples.find((c) => c.invariantId === inv.id);
    return { id: inv.id, title: inv.title, statement: inv.statement, scope: inv.scope, status: inv.status, exercised: inv.exercised, counterexample: cx ? cx.anchor : null };
  });
  const base = {
    version: REPORT_VERSION, title: meta.title, command: meta.command,
    time: { startedAt: m.startedAt, durationMs: m.timeMs },
    summary: {
      kernel: m.kernel, profile: m.profile, seed: m.seed, shards: [...(meta.shards ?? (m.shard ? [m.shard] : []))],
      runsPlanned: m.runsPlanned, runsDone: m.runsDone, stepCountMax: m.stepCountMax, inputsChecked: m.inputsChecked,
      rowsValidated: m.rowsValidated, determinismRuns: m.determinismRuns, corpusFiles: m.corpusFiles, tourRuns: m.tourRuns ?? 0, interrupted: m.interrupted,
      invariantsHeld: invariants.filter((i) => i.status === 'held').length,
      invariantsViolated: invariants.filter((i) => i.status === 'violated').length,
      invariantsNotExercised: invariants.filter((i) => i.status === 'not-exercised').length,
      gitCommit: m.gitCommit, workbenchVersion: m.workbenchVersion, nodeVersion: m.nodeVersion,
    },
    invariants, families: familyParity(result), coverage: coverageOf(result), counterexamples, parity: meta.parity ?? null,
  } as const;
  const gate = verdictOf(result, base, meta.missingShards ?? []);
  const audited = { ...(meta.audit ? { audit: meta.audit } : {}), ...(result.blackBox ? { blackBox: result.blackBox } : {}) };
  const auditFailed = meta.audit?.status === 'violations';
  const reasons = auditFailed ? [...gate.reasons, `the audit of recorded rows found ${formatCount(meta.audit!.violationCount)} violation${meta.audit!.violationCount === 1 ? '' : 's'}`] : gate.reasons;
  const report: Report = { ...base, ...audited, verdict: auditFailed ? 'FAIL' : gate.verdict, verdictReasons: reasons, changes: null };
  return meta.previous ? { ...report, changes: compareReports(meta.previous, report) } : report;
}

/** Codes the gate does not require its generators to reach: shown, but not as gaps. */
export function codeNotTargeted(code: string): boolean {
  return CODES_NOT_REQUIRED.has(code);
}
