// Counterexamples for a reviewer: what broke in one line, the violated values, the minimal input sequence as a
// table (the breaking step marked), the command that replays it, the chart; how it was found collapsed below.
// The same block is the first thing a CI job summary shows.
import { counterexampleHeading } from './buildReport.ts';
import { escapeControls } from '../cli/showValue.ts';
import { chartImage, code, collapsed, formatCount, mdText } from './format.ts';
import { markdownTable } from './markdownTable.ts';
import type { CounterexampleSection, Report } from './model.ts';

export function violatedValuesTable(values: Readonly<Record<string, string>>): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? '' : markdownTable(['Violated value', 'Value'], entries.map(([k, v]) => [mdText(k), mdText(v)]));
}

export function stepsTable(cx: CounterexampleSection): string {
  const numbers = cx.steps.every((s) => s.size !== undefined && s.capital !== undefined);
  const head = ['Step', 'Input', 'Outcome', 'Slot after', ...(numbers ? ['Open position', 'Capital'] : [])];
  return markdownTable(head, cx.steps.map((s) => [
    s.step === cx.stepIndex ? `▶ ${s.step}` : String(s.step), mdText(s.input), mdText(s.outcome), mdText(s.slot),
    ...(numbers ? [s.size ?? '', s.capital ?? ''] : []),
  ]), { align: ['right', 'left', 'left', 'left', 'right', 'right'] });
}

/** One counterexample; `level` is the heading depth (3 in the report, 4 in a job summary). */
export function counterexampleBlock(cx: CounterexampleSection, n: number, charts?: Readonly<Record<string, string>>, level = 3): string {
  const facts = markdownTable(['Fact', 'Value'], [
    ['Signature', mdText(cx.signature)], ['Origin', cx.origin], ['Runs with this signature', formatCount(cx.occurrences)],
    ['Breaking step', String(cx.stepIndex)], ['Seed', String(cx.seed)], ['fast-check path', cx.path === null ? '—' : code(cx.path)], ['Shrinks', formatCount(cx.shrinks)],
  ]);
  const values = violatedValuesTable(cx.values);
  const chart = chartImage(charts, `counterexample-${n}`, `${mdText(cx.invariantId)}: position size and capital per step, the breaking step marked`);
  return [
    `${'#'.repeat(level)} ${counterexampleHeading(n, mdText(cx.invariantId))}`,
    `**${mdText(cx.message)}** (step ${cx.stepIndex})`,
    ...(values ? [values] : []),
    stepsTable(cx),
    ...(chart ? [chart] : []),
    `Replay it:\n\n\`\`\`sh\n${escapeControls(cx.replayCommand)}\n\`\`\``,
    collapsed('How it was found', facts),
  ].join('\n\n');
}

export function counterexamplesSection(r: Report): string {
  if (r.counterexamples.length === 0) return '## Counterexamples\n\nNone: no invariant was violated.';
  return `## Counterexamples\n\n${r.counterexamples.map((cx, i) => counterexampleBlock(cx, i + 1, r.charts)).join('\n\n')}`;
}
