import fc from 'fast-check';
import { timelineOf } from '../src/adapters/fuzz/timeline.ts';
import { startWireFuzz, WIRE_FUZZ_PROFILE } from '../src/venue/wire/wireFuzz.ts';
const setup = await startWireFuzz(process.env.CMD ?? 'node --import tsx examples/ccxt/ccxtAdapter.ts', 'one-way', WIRE_FUZZ_PROFILE);
const cases = fc.sample(setup.arbitrary, { seed: Number(process.argv[2] ?? 1), numRuns: Number(process.argv[3] ?? 3) });
for (const c of cases) {
  const t0 = performance.now();
  const trace = await setup.execute(c, setup.child.factory, { callTimeoutMs: 10000 });
  const t1 = performance.now();
  let prev = 0; const slow: string[] = [];
  if (process.argv[4]) for (const r of timelineOf(trace)) console.log(r.tMs, r.flow, r.message.slice(0, 150), r.kernel);
  console.log(`run: ${(t1 - t0).toFixed(0)} ms, ${c.actions.length} actions, ${trace.calls.length} calls, ${trace.venueRequests.length} order requests, faults ${trace.faults.map((f) => f.message).join('; ')}`);
}
await setup.close();
