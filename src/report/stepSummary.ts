// The job summary a reviewer reads first on the workflow run page (src/ci/publish.ts appends it): the verdict
// line, the first counterexample (violated values, input table, replay command), then the summary table collapsed.
import type { GateResult } from '../gate/result.ts';
import { buildReport } from './buildReport.ts';
import { code, collapsed } from './format.ts';
import { counterexampleBlock } from './renderCounterexamples.ts';
import { summarySection, verdictLine } from './renderSections.ts';

export function stepSummaryMarkdown(result: GateResult, title = 'workbench gate'): string {
  const report = buildReport(result, { title, command: '' });
  const [first, ...rest] = report.counterexamples;
  const cx = first ? `\n\n${counterexampleBlock(first, 1, undefined, 4)}${rest.length > 0 ? `\n\n${rest.length} more counterexample(s): ${rest.map((c) => code(c.invariantId)).join(', ')} (see the report artifact).` : ''}` : '';
  const table = summarySection(report).replace(/^## Summary\n\n/, '');
  return `### ${title}\n\n${verdictLine(report)}${cx}\n\n${collapsed('Summary of the run', table)}\n\n`;
}
