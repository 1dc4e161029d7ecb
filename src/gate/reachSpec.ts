// The impossible cells of the reach matrix as the Markdown block spec/invariants.md carries between its
// `reach-impossible` markers (tests/gate/reach.test.ts keeps the two equal; `npx tsx scripts/reachSpec.ts` prints it).
import { IMPOSSIBLE_CELLS } from './reachMatrix.ts';

export function impossibleCellsMarkdown(): string {
  const rows = IMPOSSIBLE_CELLS.map((c) => `| ${c.dimension} | \`${c.key}\` | ${c.impossible?.replace(/\|/g, '\\|') ?? ''} |`);
  return ['| dimension | cell | why it cannot happen |', '| --- | --- | --- |', ...rows].join('\n');
}
