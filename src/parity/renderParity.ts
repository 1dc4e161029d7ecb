// The parity result for people (terminal). Reports take its JSON: `workbench report --parity parity.json`.
import { renderTable } from '../cli/output.ts';
import type { ParityResult } from './runParity.ts';

export function formatParity(r: ParityResult): string {
  const out = [`parity: ${r.candidate} vs reference — seed ${r.seed}, ${r.runsDone}/${r.runsPlanned} runs, ${r.inputsCompared.toLocaleString('en-US')} inputs compared${r.comparedRows ? `, ${r.rowsCompared.toLocaleString('en-US')} rows column by column` : ' (the candidate writes no rows: outcomes, slots and capital compared)'}, mix ${r.mix}`];
  if (r.findings.length === 0) {
    out.push('', 'PARITY: every step agreed');
    return out.join('\n');
  }
  for (const f of r.findings) {
    out.push('');
    if (f.divergence) {
      const d = f.divergence;
      out.push(`✗ ${f.signature}: first divergence at step ${d.step}: ${d.where}${d.row !== null ? ` row ${d.row}` : ''}, column ${d.column}`, '');
      out.push(renderTable(['', 'value'], [['reference', d.reference], ['candidate', d.candidate]]).replace(/^/gm, '  '));
    } else if (f.fault) {
      out.push(`✗ the candidate failed the protocol (${f.fault.kind}): ${f.fault.message}`);
      if (f.fault.stderrTail.trim()) out.push('', '  its stderr (last lines):', ...f.fault.stderrTail.trim().split('\n').slice(-8).map((l) => `    ${l}`));
    }
    out.push('', `  minimal input sequence (shrunk in ${f.shrinks} steps${f.shrinkBounded ? `; ${f.shrinkBounded}` : ''}):`, '');
    out.push(renderTable(['step', 'input'], f.steps.map((s) => [String(s.step), s.input]), ['right']).replace(/^/gm, '  '));
  }
  out.push('', `DIVERGENT: ${r.findings.map((f) => f.signature).join(', ')}`);
  return out.join('\n');
}
