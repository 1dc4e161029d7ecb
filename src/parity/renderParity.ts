// The parity result for people (terminal). Reports take its JSON: `workbench report --parity parity.json`.
import { renderTable } from '../cli/output.ts';
import type { Divergence } from './compare.ts';
import type { ParityResult } from './runParity.ts';

/** Every difference at the divergent step, one line each. */
export function divergenceTable(ds: readonly Divergence[]): string {
  return renderTable(['where', 'row', 'column', 'reference', 'candidate'], ds.map((d) => [d.where, d.key ?? '', d.column, d.reference, d.candidate]));
}

/** The one-line verdict: FAIL naming the candidate, the number of distinct divergences and the first. */
export function parityVerdict(r: ParityResult): string {
  const n = r.findings.length + r.divergencesNotShrunk;
  if (n === 0) return `PARITY: ${r.candidate} agreed with the reference at every step of ${r.runsDone} runs`;
  const f = r.findings[0];
  const first = f ? `${f.signature}${f.divergence ? ` at step ${f.divergence.step} (reference ${f.divergence.reference}, candidate ${f.divergence.candidate})` : ''}` : 'not shrunk';
  return `FAIL: ${r.candidate} diverges from the reference: ${n} distinct divergence${n === 1 ? '' : 's'}; first: ${first}`;
}

/** What a candidate module (not a protocol child) did instead of answering: named by what it did. */
const MODULE_FAULTS = new Set(['threw', 'step_contract', 'step_returns', 'nondeterministic']);

export function formatParity(r: ParityResult): string {
  const out = [`parity: ${r.candidate} vs reference — seed ${r.seed}, ${r.runsDone}/${r.runsPlanned} runs, ${r.inputsCompared.toLocaleString('en-US')} inputs compared${r.comparedRows ? `, ${r.rowsCompared.toLocaleString('en-US')} rows column by column` : ' (the candidate writes no rows: outcomes, commands, slots and capital compared)'}, mix ${r.mix}${r.corpusFiles > 0 ? `, ${r.corpusFiles} corpus file(s) first` : ''}${r.workers ? `, ${r.workers} worker(s)` : ''}${r.interrupted ? ' (time budget reached)' : ''}`];
  out.push(`set aside: ${r.setAside.length > 0 ? r.setAside.join(', ') : 'nothing (every column compared as spec/rows.md says)'}`);
  for (const f of r.findings) {
    out.push('');
    if (f.divergence) {
      out.push(`✗ ${f.signature} (${f.origin === 'corpus' ? 'corpus case' : `${f.occurrences} run${f.occurrences === 1 ? '' : 's'}`}): first divergence at step ${f.divergence.step}`, '');
      out.push(divergenceTable(f.divergences).replace(/^/gm, '  '));
    } else if (f.fault && MODULE_FAULTS.has(f.fault.kind)) {
      out.push(`✗ ${f.signature}: ${f.fault.message}`);
    } else if (f.fault) {
      out.push(`✗ the candidate failed the protocol (${f.fault.kind}): ${f.fault.message}`);
      if (f.fault.stderrTail.trim()) out.push('', '  its stderr (last lines):', ...f.fault.stderrTail.trim().split('\n').slice(-8).map((l) => `    ${l}`));
    }
    out.push('', `  minimal input sequence (shrunk in ${f.shrinks} steps${f.shrinkBounded ? `; ${f.shrinkBounded}` : ''}):`, '');
    out.push(renderTable(['step', 'input'], f.steps.map((s) => [s.step === f.divergence?.step ? `▶${s.step}` : String(s.step), s.input]), ['right']).replace(/^/gm, '  '));
    if (f.replayCommand) out.push('', `  replay: ${f.replayCommand}`);
  }
  if (r.divergencesNotShrunk > 0) out.push('', `… and ${r.divergencesNotShrunk} more distinct signature(s) beyond the cap (counted, not shrunk; raise --max-divergences)`);
  out.push('', parityVerdict(r));
  return out.join('\n');
}
