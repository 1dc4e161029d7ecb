// Prints the reach matrix's impossible cells as the Markdown block of spec/invariants.md (between the
// `reach-impossible` markers): `npx tsx scripts/reachSpec.ts`.
import { impossibleCellsMarkdown } from '../src/gate/reachSpec.ts';

process.stdout.write(`${impossibleCellsMarkdown()}\n`);
