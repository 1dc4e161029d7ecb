// Replaying a saved counterexample on a `--kernel` module runs it in-process (the step table needs the kernel's own
// results) — so a step that loops forever, exits the process or breaks the step contract would hang or end the
// replay (spec/reliability.md R-MOD-021 – R-MOD-024). The guard replays the inputs once in the worker pool under the watchdog
// first; only a module whose steps all return is then replayed in-process.
import { resolve } from 'node:path';
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import { closeGatePool } from './parallel/pool.ts';
import { runGateParallel } from './parallel/runParallel.ts';
import { runParityOnPool } from '../parity/parityOnPool.ts';
import type { Failure } from './result.ts';
import { STEP_CONTRACT_ID, STEP_DEADLINE_MS, STEP_RETURNS_ID } from './stepContract.ts';

/** The watchdog's finding about the module on these inputs (it never returned, or broke the step contract), or null. */
export async function guardedReplay(kernelModule: string, config: KernelConfig, inputs: readonly KernelInput[], file: string, stepDeadlineMs = STEP_DEADLINE_MS): Promise<Failure | null> {
  try {
    const result = await runGateParallel({
      kernelModule: resolve(kernelModule), workers: 1, stepDeadlineMs, config, profile: 'replay', runs: 0, seed: 1, stepCountMax: 1,
      timeBudgetMs: null, determinismRuns: 0, shard: null, enforceCoverage: false, corpus: [{ file, inputs }],
    });
    return result.failures.find((f) => f.invariantId === STEP_RETURNS_ID || f.invariantId === STEP_CONTRACT_ID) ?? null;
  } finally {
    await closeGatePool();
  }
}

/** The same guard for `replay FILE --candidate MODULE` (a parity counterexample): the fault's one-line message, or null. */
export async function guardedParityReplay(candidateModule: string, config: KernelConfig, inputs: readonly KernelInput[], file: string, stepDeadlineMs = STEP_DEADLINE_MS): Promise<string | null> {
  try {
    const { result } = await runParityOnPool({
      candidateModule: resolve(candidateModule), config, runs: 0, seed: 1, stepCountMax: 1, mix: 'core', corpus: [{ file, inputs }],
      policy: { ignore: [], tolerance: [], force: false }, setAside: [], workers: 1, timeBudgetMs: null, stepDeadlineMs,
    });
    return result.findings.find((f) => f.fault !== null)?.fault?.message ?? null;
  } finally {
    await closeGatePool();
  }
}
