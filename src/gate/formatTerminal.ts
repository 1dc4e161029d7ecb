// The gate's result for people: a verdict, failures with their minimal sequence as an aligned table, the
// violated values and the replay command, then coverage. Pure: returns text.
import { paint, paintCell, renderTable } from '../cli/output.ts';
import type { BlackBoxSection, GateResult } from './result.ts';
import { reachSummary } from './reachSummary.ts';
import { IMPOSSIBLE_CELLS } from './reachMatrix.ts';

export function formatGateResult(r: GateResult, color: boolean): string {
  const out: string[] = [];
  const m = r.meta;
  out.push(`gate ${m.profile} on ${m.kernel}: seed ${m.seed}${m.shard ? `, shard ${m.shard}` : ''}, ${m.runsDone}/${m.runsPlanned} runs, ${m.inputsChecked.toLocaleString('en-US')} inputs, ${m.rowsValidated.toLocaleString('en-US')} rows, ${(m.timeMs / 1000).toFixed(1)} s${m.interrupted ? ' (time budget reached)' : ''}`);
  if (m.corpusFiles > 0) out.push(`corpus: ${m.corpusFiles} regression case(s) replayed`);
  if ((m.tourRuns ?? 0) > 0) out.push(`shape tour: ${m.tourRuns} short runs sent after the clean pass (every shape of every invalid input)`);
  for (const f of r.failures) {
    const cx = f.counterexample;
    out.push('', paint(color, 'red', `✗ ${f.invariantId}`) + `  ${cx.message}`);
    out.push(`  signature: ${f.signature}${f.occurrences > 1 ? ` (×${f.occurrences})` : ''}; ${f.origin === 'corpus' ? 'regression case from the corpus' : `found with seed ${f.seed}, shrunk in ${f.shrinks} steps to ${cx.inputs.length} input(s)`}`);
    const values = Object.entries(cx.values);
    if (values.length > 0) out.push('', renderTable(['value', 'is'], values.map(([k, v]) => [k, v])).replace(/^/gm, '  '));
    out.push('', renderTable(['step', 'input', 'outcome', 'slot after'], cx.steps.map((s) => [
      s.step === cx.stepIndex ? paintCell(color, 'red', `▶${s.step}`) : String(s.step), s.input, s.outcome, s.slot,
    ]), ['right']).replace(/^/gm, '  '));
    out.push('', `  replay: ${cx.replayCommand}`);
  }
  if (r.coverageGaps.length > 0) {
    out.push('', paint(color, 'red', '✗ coverage: the generators did not reach what this budget must reach (a broken gate):'));
    for (const g of r.coverageGaps) out.push(`  - ${g}`);
  }
  const rows = r.invariants.map((i) => [
    i.id, i.status === 'held' ? paintCell(color, 'green', 'held') : i.status === 'violated' ? paintCell(color, 'red', 'VIOLATED') : paintCell(color, 'yellow', 'not exercised'),
    i.exercised.toLocaleString('en-US'),
  ]);
  out.push('', renderTable(['invariant', 'status', 'exercised'], rows, ['left', 'left', 'right']));
  if (r.blackBox) out.push('', ...blackBoxLines(r.blackBox));
  const taken = Object.values(r.coverage.transitions).filter((n) => n > 0).length;
  const total = Object.keys(r.coverage.transitions).length;
  const codes = Object.values(r.coverage.codes).filter((n) => n > 0).length;
  const legs = Object.entries(r.coverage.legCounts).map(([k, v]) => `${k}:${v}`).join(' ');
  out.push('', `coverage: ${taken}/${total} transitions, ${codes}/${Object.keys(r.coverage.codes).length} diagnostic codes, closed trades by legs ${legs}`);
  out.push(`reached: ${Object.entries(r.coverage.interesting).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push(`reach matrix: ${reachSummary(r.coverage.reach ?? {}).map((d) => `${d.dimension} ${d.reached}/${d.possible}`).join(', ')} possible cells reached (${IMPOSSIBLE_CELLS.length} cells listed as impossible)`);
  const passed = r.blackBox ? `PASSED: every invariant that applies to this black box held (${r.blackBox.notApplicable.length} not applicable, listed above)` : 'PASSED: every invariant held';
  out.push('', r.status === 'passed' ? paint(color, 'green', passed) : paint(color, 'red', `FAILED: ${r.failures.length} failure signature(s)${r.coverageGaps.length ? `, ${r.coverageGaps.length} coverage gap(s)` : ''}`));
  return out.join('\n');
}

/** The black-box section: what applied and how, what could not and why, and where coverage came from. */
export function blackBoxLines(b: BlackBoxSection): string[] {
  return [
    `black box: ${b.command} (capabilities: ${b.capabilities.length > 0 ? b.capabilities.join(', ') : 'none'})`,
    '',
    renderTable(['applied to it', 'how'], b.applied.map((a) => [a.id, a.how])),
    '',
    renderTable(['not applicable to a black box', 'because'], b.notApplicable.map((n) => [n.id, n.reason])),
    '',
    `coverage of a black box: ${b.coverageNote}`,
  ];
}
