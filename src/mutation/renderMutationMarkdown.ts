// reports/mutation.md from a MutationSummary: pure, so the test can pin it; main.ts is the one edge that writes.
import type { MutantLine, MutationSummary } from './summarizeMutants.ts';

export interface MutationReportMeta {
  /** The command that made the report, printed first so anyone can make it again. */
  readonly command: string;
  /** Commands that made the JSON reports a `--from` rendering reads, shown before `command`. */
  readonly partCommands: readonly string[];
  readonly gitCommit: string;
  readonly date: string;
  readonly durationS: number | null;
  readonly concurrency: number | null;
  readonly incremental: boolean;
  /** What the only test is, and what was left out of `mutate`, each a Markdown line. */
  readonly scopeNotes: readonly string[];
  readonly targetPct: number;
}

const MAX_CODE = 140;

/** One line of code fit for a table cell: whitespace collapsed, cut when long, pipes and backticks escaped. */
export function cell(code: string): string {
  let s = code.replace(/\s+/g, ' ').trim();
  if (s.length > MAX_CODE) s = `${s.slice(0, MAX_CODE - 1)}…`;
  if (s === '') return '(empty)';
  const fence = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function pctText(x: number | null): string {
  return x === null ? 'n/a' : `${x.toFixed(2)} %`;
}

function survivorTable(lines: readonly MutantLine[]): string[] {
  const out = ['| line | mutator | status | original | mutated to |', '| ---: | --- | --- | --- | --- |'];
  for (const m of lines) out.push(`| ${m.line}:${m.column} | ${m.mutator} | ${m.status}${m.static ? ' (static)' : ''} | ${cell(m.original)} | ${cell(m.replacement)} |`);
  return out;
}

export function renderMutationMarkdown(s: MutationSummary, meta: MutationReportMeta): string {
  const out: string[] = [];
  out.push('# Mutation score: the gate over the reference kernel and the row writer', '');
  out.push('```sh', ...meta.partCommands, meta.command, '```', '');
  out.push(`Commit \`${meta.gitCommit}\`, ${meta.date}; ${meta.durationS === null ? 'duration not measured' : `${Math.round(meta.durationS)} s`}` +
    `${meta.concurrency === null ? '' : ` at concurrency ${meta.concurrency}`}${meta.incremental ? ' (incremental: unchanged mutants reused from the previous run)' : ''}.`, '');
  for (const n of meta.scopeNotes) out.push(`- ${n}`);
  out.push('');
  const met = s.scoreNonEquivalent !== null && s.scoreNonEquivalent >= meta.targetPct;
  out.push('## Score', '');
  out.push(`**${pctText(s.score)}** of ${s.valid} mutants detected (killed or timed out); **${pctText(s.scoreNonEquivalent)}** of the ` +
    `${s.valid - s.equivalent.length} non-equivalent ones. Target ≥ ${meta.targetPct} % of non-equivalent mutants: ${met ? 'met' : '**not met**'}.`, '');
  const statics = s.survivors.filter((m) => m.static).length;
  if (statics > 0) {
    out.push(`${statics} of the survivors are *static* mutants (module-level initializers, marked \`(static)\` below): they count ` +
      'only if Stryker re-evaluated the module with the mutant active, which is unverified here — several would throw at import ' +
      '(an empty decimal string), so treat them as suspected artifacts until checked.', '');
  }
  if (s.ignored.length > 0) {
    out.push(`${s.counts.Ignored} mutants were not run and are outside the score, each for the reason stated in the source or the configuration:`, '');
    out.push('| file | mutants | why not run |', '| --- | ---: | --- |');
    for (const g of s.ignored) out.push(`| \`${g.file}\` | ${g.count} | ${g.reason.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  out.push('| status | mutants |', '| --- | ---: |');
  for (const [status, n] of Object.entries(s.counts)) if (n > 0 || ['Killed', 'Survived', 'Timeout', 'NoCoverage'].includes(status)) out.push(`| ${status} | ${n} |`);
  out.push(`| total | ${s.total} |`, '');
  out.push('| file | mutants | detected | survived or not covered |', '| --- | ---: | ---: | ---: |');
  for (const f of s.files) out.push(`| \`${f.file}\` | ${f.mutants} | ${f.detected} | ${f.undetected} |`);
  out.push('');
  out.push('## Survivors by file and line', '');
  out.push('Each row is a change to the code that the whole catalogue, run as the gate, did not notice (`NoCoverage`: the ' +
    'gate never executed that code). `SURVIVORS.md` groups them by the invariant that would kill them.', '');
  if (s.survivors.length === 0) out.push('None.', '');
  for (const file of [...new Set(s.survivors.map((m) => m.file))]) {
    const lines = s.survivors.filter((m) => m.file === file);
    out.push(`### \`${file}\` (${lines.length})`, '', ...survivorTable(lines), '');
  }
  out.push('## Equivalent mutants', '');
  out.push('A mutant is equivalent when the mutated program behaves exactly like the original, so no test can kill it. ' +
    'They are listed in `src/mutation/equivalentMutants.ts`, each with its argument, and left out of the non-equivalent score.', '');
  if (s.equivalent.length === 0) {
    out.push('None claimed: every surviving mutant above counts against the score until an invariant kills it or a reviewed argument shows it equivalent.', '');
  } else {
    out.push('| file | line | mutator | original | mutated to | why it is equivalent |', '| --- | ---: | --- | --- | --- | --- |');
    for (const m of s.equivalent) out.push(`| \`${m.file}\` | ${m.line} | ${m.mutator} | ${cell(m.original)} | ${cell(m.replacement)} | ${m.reason.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
