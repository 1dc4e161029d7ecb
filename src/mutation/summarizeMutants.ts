// Stryker's JSON report (mutation-testing-report-schema) reduced to what reports/mutation.md says: counts by
// status, the score, and every surviving mutant with its file, line and the code before and after.
import type { MutantResult, MutantStatus, MutationTestResult } from 'mutation-testing-report-schema';
import { equivalentKey, type EquivalentMutant } from './equivalentMutants.ts';

export interface MutantLine {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly status: MutantStatus;
  /** A module-level initializer: its result depends on Stryker re-evaluating the module with the mutant active. */
  readonly static: boolean;
  readonly original: string;
  readonly replacement: string;
  /** The whole source line, trimmed, for context. */
  readonly sourceLine: string;
}

export interface MutationSummary {
  readonly counts: Readonly<Record<MutantStatus, number>>;
  readonly total: number;
  /** killed + timeout: what the test detected. */
  readonly detected: number;
  /** detected + survived + no coverage: the mutants that could have been detected. */
  readonly valid: number;
  /** detected ÷ valid, percent; null when there is nothing valid. */
  readonly score: number | null;
  /** detected ÷ (valid − equivalent survivors), percent: the "non-equivalent mutants killed". */
  readonly scoreNonEquivalent: number | null;
  readonly survivors: readonly MutantLine[];
  readonly equivalent: readonly (MutantLine & { readonly reason: string })[];
  /** Mutants Stryker did not run (a `// Stryker disable` comment or `ignoreStatic`), by file and stated reason. */
  readonly ignored: readonly { readonly file: string; readonly reason: string; readonly count: number }[];
  readonly files: readonly { readonly file: string; readonly mutants: number; readonly detected: number; readonly undetected: number }[];
}

const STATUSES: readonly MutantStatus[] = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored', 'Pending'];

/** The source text a location spans (lines and columns are 1-based, the end column exclusive). */
export function textAt(source: string, m: MutantResult): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

function pct(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10_000) / 100;
}

export function summarizeMutants(report: MutationTestResult, equivalents: readonly EquivalentMutant[]): MutationSummary {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<MutantStatus, number>;
  const known = new Map<string, EquivalentMutant[]>();
  for (const e of equivalents) known.set(equivalentKey(e), [...(known.get(equivalentKey(e)) ?? []), e]);
  const ignored = new Map<string, { file: string; reason: string; count: number }>();
  const survivors: MutantLine[] = [];
  const equivalent: (MutantLine & { reason: string })[] = [];
  const files: MutationSummary['files'][number][] = [];
  for (const file of Object.keys(report.files).sort()) {
    const { source, mutants } = report.files[file]!;
    let detected = 0;
    let undetected = 0;
    for (const m of [...mutants].sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)) {
      counts[m.status]++;
      if (m.status === 'Killed' || m.status === 'Timeout') detected++;
      if (m.status === 'Ignored') {
        const reason = m.statusReason ?? 'no reason given';
        const entry = ignored.get(`${file}\u0000${reason}`) ?? { file, reason, count: 0 };
        entry.count++;
        ignored.set(`${file}\u0000${reason}`, entry);
      }
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      undetected++;
      const line: MutantLine = {
        id: m.id, file, line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, status: m.status, static: m.static === true,
        original: textAt(source, m), replacement: m.replacement ?? '', sourceLine: (source.split('\n')[m.location.start.line - 1] ?? '').trim(),
      };
      // An entry with `within` claims only the mutants on a source line containing that text.
      const eq = known.get(equivalentKey({ file, mutator: line.mutator, original: line.original, replacement: line.replacement }))
        ?.find((e) => e.within === undefined || line.sourceLine.includes(e.within));
      if (eq) equivalent.push({ ...line, reason: eq.reason });
      else survivors.push(line);
    }
    files.push({ file, mutants: mutants.length, detected, undetected });
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return {
    counts, total: STATUSES.reduce((n, s) => n + counts[s], 0), detected, valid, score: pct(detected, valid),
    scoreNonEquivalent: pct(detected, valid - equivalent.length), survivors, equivalent, ignored: [...ignored.values()], files,
  };
}

/**
 * Reports of parts of the scope (one per chunk) as one report. A file in two parts keeps every mutant, and where
 * both measured the same mutant (same place, mutator and replacement: a later re-run of some lines) the later
 * report's result and source text win.
 */
export function merge(reports: readonly MutationTestResult[]): MutationTestResult {
  const first = reports[0]!;
  const files: Record<string, MutationTestResult['files'][string]> = {};
  const key = (m: MutationTestResult['files'][string]['mutants'][number]) =>
    `${m.location.start.line}:${m.location.start.column}:${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement ?? ''}`;
  for (const r of reports) {
    for (const [file, result] of Object.entries(r.files)) {
      const before = files[file];
      if (!before) {
        files[file] = result;
        continue;
      }
      const mutants = new Map(before.mutants.map((m) => [key(m), m]));
      for (const m of result.mutants) mutants.set(key(m), m);
      files[file] = { ...result, mutants: [...mutants.values()] };
    }
  }
  return { ...first, files };
}
