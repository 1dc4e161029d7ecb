// Job-summary Markdown for parity and fuzz runs, shaped like the gate's (src/report/stepSummary.ts): the verdict,
// the first counterexample as a table, the command that replays it. Pure: result in, Markdown out.
import type { FuzzResult } from '../adapters/fuzz/runFuzz.ts';
import type { ParityResult } from '../parity/runParity.ts';
import { code, formatCount, mdText } from '../report/format.ts';
import { markdownTable } from '../report/markdownTable.ts';
import { violatedValuesTable } from '../report/renderCounterexamples.ts';

/** A timeline longer than this is cut in the summary (the replay file has all of it). */
const TIMELINE_ROWS_MAX = 60;

function replayBlock(command: string): string {
  return `Replay it:\n\n\`\`\`sh\n${command}\n\`\`\``;
}

export function parityStepSummary(r: ParityResult, replayCommand: string): string {
  const facts = `${formatCount(r.runsDone)} of ${formatCount(r.runsPlanned)} runs, ${formatCount(r.inputsCompared)} inputs compared` +
    `${r.comparedRows ? `, ${formatCount(r.rowsCompared)} rows column by column` : ''}; candidate ${code(r.candidate)}, seed ${r.seed}, mix ${r.mix}.`;
  const head = `### workbench parity\n\n**Verdict: ${r.status === 'parity' ? '✅ PARITY' : `❌ DIVERGENT (${r.findings.length})`}** — ${facts}`;
  const f = r.findings[0];
  if (!f) return `${head}\n\n`;
  const d = f.divergence;
  const what = d
    ? markdownTable(['Step', 'Where', 'Row', 'Column', 'Reference', 'Candidate'], [[String(d.step), d.where, d.row === null ? '—' : String(d.row), d.column, mdText(d.reference), mdText(d.candidate)]])
    : `The candidate failed the protocol (${f.fault?.kind ?? 'unknown'}): ${mdText(f.fault?.message ?? '')}`;
  const inputs = markdownTable(['Step', 'Input'], f.steps.map((s) => [d && s.step === d.step ? `▶ ${s.step}` : String(s.step), mdText(s.input)]), { align: ['right', 'left'] });
  const others = r.findings.slice(1).map((x) => x.signature);
  return [
    head, `#### First divergence: ${mdText(f.signature)}`, what, `Minimal input sequence (shrunk in ${f.shrinks} steps):`, inputs, replayBlock(replayCommand),
    ...(others.length > 0 ? [`Also divergent: ${others.map(mdText).join(', ')}.`] : []),
  ].join('\n\n') + '\n\n';
}

export function fuzzStepSummary(r: FuzzResult, adapter: string, replayCommand: string | null): string {
  const facts = `${formatCount(r.runsDone)} of ${formatCount(r.runsPlanned)} runs of profile ${r.profile}, seed ${r.seed}, adapter ${code(adapter)}.`;
  const head = `### workbench fuzz\n\n**Verdict: ${r.status === 'passed' ? '✅ PASS' : '❌ FAIL'}** — ${facts}`;
  const ce = r.counterexample;
  if (r.status === 'passed' || !ce) return `${head}${r.status === 'passed' ? '' : '\n\nThe failing run did not fail again on replay (is the adapter deterministic?).'}\n\n`;
  const v = ce.violations[0];
  const timeline = ce.timeline;
  const rows = timeline.slice(0, TIMELINE_ROWS_MAX).map((t, i) => [String(i), String(t.tMs), t.flow, mdText(t.message), mdText(t.kernel)]);
  return [
    head,
    `#### First counterexample: ${ce.primary}`,
    ...(v ? [`**${mdText(v.message)}** (kernel step ${v.stepIndex})`, violatedValuesTable(v.values)].filter((x) => x !== '') : []),
    `Timeline (after ${r.shrinks} shrinks)${timeline.length > TIMELINE_ROWS_MAX ? `, first ${TIMELINE_ROWS_MAX} of ${timeline.length} messages` : ''}:`,
    markdownTable(['#', 't ms', 'Flow', 'Message', 'Kernel'], rows, { align: ['right', 'right', 'left', 'left', 'left'] }),
    ...(replayCommand ? [replayBlock(replayCommand)] : []),
  ].join('\n\n') + '\n\n';
}
