// CI friendliness: when GITHUB_STEP_SUMMARY is set, append the report's verdict line and summary table (the same
// text the Markdown report starts with) to that file, so a workflow run page shows them.
import { appendFileSync } from 'node:fs';
import type { GateResult } from '../gate/result.ts';
import { buildReport } from './buildReport.ts';
import { summarySection, verdictLine } from './renderSections.ts';

export function stepSummaryMarkdown(result: GateResult, title = 'workbench gate'): string {
  const report = buildReport(result, { title, command: '' });
  return `### ${title}\n\n${verdictLine(report)}\n\n${summarySection(report).replace(/^## Summary\n\n/, '')}\n\n`;
}

/** Appends the summary when GITHUB_STEP_SUMMARY names a file; returns whether it did. */
export function appendStepSummary(result: GateResult, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) return false;
  appendFileSync(file, stepSummaryMarkdown(result));
  return true;
}
