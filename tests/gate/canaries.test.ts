// Canaries of issue 10: one broken system per realistic defect, at least two per class of the issue (1 the oracle
// believes the kernel, 2 unread columns and outputs, 3 bounds where the spec fixes a value, 4 situations the
// generators never make), each to be caught by the pre-merge profile with a counterexample of ≤ 6 inputs.
//
// FOR THE INTEGRATOR: these tests FAIL on branch issue-10m, on purpose. The catalogue of that branch (the one
// before the ledger model, column coverage, exactness and the reach matrix) passes every canary below: verified
// with `npx workbench gate --kernel tests/fixtures/broken/<name>.ts` (pre-merge, exit 0 for all fourteen; see
// tests/fixtures/broken/CANARIES.md). They turn green when the new invariants land. `expect` lists, per canary,
// the invariant-ID prefixes that may catch it; if the catalogue catches one under another ID, judge whether that
// ID is the right one and edit the row, do not delete it. Do not mark them `it.fails`/`it.skip`.
import { describe, expect, it } from 'vitest';
import { GATE_CONFIG, PROFILES, runGate, type SystemUnderTest } from '../../src/gate/index.ts';

interface Canary {
  readonly fixture: string;
  readonly cls: 1 | 2 | 3 | 4;
  readonly layer: 'kernel' | 'writer';
  /** Invariant-ID prefixes, any of which is a correct catch. */
  readonly expect: readonly string[];
}

export const CANARIES: readonly Canary[] = [
  { fixture: 'feeSignFlipped', cls: 1, layer: 'kernel', expect: ['INV-M-'] },
  { fixture: 'fillPriceFromOrder', cls: 1, layer: 'kernel', expect: ['INV-M-'] },
  { fixture: 'outcomeIntentIdIsTradeId', cls: 2, layer: 'writer', expect: ['INV-M-', 'INV-R-'] },
  { fixture: 'legExitPriceIsReference', cls: 2, layer: 'writer', expect: ['INV-M-', 'INV-R-'] },
  { fixture: 'fillsLateFlagDropped', cls: 2, layer: 'writer', expect: ['INV-M-', 'INV-R-'] },
  { fixture: 'reduceOnlyAcceptsEnter', cls: 2, layer: 'kernel', expect: ['INV-M-'] },
  { fixture: 'exitCommandNotReduceOnly', cls: 2, layer: 'kernel', expect: ['INV-M-'] },
  { fixture: 'clampedExitOneStepShort', cls: 3, layer: 'kernel', expect: ['INV-M-', 'INV-K-NO-OVERSELL'] },
  { fixture: 'residueIgnoresMinNotional', cls: 3, layer: 'kernel', expect: ['INV-M-'] },
  { fixture: 'exactRemainderFlaggedClamped', cls: 3, layer: 'kernel', expect: ['INV-M-'] },
  { fixture: 'reentryChainedFromIdle', cls: 3, layer: 'kernel', expect: ['INV-K-DECLARED-TRANSITIONS', 'INV-M-'] },
  // A duplicate of a fill older than its order's last two, while the order can still take quantity: made by
  // dupFill's `back` choice (reach cell venueRepeat:duplicate-fill-age/older/open).
  { fixture: 'dedupeWindowPerOrder', cls: 4, layer: 'kernel', expect: ['INV-M-', 'INV-K-'] },
  { fixture: 'lateEndOverwritesFilled', cls: 4, layer: 'kernel', expect: ['INV-M-', 'INV-A-TERMINAL-FINAL', 'INV-K-'] },
  { fixture: 'residueAtMinNotionalAbsorbed', cls: 4, layer: 'kernel', expect: ['INV-M-'] },
];

const PRE_MERGE = PROFILES['pre-merge']!;

function preMerge(sut: SystemUnderTest) {
  // No corpus: its cases are replayed unshrunk and would answer first; the claim is that generation finds and
  // shrinks each canary.
  return runGate({
    sut, config: GATE_CONFIG, profile: PRE_MERGE.name, runs: PRE_MERGE.runs, seed: PRE_MERGE.seed as number, stepCountMax: PRE_MERGE.stepCountMax,
    timeBudgetMs: PRE_MERGE.timeBudgetMs, determinismRuns: PRE_MERGE.determinismRuns, shard: null, corpus: [], enforceCoverage: true,
    // The first distinct failure is enough: searching for a second would cost a whole pre-merge run per canary.
    maxFailures: 1,
  });
}

describe('canaries: the pre-merge gate catches each class of missed defect', () => {
  it('has at least two canaries per class, and kernel and writer defects both', () => {
    for (const cls of [1, 2, 3, 4] as const) expect(CANARIES.filter((c) => c.cls === cls).length, `class ${cls}`).toBeGreaterThanOrEqual(2);
    expect(new Set(CANARIES.map((c) => c.layer))).toEqual(new Set(['kernel', 'writer']));
    expect(CANARIES.length).toBeGreaterThanOrEqual(12);
  });

  for (const c of CANARIES) {
    it(`${c.fixture} (class ${c.cls}, ${c.layer}) fails ${c.expect.join(' or ')}, shrunk to ≤ 6 inputs`, async () => {
      const { sut } = (await import(`../fixtures/broken/${c.fixture}.ts`)) as { sut: SystemUnderTest };
      const result = preMerge(sut);
      expect(result.status).toBe('failed');
      const caught = result.failures.filter((f) => c.expect.some((p) => f.invariantId.startsWith(p)));
      expect(caught.map((f) => f.invariantId), `violations found: ${result.failures.map((f) => f.invariantId).join(', ') || 'none'}`).not.toEqual([]);
      const failure = caught[0]!;
      expect(failure.counterexample.inputs.length, failure.counterexample.steps.map((s) => `${s.step} ${s.input} → ${s.outcome}`).join('\n')).toBeLessThanOrEqual(6);
    }, 600_000);
  }
});
