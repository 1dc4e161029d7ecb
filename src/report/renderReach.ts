// The report's reach matrix: a summary per dimension, then each dimension as a table (a two-way grid where the
// cells have two axes), impossible cells marked and their reasons listed. Pure: Report → Markdown.
import type { ReachCellCount } from '../gate/reachSummary.ts';
import { code, formatCount, mdText } from './format.ts';
import { markdownTable } from './markdownTable.ts';
import type { CoverageSection } from './model.ts';

const IMPOSSIBLE_MARK = '—';
const UNREACHED_MARK = '0 ⚠️';

function countCell(c: ReachCellCount | undefined): string {
  if (!c) return '';
  if (c.impossible !== null) return c.count > 0 ? `${formatCount(c.count)} ❌` : IMPOSSIBLE_MARK;
  return c.count === 0 ? UNREACHED_MARK : formatCount(c.count);
}

/** Cells keyed "row/column" (the column is the key's last part) as a grid. */
function grid(cells: readonly ReachCellCount[], rowTitle: string): string {
  const rows: string[] = [];
  const cols: string[] = [];
  const at = new Map<string, ReachCellCount>();
  for (const c of cells) {
    const cut = c.key.lastIndexOf('/');
    const row = c.key.slice(0, cut);
    const col = c.key.slice(cut + 1);
    if (!rows.includes(row)) rows.push(row);
    if (!cols.includes(col)) cols.push(col);
    at.set(`${row}\u0000${col}`, c);
  }
  return markdownTable([rowTitle, ...cols], rows.map((r) => [r, ...cols.map((col) => countCell(at.get(`${r}\u0000${col}`)))]), {
    align: ['left', ...cols.map(() => 'right' as const)],
  });
}

/** Precedence pairs grouped by the earlier rule: 465 pairs would not read as one table. */
function precedenceTable(cells: readonly ReachCellCount[]): string {
  const firsts: string[] = [];
  for (const c of cells) {
    const first = c.key.split('>')[0]!;
    if (!firsts.includes(first)) firsts.push(first);
  }
  const rows = firsts.map((first) => {
    const mine = cells.filter((c) => c.key.startsWith(`${first}>`) && c.impossible === null);
    const reached = mine.filter((c) => c.count > 0);
    const fewest = [...reached].sort((a, b) => a.count - b.count)[0];
    const missing = mine.filter((c) => c.count === 0).map((c) => c.key.split('>')[1]!);
    return [code(first), String(mine.length), String(reached.length), fewest ? `${fewest.key.split('>')[1]} (${formatCount(fewest.count)})` : '', missing.length > 0 ? `⚠️ ${missing.join(', ')}` : ''];
  }).filter((r) => r[1] !== '0');
  return markdownTable(['Earlier rule', 'Later rules it can meet', 'Met', 'Least met (times)', 'Never met'], rows, { align: ['left', 'right', 'right', 'left', 'left'] });
}

export function reachSection(c: CoverageSection): string {
  const reach = c.reach;
  if (!reach) return '## Reach matrix\n\nNot recorded (a result from before the reach matrix).';
  const summary = markdownTable(['Dimension', 'Cells', 'Possible', 'Reached', 'Cannot happen'], reach.dimensions.map((d) => [
    `${code(d.dimension)}: ${mdText(d.title)}`, String(d.possible + d.impossible), String(d.possible), d.reached === d.possible ? String(d.reached) : `${d.reached} ⚠️`, String(d.impossible),
  ]), { align: ['left', 'right', 'right', 'right', 'right'] });
  const of = (d: string) => reach.cells.filter((x) => x.dimension === d);
  const exitSizes = markdownTable(['Exit size', 'Times reached'], of('exitSize').map((x) => [x.key, countCell(x)]), { align: ['left', 'right'] });
  const impossible = reach.cells.filter((x) => x.impossible !== null && x.dimension !== 'precedence').map((x) => `- ${code(`${x.dimension} ${x.key}`)}: ${mdText(x.impossible ?? '')}`);
  const pairsImpossible = reach.cells.filter((x) => x.impossible !== null && x.dimension === 'precedence').length;
  return [
    '## Reach matrix',
    'Each cell is a situation classified from what the kernel was given and the state before the step. The gate fails when a ' +
      `possible cell is never reached; ${code(IMPOSSIBLE_MARK)} marks a cell that cannot happen (reasons below and in spec/invariants.md), ${code('⚠️')} one never reached.`,
    summary,
    `<details>\n<summary>Every dimension as a table</summary>`,
    '### Input kind × order purpose × trade stage before the step', grid(of('stage'), 'Input / purpose'),
    '### EXIT sizes', exitSizes,
    '### Duplicate and late venue events (inputs after the original or the order\'s end)', grid(of('venueRepeat'), 'Event / distance'),
    '### Control mode × intent action', grid(of('modeAction'), 'Mode'),
    '### Several slots on one instrument', grid(of('sameInstrument'), 'Input'),
    '### Rejection rules met together by one intent', precedenceTable(of('precedence')),
    '</details>',
    `<details>\n<summary>Cells that cannot happen (${impossible.length} outside the ${pairsImpossible} rule pairs, which spec/invariants.md lists)</summary>\n\n${impossible.join('\n')}\n\n</details>`,
  ].join('\n\n');
}
