// Child of bench/audit.ts: one audit in a fresh process, so its peak RSS is the audit's alone. Prints JSON.
// Usage: node --import tsx bench/auditChild.ts rows DIR | clickhouse URL DATABASE
import { runAudit } from '../src/audit/runAudit.ts';
import { tableNames } from '../src/audit/source.ts';

async function runChild(kind: string | undefined, a: string | undefined, b: string | undefined): Promise<void> {
  let heapPeak = 0;
  const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 20);
  const started = performance.now();
  const r = kind === 'rows'
    ? await runAudit({ kind: 'rows', dir: a! }, {})
    : await runAudit({ kind: 'clickhouse', url: a!, database: b!, tables: tableNames('', {}) }, {});
  const ms = performance.now() - started;
  clearInterval(sampler);
  const rows = Object.values(r.rowsRead).reduce((x, y) => x + y, 0);
  process.stdout.write(`${JSON.stringify({ status: r.status, violations: r.violationCount, rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 2 ** 20 })}\n`);
}

// `npm run bench` imports every file here: run only when started as the child, never on import.
if (process.argv[1]?.endsWith('auditChild.ts')) {
  const [kind, a, b] = process.argv.slice(2);
  await runChild(kind, a, b);
}
