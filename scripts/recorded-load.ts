// Writes the recorded-load fixture: the rows of a gate run (seeded), one strategy per generated run.
// Usage: npx tsx scripts/recorded-load.ts --runs 120 --seed 1 --out tests/fixtures/recorded-load
import { parseArgs } from 'node:util';
import { writeRecordedLoad } from '../src/audit/recordedLoad.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '120' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'tests/fixtures/recorded-load' } } });
const counts = writeRecordedLoad({ dir: values.out, runs: Number(values.runs), seed: Number(values.seed) });
process.stdout.write(`${values.out}: ${Object.entries(counts).map(([f, n]) => `${f} ${n}`).join(', ')}\n`);
