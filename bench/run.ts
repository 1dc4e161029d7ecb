// `npm run bench`: every figure of issue 13 in one process (ratios are computed inside one run, round by round),
// written to reports/bench.md and its JSON twin reports/bench.json. `npm run bench -- --quick` runs fewer rounds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchGateWall, benchHelp, ensureBuilt } from './cli.ts';
import { benchChecked, benchFirstFailure, benchGateSubset, PEER_SUBSET } from './gate.ts';
import { benchKernel } from './kernel.ts';
import { benchPeer } from './peer.ts';
import { benchProtocol } from './protocol.ts';
import { benchBlackBoxPreMerge, benchBlackBoxThroughput } from './blackBox.ts';
import { renderBench, type BenchReport } from './report.ts';

const root = join(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const loadBefore = loadavg();
const started = new Date().toISOString();
log('kernel (current vs baseline vs decimal floor)');
const kernel = await benchKernel(root, quick ? 4 : 7);
log('checked throughput vs raw kernel');
const checked = benchChecked(quick ? 400 : 1000, quick ? 3 : 5);
log('first failure → minimal counterexample');
const firstFailure = await benchFirstFailure(root, quick ? 1 : 3);
log('peer: Hypothesis state machine');
const peer = benchPeer(root, quick ? 50 : 200, quick ? 1 : 3);
const gateSubset = benchGateSubset(quick ? 400 : 1000, quick ? 1 : 3);
log('CLI: build, --help, gate wall with 1 and all workers');
ensureBuilt(root);
const help = benchHelp(root, quick ? 3 : 7);
const cores = availableParallelism();
const gateOne = benchGateWall(root, 1, quick ? 1 : 2);
const gateAll = benchGateWall(root, cores, quick ? 1 : 2);
log('protocol round trips');
const protocol = await benchProtocol();
log('the gate through a Python kernel child (issue 16)');
const blackBox = { ...benchBlackBoxThroughput(root, quick ? 100 : 300, quick ? 1 : 3), preMerge: quick ? null : benchBlackBoxPreMerge(root) };

const report: BenchReport = {
  version: 1,
  startedAt: started,
  commit: commit(),
  machine: { cores, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, loadBefore, loadAfter: loadavg() },
  kernel, checked, firstFailure, peer: { ...peer, gateSubset, subset: PEER_SUBSET }, help, gateOne, gateAll, protocol, blackBox,
};
mkdirSync(join(root, 'reports'), { recursive: true });
writeFileSync(join(root, 'reports/bench.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(root, 'reports/bench.md'), renderBench(report));
log('wrote reports/bench.md and reports/bench.json');
