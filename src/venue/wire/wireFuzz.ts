// `workbench fuzz --venue wire`: the same fuzz, profile and checks, with the venue on loopback. Starts the
// venue, gives the adapter child the venue's URLs and keys in its environment, generates cases whose scripts
// also say how a lost reply looks on the wire, and checks that a failing case replays to the same trace (an
// adapter's own non-determinism is a finding, not a flake).
import fc from 'fast-check';
import { scriptArb, fuzzCaseArb } from '../../adapters/fuzz/arbitraries.ts';
import type { FuzzCase } from '../../adapters/fuzz/fuzzCase.ts';
import { ADAPTER_FUZZ_PROFILE, type FuzzProfile } from '../../adapters/fuzz/profile.ts';
import type { ExecuteCase, FuzzResult } from '../../adapters/fuzz/runFuzz.ts';
import type { AdapterTrace } from '../../adapters/trace.ts';
import { protocolAdapter, type ProtocolAdapter } from '../../protocol/protocolAdapter.ts';
import type { OrderScript, WireLost } from '../simulator/schedule.ts';
import type { PositionMode } from '../simulator/simulator.ts';
import { executeWireCase } from './wireExecutor.ts';
import { WireVenue } from './wireVenue.ts';

/**
 * The adapter-fuzz profile on the wire: fewer runs (each costs real sockets), a real-time call budget, and more
 * non-quote fees. The venue's quantities and prices are short decimals (≤ 8 significant digits), which a float
 * parse round-trips exactly; a client that keeps floats goes wrong where it computes with them, and the fill
 * field it computes is the fee in another asset (n × the BNB price: off in the last digits on ~1 in 4 such
 * fills). At weight 40 a float adapter was caught within 60 runs on 7 of 8 seeds (median ~17 runs); at 70 on
 * 8 of 8 (median ~5). spec/venue.md §7.3.
 */
export const WIRE_FUZZ_PROFILE: FuzzProfile = { ...ADAPTER_FUZZ_PROFILE, weights: { ...ADAPTER_FUZZ_PROFILE.weights, fee: 70 }, name: 'wire-fuzz', runs: 100, callTimeoutMs: 30_000, timeBudgetMs: 1_800_000 };

/**
 * Shrink candidates executed at most, per failing fuzz: each is a real run over sockets (~0.1–0.5 s with a ccxt
 * adapter), and unbounded shrinking of a 40-action case tried more than 2,000 of them (8 min). Counted, not
 * timed, so a replay of the same seed shrinks to the same case on any machine.
 */
export const WIRE_SHRINK_RUNS_MAX = 150;

const LOST: readonly WireLost[] = ['drop', '503_unknown', '1007', '1000', 'hold'];

/** A script plus its wire flavour: every choice shrinks to the dropped connection and to "available". */
export function wireScriptArb(p: FuzzProfile): fc.Arbitrary<OrderScript> {
  const unavailable = fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 100 - Math.min(100, Math.ceil(p.weights.reject / 2)) },
    { arbitrary: fc.constantFrom('service_unavailable' as const, 'internal_error' as const), weight: Math.min(100, Math.ceil(p.weights.reject / 2)) },
  );
  return fc.tuple(scriptArb(p), fc.constantFrom(...LOST), unavailable).map(([s, lost, u]) => ({
    ...s, ...(s.timeout !== 'none' ? { lost } : {}), ...(u !== 'none' ? { unavailable: u } : {}),
  }));
}

export function wireCaseArb(p: FuzzProfile): fc.Arbitrary<FuzzCase> {
  return fuzzCaseArb(p, wireScriptArb(p));
}

/** What a replay must reproduce: every venue request and its outcome, every delivery, every fault. */
export function fingerprint(t: AdapterTrace): string[] {
  return [
    ...t.venueRequests.map((r) => `venue ${r.request.method} ${JSON.stringify(r.request.params)} → ${r.outcome}`),
    ...t.deliveries.map((d) => `kernel ← ${JSON.stringify(d.delivery)}`),
    ...t.faults.map((f) => `fault ${f.kind}`),
  ];
}

export function firstDifference(expected: readonly string[], actual: readonly string[]): string | null {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) return `line ${i + 1}: the run had ${expected[i] ?? '(nothing)'}; the replay had ${actual[i] ?? '(nothing)'}`;
  }
  return null;
}

export interface WireFuzzSetup {
  readonly venue: WireVenue;
  readonly child: ProtocolAdapter;
  readonly execute: ExecuteCase;
  readonly arbitrary: fc.Arbitrary<FuzzCase>;
  /** Fingerprints of every executed case (its first execution), to compare the replay of the shrunk case with. */
  readonly failing: Map<string, string[]>;
  close(): Promise<void>;
}

export async function startWireFuzz(command: string, positionMode: PositionMode, profile: FuzzProfile): Promise<WireFuzzSetup> {
  const venue = await WireVenue.start();
  let child: ProtocolAdapter;
  try {
    // The child's own deadline comes first, so a slow answer kills and restarts it instead of arriving
    // late into the next run (where it would look like a protocol error of an innocent case).
    child = await protocolAdapter(command, Math.max(1, profile.callTimeoutMs - 500), venue.env(positionMode));
  } catch (e) {
    await venue.close();
    throw e;
  }
  const failing = new Map<string, string[]>();
  // One venue and one adapter child: runs must never overlap. fast-check's time budget stops *waiting* for a
  // run without stopping it, so the next execution (the final replay) queues behind the abandoned one.
  let queue: Promise<unknown> = Promise.resolve();
  const execute: ExecuteCase = (c, factory, o) => {
    const next = queue.then(() => executeOne(c, factory, o));
    queue = next.catch(() => undefined);
    return next;
  };
  const executeOne: ExecuteCase = async (c, factory, o) => {
    const trace = await executeWireCase(c, factory, venue, { callTimeoutMs: o.callTimeoutMs, positionMode });
    // The first execution of a case wins: the replay of the shrunk case is compared with it, not with itself.
    const key = JSON.stringify(c);
    if (!failing.has(key)) failing.set(key, fingerprint(trace));
    return trace;
  };
  return {
    venue, child, execute, arbitrary: wireCaseArb(profile), failing,
    async close() {
      await child.close();
      await venue.close();
    },
  };
}

/** Did the shrunk counterexample's replay (made by runAdapterFuzz) reproduce the run it came from? */
export function replayVerdict(result: FuzzResult, failing: ReadonlyMap<string, string[]>): string | null {
  if (result.status !== 'failed') return null;
  const ce = result.counterexample;
  if (!ce) return 'the failing run did not fail again when replayed: the adapter (or its environment) is not deterministic';
  const before = failing.get(JSON.stringify(ce.fuzzCase));
  // The wire fuzz runs on this thread, so its counterexamples keep their trace.
  if (!before || !ce.trace) return null;
  return firstDifference(before, fingerprint(ce.trace));
}
