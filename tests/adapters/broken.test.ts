// Every broken adapter fixture is caught, under the invariant that names its mistake, with a short shrunk
// counterexample that replays to the same finding. Adapters that throw, hang or answer nonsense are findings.
import { describe, expect, it } from 'vitest';
import type { AdapterFactory } from '../../src/adapters/contract.ts';
import { ADAPTER_FUZZ_PROFILE } from '../../src/adapters/fuzz/profile.ts';
import { replayCase, runAdapterFuzz } from '../../src/adapters/fuzz/runFuzz.ts';

const FIXTURES: readonly [file: string, invariant: string][] = [
  ['no-dedupe', 'INV-A-EXEC-ONCE'],
  ['cumulative-as-increment', 'INV-A-CUM-WITHIN-ORDER'],
  ['rounds-quantity', 'INV-A-GRID'],
  ['resubmits-after-timeout', 'INV-A-UNKNOWN-NOT-FAILED'],
  ['drops-fill-before-ack', 'INV-A-EXEC-ONCE'],
  ['canceled-means-unfilled', 'INV-A-FILLS-COUNT'],
  ['throws', 'INV-A-ANSWERS'],
  ['hangs', 'INV-A-ANSWERS'],
  ['nonsense', 'INV-A-ANSWERS'],
];

async function factoryOf(file: string): Promise<AdapterFactory> {
  const mod = (await import(`../fixtures/adapters/${file}.ts`)) as { createAdapter: AdapterFactory };
  return mod.createAdapter;
}

// A hanging adapter costs one timeout per shrink step: keep it short here.
const PROFILE = { ...ADAPTER_FUZZ_PROFILE, callTimeoutMs: 25 };

describe('broken adapters are caught', () => {
  for (const [file, invariant] of FIXTURES) {
    it(`${file}: ${invariant}, shrunk and replayable`, async () => {
      const factory = await factoryOf(file);
      const result = await runAdapterFuzz(factory, { seed: 1, runs: ADAPTER_FUZZ_PROFILE.runs, profile: PROFILE });
      expect(result.status).toBe('failed');
      const ce = result.counterexample;
      if (!ce) throw new Error('no counterexample');
      expect(ce.primary).toBe(invariant);
      expect(ce.fuzzCase.actions.length).toBeLessThanOrEqual(4);
      expect(ce.fuzzCase.scripts.length).toBeLessThanOrEqual(2);
      expect(result.conformance.find((c) => c.id === invariant)?.status).toBe('violated');
      const again = await replayCase(ce.fuzzCase, factory, PROFILE);
      expect('primary' in again && again.primary).toBe(invariant);
    });
  }
});
