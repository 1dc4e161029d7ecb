// The parity result for people: a terminal summary and a Markdown section for reports.
import { renderTable } from '../cli/output.ts';
import type { ParityResult } from './runParity.ts';

function escape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function formatParity(r: ParityResult): string {
  const out = [`parity: ${r.candidate} vs reference — seed ${r.seed}, ${r.runsDone}/${r.runsPlanned} runs, ${r.inputsCompared.toLocaleString('en-US')} inputs compared${r.comparedRows ? `, ${r.rowsCompared.toLocaleString('en-US')} rows column by column` : ' (the candidate writes no rows: outcomes, slots and capital compared)'}, mix ${r.mix}`];
  const f = r.finding;
  if (!f) {
    out.push('', 'PARITY: every step agreed');
    return out.join('\n');
  }
  out.push('');
  if (f.divergence) {
    const d = f.divergence;
    out.push(`✗ first divergence at step ${d.step}: ${d.where}${d.row !== null ? ` row ${d.row}` : ''}, column ${d.column}`, '');
    out.push(renderTable(['', 'value'], [['reference', d.reference], ['candidate', d.candidate]]).replace(/^/gm, '  '));
  } else if (f.fault) {
    out.push(`✗ the candidate failed the protocol (${f.fault.kind}): ${f.fault.message}`);
    if (f.fault.stderrTail.trim()) out.push('', '  its stderr (last lines):', ...f.fault.stderrTail.trim().split('\n').slice(-8).map((l) => `    ${l}`));
  }
  out.push('', `  minimal input sequence (shrunk in ${f.shrinks} steps):`, '');
  out.push(renderTable(['step', 'input'], f.steps.map((s) => [String(s.step), s.input]), ['right']).replace(/^/gm, '  '));
  out.push('', `DIVERGENT: ${f.signature}`);
  return out.join('\n');
}

/** A Markdown section for reports: what was compared, and the divergence grouped by its signature. */
export function renderParitySection(r: ParityResult): string {
  const lines = [
    '## Parity with the reference kernel', '',
    `Candidate **${escape(r.candidate)}**: ${r.status === 'parity' ? 'in parity' : '**divergent**'} over ${r.runsDone} generated runs (${r.inputsCompared} inputs, seed ${r.seed}, mix ${r.mix}).`, '',
    '| compared | result |', '| --- | --- |',
    `| outcomes (accepted, code, stage, slot, trade) | ${r.finding?.divergence?.where === 'outcome' ? 'divergent' : 'in parity'} |`,
    `| slot state (size, entry, realized, stage, legs) | ${r.finding?.divergence?.where === 'slot' ? 'divergent' : r.finding?.divergence?.where === 'outcome' ? 'not reached' : 'in parity'} |`,
    `| capital | ${r.finding?.divergence?.where === 'capital' ? 'divergent' : 'in parity'} |`,
    `| rows, column by column | ${!r.comparedRows ? 'not compared (the candidate writes none)' : r.finding?.divergence && !['outcome', 'slot', 'capital'].includes(r.finding.divergence.where) ? 'divergent' : 'in parity'} |`,
  ];
  const f = r.finding;
  if (f) {
    lines.push('', `### Divergence \`${escape(f.signature)}\``, '');
    if (f.divergence) {
      const d = f.divergence;
      lines.push(`First at step ${d.step}, ${escape(d.where)}${d.row !== null ? ` row ${d.row}` : ''}, column \`${escape(d.column)}\`: reference \`${escape(d.reference)}\`, candidate \`${escape(d.candidate)}\`.`, '');
    } else if (f.fault) {
      lines.push(`Protocol fault (${f.fault.kind}): ${escape(f.fault.message)}`, '');
    }
    lines.push('| step | input |', '| ---: | --- |', ...f.steps.map((s) => `| ${s.step} | ${escape(s.input)} |`));
  }
  return `${lines.join('\n')}\n`;
}
