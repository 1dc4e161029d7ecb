// The pure formatter: a gate result (plus title, command line, previous report) → the Markdown report.
// Same input, same bytes — except the one summary row that holds the time of the run.
// Ordered for a reviewer: the verdict, what changed, the counterexamples, the candidate's parity; then coverage,
// schema parity and the invariants, each a line or a chart with its long tables collapsed; the facts of the run last.
import type { GateResult } from '../gate/result.ts';
import { buildReport, type ReportMeta } from './buildReport.ts';
import { code, mdText } from './format.ts';
import type { Report } from './model.ts';
import { counterexamplesSection } from './renderCounterexamples.ts';
import { coverageSection } from './renderCoverage.ts';
import { reachSection } from './renderReach.ts';
import { auditSection } from './auditSection.ts';
import { blackBoxSection } from './blackBoxSection.ts';
import {
  changesSection, collapsedSummarySection, familiesSection, howWeKnowSection, invariantsSection, paritySection, verdictLine,
} from './renderSections.ts';

/** Top-level section headings in the order renderReport writes them (the optional ones included). */
export const SECTION_ORDER = [
  'What changed', 'Counterexamples', 'Parity with the reference kernel', 'Audit of recorded rows', 'Coverage', 'Schema parity with BLUE', 'Invariants', 'Black-box kernel', 'Summary', 'Reach matrix',
] as const;

export function renderReport(r: Report): string {
  const sections = [
    `# ${mdText(r.title)}`,
    `> Made by: ${code(r.command)}`,
    verdictLine(r),
    ...(r.changes ? [changesSection(r.changes)] : []),
    counterexamplesSection(r),
    ...(r.parity ? [paritySection(r.parity, r.charts)] : []),
    ...(r.audit ? [auditSection(r.audit)] : []),
    coverageSection(r),
    familiesSection(r),
    invariantsSection(r),
    ...(r.blackBox ? [blackBoxSection(r.blackBox)] : []),
    collapsedSummarySection(r),
    howWeKnowSection(r),
    reachSection(r.coverage),
  ];
  return `${sections.join('\n\n')}\n`;
}

export function renderMarkdown(result: GateResult, meta: ReportMeta): string {
  return renderReport(buildReport(result, meta));
}
