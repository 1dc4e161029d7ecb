// Real gate runs for the report tests: the reference kernel, and a planted regression (a writer that drops
// trade_exit_legs.pnl_leg), small enough to run in a second. The clock is injected so times differ on purpose.
import type { RowsByFamily } from '../../src/invariants/invariant.ts';
import type { GateResult } from '../../src/gate/result.ts';
import { runGate } from '../../src/gate/runner.ts';
import { GATE_CONFIG, REFERENCE, type SystemUnderTest } from '../../src/gate/systemUnderTest.ts';

export const DROPS_PNL_LEG: SystemUnderTest = {
  name: 'drops-pnl-leg',
  step: REFERENCE.step,
  writeRows: (records) => {
    const rows = REFERENCE.writeRows!(records) as Record<string, readonly Record<string, unknown>[]>;
    const legs = (rows['trade_exit_legs'] ?? []).map(({ pnl_leg: _dropped, ...rest }) => rest);
    return { ...rows, trade_exit_legs: legs } as RowsByFamily;
  },
};

let tick = 0;
/** A gate run; `startedAt` and the elapsed time differ on every call, the facts do not. */
export function gateRun(sut: SystemUnderTest = REFERENCE, runs = 120, seed = 7): GateResult {
  tick++;
  let now = tick * 1000;
  return runGate({
    sut, config: GATE_CONFIG, profile: 'test', runs, seed, stepCountMax: 50, timeBudgetMs: null, determinismRuns: 5, shard: null,
    enforceCoverage: false, maxFailures: 3, clock: () => (now += 37 * tick),
    meta: { startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, tick)).toISOString(), gitCommit: '0123456789abcdef0123456789abcdef01234567', workbenchVersion: '0.1.0', nodeVersion: 'v20.0.0' },
  });
}
