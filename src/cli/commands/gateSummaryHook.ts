// When GITHUB_STEP_SUMMARY is set, the gate appends a Markdown summary of its result there.
import { appendFileSync } from 'node:fs';
import type { GateResult } from '../../gate/result.ts';

export function gateSummaryMarkdown(r: GateResult): string {
  const held = r.invariants.filter((i) => i.status === 'held').length;
  const lines = [
    `### workbench gate: ${r.status === 'passed' ? '✅ passed' : '❌ failed'}`,
    '',
    '| profile | seed | runs | inputs | rows | invariants held | failures |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${r.meta.profile} | ${r.meta.seed} | ${r.meta.runsDone} | ${r.meta.inputsChecked} | ${r.meta.rowsValidated} | ${held}/${r.invariants.length} | ${r.failures.length} |`,
  ];
  for (const f of r.failures) lines.push('', `- **${f.invariantId}**: ${f.counterexample.message} — \`${f.counterexample.replayCommand}\``);
  for (const g of r.coverageGaps) lines.push(`- coverage gap: ${g}`);
  return `${lines.join('\n')}\n`;
}

export function appendGateStepSummary(r: GateResult, env: NodeJS.ProcessEnv = process.env): void {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file) appendFileSync(file, gateSummaryMarkdown(r));
}
