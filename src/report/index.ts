// Public surface of the reports: the pure formatter, the report model, comparison, shard merging, the JSON twin
// and the CI step-summary hook.
export { buildReport, type ReportMeta } from './buildReport.ts';
export { renderMarkdown, renderReport } from './renderMarkdown.ts';
export { compareReports } from './compare.ts';
export { mergeGateResults, type MergedGate } from './mergeGateResults.ts';
export { reportToJson, readReportJson, validateReport } from './reportJson.ts';
export { writeReport } from './writeReport.ts';
export { stepSummaryMarkdown } from './stepSummary.ts';
export { appendStepSummary } from '../ci/publish.ts';
export { stateDiagram, countDeclared } from './stateDiagram.ts';
export { renderMermaidSvg } from './renderMermaidSvg.ts';
export type * from './model.ts';
