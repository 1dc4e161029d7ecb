// `npm run bench`: runs every benchmark in this folder and prints one line each. Record results in RESULTS.md.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const skip = new Set(['run.ts', 'stats.ts']);
const only = process.argv.slice(2);
for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !skip.has(f)).sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  const mod = (await import(join(here, file))) as { main?: () => Promise<string> | string };
  if (typeof mod.main !== 'function') continue;
  const started = performance.now();
  const line = await mod.main();
  console.log(`${line}   [${file}, ${((performance.now() - started) / 1000).toFixed(1)} s]`);
}
