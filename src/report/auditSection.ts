// The report's audit section: what production recorded, checked by `workbench audit`, grouped by invariant.
// Pure: an AuditResult in, Markdown out.
import type { AuditResult } from '../audit/runAudit.ts';
import { code, formatCount, mdText } from './format.ts';
import { markdownTable } from './markdownTable.ts';

const MARK = { held: '✅ held', violated: '❌ violated', 'not-run': '⚠️ not run' } as const;
/** Violations listed per invariant; the rest are counted. */
export const AUDIT_SHOWN_PER_CHECK = 10;

function filtersText(r: AuditResult): string {
  const f = r.filters;
  const parts = [f.strategy !== undefined ? `strategy ${f.strategy}` : 'every strategy', f.from !== undefined || f.to !== undefined ? `dates ${f.from ?? '…'} to ${f.to ?? '…'}` : 'every date'];
  return parts.join(', ');
}

export function auditSection(r: AuditResult): string {
  const rowsTotal = Object.values(r.rowsRead).reduce((a, b) => a + b, 0);
  const held = r.checks.filter((c) => c.status === 'held').length;
  const out: string[] = [
    '## Audit of recorded rows',
    '',
    ...(r.command !== undefined ? [`> Audited by: ${code(r.command)}`, ''] : []),
    `**${r.status === 'clean' ? '✅ clean' : '❌ violations'}** — ${held} of ${r.checks.length} audit invariants held over ${formatCount(rowsTotal)} recorded rows ` +
      `(${mdText(r.source)}; ${filtersText(r)}); ${formatCount(r.violationCount)} violation${r.violationCount === 1 ? '' : 's'}. ` +
      'Money columns are read back at 8 places (spec/audit.md §2).',
    '',
    markdownTable(['family', 'rows read'], Object.entries(r.rowsRead).map(([f, n]) => [code(f), formatCount(n)]), { align: ['left', 'right'] }),
    '',
    markdownTable(['invariant', 'what it states', 'status', 'checked', 'violations'],
      r.checks.map((c) => [code(c.id), mdText(c.title), MARK[c.status], formatCount(c.checked), formatCount(c.violationCount)]), { align: ['left', 'left', 'left', 'right', 'right'] }),
  ];
  for (const c of r.checks) {
    if (c.status === 'not-run') out.push('', `### ${mdText(c.id)} — ${mdText(c.title)}`, '', mdText(c.note));
    if (c.violationCount === 0) continue;
    out.push('', `### ${mdText(c.id)} — ${mdText(c.title)}`, '');
    out.push(markdownTable(['family', 'key', 'columns', 'recorded', 'expected'],
      c.violations.slice(0, AUDIT_SHOWN_PER_CHECK).map((v) => [code(v.family), code(v.key), v.columns.map(code).join(', '), mdText(v.recorded), mdText(v.expected)])));
    const more = c.violationCount - Math.min(c.violationCount, AUDIT_SHOWN_PER_CHECK);
    if (more > 0) out.push('', `…and ${formatCount(more)} more.`);
  }
  return out.join('\n');
}

