// The pure formatter: a gate result (plus title, command line, previous report) → the Markdown report.
// Same input, same bytes — except the one summary row that holds the time of the run.
import type { GateResult } from '../gate/result.ts';
import { buildReport, type ReportMeta } from './buildReport.ts';
import { code, mdText } from './format.ts';
import type { Report } from './model.ts';
import { reachSection } from './renderReach.ts';
import { auditSection } from './auditSection.ts';
import {
  changesSection, counterexamplesSection, coverageSection, familiesSection, howWeKnowSection, invariantsSection, paritySection, summarySection, verdictLine,
} from './renderSections.ts';

export function renderReport(r: Report): string {
  const sections = [
    `# ${mdText(r.title)}`,
    `> Made by: ${code(r.command)}`,
    verdictLine(r),
    howWeKnowSection(r),
    summarySection(r),
    ...(r.changes ? [changesSection(r.changes)] : []),
    invariantsSection(r),
    familiesSection(r),
    ...(r.parity ? [paritySection(r.parity)] : []),
    ...(r.audit ? [auditSection(r.audit)] : []),
    coverageSection(r),
    reachSection(r.coverage),
    counterexamplesSection(r),
  ];
  return `${sections.join('\n\n')}\n`;
}

export function renderMarkdown(result: GateResult, meta: ReportMeta): string {
  return renderReport(buildReport(result, meta));
}
