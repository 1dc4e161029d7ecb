// The cost of a wire fuzz: generated runs per second with the venue on loopback (HTTP + WebSocket) for the
// Python polling adapter and the ccxt stream adapter, against the same cases through the in-process pipe
// (the Python JSON-events example over --adapter-cmd). Same seed, same cases per adapter; checks included.
import fc from 'fast-check';
import { fuzzCaseArb } from '../src/adapters/fuzz/arbitraries.ts';
import { ADAPTER_FUZZ_PROFILE } from '../src/adapters/fuzz/profile.ts';
import { checkTrace, checksFor } from '../src/adapters/fuzz/runFuzz.ts';
import { executeCase } from '../src/adapters/executor.ts';
import { protocolAdapter } from '../src/protocol/protocolAdapter.ts';
import { startWireFuzz, WIRE_FUZZ_PROFILE } from '../src/venue/wire/wireFuzz.ts';
import { fmt } from './stats.ts';

const SEED = 20261202;

async function wireRate(command: string, runs: number): Promise<number> {
  const setup = await startWireFuzz(command, 'one-way', WIRE_FUZZ_PROFILE);
  const checks = await checksFor(true);
  const cases = fc.sample(setup.arbitrary, { seed: SEED, numRuns: runs + 1 });
  try {
    await setup.execute(cases[0]!, setup.child.factory, { callTimeoutMs: 10_000 }); // warm-up: module loading
    const t0 = performance.now();
    for (const c of cases.slice(1)) checkTrace(await setup.execute(c, setup.child.factory, { callTimeoutMs: 10_000 }), checks);
    return runs / ((performance.now() - t0) / 1000);
  } finally {
    await setup.close();
  }
}

async function pipeRate(command: string, runs: number): Promise<number> {
  const child = await protocolAdapter(command, 5_000);
  const checks = await checksFor(true);
  const cases = fc.sample(fuzzCaseArb(ADAPTER_FUZZ_PROFILE), { seed: SEED, numRuns: runs + 1 });
  try {
    await executeCase(cases[0]!, child.factory);
    const t0 = performance.now();
    for (const c of cases.slice(1)) checkTrace(await executeCase(c, child.factory), checks);
    return runs / ((performance.now() - t0) / 1000);
  } finally {
    await child.close();
  }
}

export async function main(): Promise<string> {
  const python = await wireRate('python3 examples/python/wire_adapter.py', 60);
  const ccxt = await wireRate('node --import tsx examples/ccxt/ccxtAdapter.ts', 60);
  const pipe = await pipeRate('python3 examples/python/example_adapter.py', 60);
  return `wire fuzz: ${fmt(python, 1)} runs/s (Python urllib polling adapter, 60 runs), ${fmt(ccxt, 2)} runs/s (ccxt binanceusdm + stream, 60 runs); the in-process pipe for comparison: ${fmt(pipe, 1)} runs/s (Python JSON-events example, 60 runs); seed ${SEED}, checks included`;
}

// `npx tsx bench/wire.ts` prints the line (reports/bench-by-hand.md keeps it: each figure needs real sockets).
if (import.meta.url === `file://${process.argv[1]}`) console.log(await main());
