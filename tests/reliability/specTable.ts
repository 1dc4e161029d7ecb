// The catalogue's table row for a case, as spec/reliability.md holds it (`npx tsx tests/reliability/specTable.ts`
// prints the whole table, to paste when a case is added).
import type { Case } from './case.ts';

export function catalogueRow(c: Case): string {
  return `| ${c.id} | ${c.kind} | ${c.title.replace(/\|/g, '\\|')} |`;
}

if (process.argv[1]?.endsWith('specTable.ts')) {
  const { CASES } = await import('./catalogue.ts');
  process.stdout.write(['| ID | kind | case → expected |', '| --- | --- | --- |', ...CASES.map(catalogueRow)].join('\n') + '\n');
}
