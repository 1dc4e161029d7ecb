// The coverage section for a reviewer: one line of what was reached, what was not (whether or not this budget
// enforces it), the charts; the long tables collapsed. Pure: Report → Markdown.
import { codeNotTargeted } from './buildReport.ts';
import { chartImage, code, collapsed, formatCount, formatPercent, mdText } from './format.ts';
import { markdownTable } from './markdownTable.ts';
import type { Report } from './model.ts';
import { NEVER_TAKEN_MARK, stateDiagram } from './stateDiagram.ts';

/**
 * The gaps paragraph. Gaps are what the gate enforced and the run missed; a run that does not enforce coverage
 * (smoke budget, a failing run) reports none, so what it did not reach is listed here rather than "none".
 */
export function gapsText(r: Report): string {
  const c = r.coverage;
  if (c.gaps.length > 0) return c.gaps.map((g) => `- ⚠️ ${mdText(g)}`).join('\n');
  const untaken = c.transitions.filter((t) => t.count === 0).map((t) => `${t.from} --${t.trigger}--> ${t.to}`);
  const unreached = c.interesting.filter((x) => x.count === 0).map((x) => x.label);
  const idle = r.invariants.filter((i) => i.status === 'not-exercised').map((i) => i.id);
  if (untaken.length === 0 && unreached.length === 0 && idle.length === 0) return 'None: every declared transition, required situation and invariant was reached.';
  const missed = [
    ...(untaken.length > 0 ? [`- ⚠️ transitions never taken: ${mdText(untaken.join(', '))}`] : []),
    ...(unreached.length > 0 ? [`- ⚠️ situations never reached: ${mdText(unreached.join(', '))}`] : []),
    ...(idle.length > 0 ? [`- ⚠️ invariants never exercised: ${idle.join(', ')}`] : []),
  ];
  return 'Not enforced by this run (the gate enforces coverage on a passing run at the pre-merge or nightly budget, or with ' +
    `${code('--enforce-coverage')}), but not reached:\n\n${missed.join('\n')}`;
}

export function coverageSection(r: Report): string {
  const c = r.coverage;
  const taken = c.transitions.filter((t) => t.count > 0).length;
  const totalTaken = c.transitions.reduce((n, t) => n + t.count, 0);
  const hit = c.codes.filter((x) => x.count > 0).length;
  const closed = c.legCounts.reduce((n, l) => n + l.trades, 0);
  const head = `${taken} of ${c.transitions.length} declared transitions taken, ${hit} of ${c.codes.length} diagnostic codes hit, ` +
    `${formatCount(closed)} trades closed.`;
  const charts = [
    chartImage(r.charts, 'transitions', 'Declared transitions by times taken'), chartImage(r.charts, 'reach', 'Reach matrix cells per dimension'),
    chartImage(r.charts, 'legs', 'Closed trades by number of exit legs'),
  ].filter((x) => x !== '').join('\n');
  const diagram = `### State machine\n\nEach arrow is a declared transition labelled with how often the run took it; ` +
    `${code(NEVER_TAKEN_MARK)} marks one never taken, and the states it leaves from are drawn in red.\n\n` +
    `\`\`\`mermaid\n${stateDiagram(c.transitions)}\n\`\`\`` +
    (c.diagramSvg ? `\n\nFor viewers without Mermaid, the same diagram as an image: ![State machine with transition counts](${encodeURI(c.diagramSvg)})` : '');
  const transitions = markdownTable(['From', 'Trigger', 'To', 'Times taken', 'Share'], c.transitions.map((t) => [
    t.from, t.trigger, t.to, t.count === 0 ? `0 ${NEVER_TAKEN_MARK}` : formatCount(t.count), formatPercent(t.count, totalTaken),
  ]), { align: ['left', 'left', 'left', 'right', 'right'] });
  const codes = markdownTable(['Code', 'Severity', 'Times hit', 'Note'], c.codes.map((x) => [
    code(x.code), x.severity, formatCount(x.count), x.count > 0 ? '' : codeNotTargeted(x.code) ? 'not targeted by the generators' : '⚠️ never hit',
  ]), { align: ['left', 'left', 'right', 'left'] });
  const legs = markdownTable(['Exit legs', 'Closed trades', 'Share'], c.legCounts.map((l) => [l.legs, formatCount(l.trades), formatPercent(l.trades, closed)]), { align: ['right', 'right', 'right'] });
  const interesting = markdownTable(['Situation', 'Times reached'], c.interesting.map((x) => [mdText(x.label), x.count === 0 ? '0 ⚠️' : formatCount(x.count)]), { align: ['left', 'right'] });
  const columns = markdownTable(['Family', 'Columns', 'Read by an invariant', 'Unread', 'Invariants reading it'], c.columns.map((f) => [
    code(f.family), String(f.columns), String(f.read), f.unread.length === 0 ? 'none' : `⚠️ ${f.unread.join(', ')}`, f.invariants.join(', '),
  ]), { align: ['left', 'right', 'right', 'left', 'left'] });
  return [
    `## Coverage\n\n${head}`, `### Coverage gaps\n\n${gapsText(r)}`, ...(charts ? [charts] : []), diagram,
    collapsed('Transitions, diagnostic codes, legs per closed trade, situations, column coverage (tables)', [
      `### Transitions\n\n${transitions}`, `### Diagnostic codes\n\n${codes}`,
      `### Legs per closed trade\n\n${legs}`, `### Situations the generators must reach\n\n${interesting}`,
      `### Column coverage\n\nEvery BLUE column must be read by some invariant (a column no invariant reads can hold anything).\n\n${columns}`,
    ].join('\n\n')),
  ].join('\n\n');
}
