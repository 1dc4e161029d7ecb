// Gate options from the command line (or a library caller): validated and normalized once, with errors that
// name the option and the value.
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../cli/exitCodes.ts';
import { importUserModule } from '../cli/userModule.ts';
import { PROFILES, type GateProfile } from './profiles.ts';
import { defaultWorkers } from './parallel/pool.ts';
import { STEP_DEADLINE_MS } from './stepContract.ts';
import { REFERENCE, type SystemUnderTest } from './systemUnderTest.ts';

export interface RawGateOptions {
  readonly profile?: string;
  readonly runs?: string | number;
  readonly seed?: string | number;
  readonly maxSteps?: string | number;
  readonly timeBudget?: string | number;
  readonly shard?: string;
  readonly determinism?: boolean;
  readonly kernel?: string;
  readonly corpus?: string | false;
  readonly counterexamples?: string;
  readonly workers?: string | number;
  readonly stepDeadline?: string | number;
}

export interface GateSettings {
  readonly profile: GateProfile;
  readonly runs: number;
  readonly seed: number;
  readonly stepCountMax: number;
  readonly timeBudgetMs: number;
  readonly shard: { index: number; count: number } | null;
  readonly determinismRuns: number;
  readonly kernelModule: string | null;
  readonly corpusDir: string | null;
  readonly counterexampleDir: string;
  /** Worker threads for generated runs (the result does not depend on it). */
  readonly workers: number;
  /** The watchdog's limit for one step of a --kernel module (and for loading it). */
  readonly stepDeadlineMs: number;
}

function positiveInt(name: string, value: string | number | undefined, fallback: number, max = 10_000_000): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${name} must be an integer in [1, ${max}], got ${JSON.stringify(value)}`);
  return n;
}

export function normalizeGateOptions(raw: RawGateOptions, randomSeed: () => number): GateSettings {
  const name = raw.profile ?? 'pre-merge';
  const profile = PROFILES[name];
  if (!profile) throw new UsageError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got ${JSON.stringify(name)}`);
  let seed = profile.seed ?? randomSeed();
  if (raw.seed !== undefined) {
    const s = typeof raw.seed === 'number' ? raw.seed : /^-?\d+$/.test(raw.seed.trim()) ? Number(raw.seed) : NaN;
    if (!Number.isSafeInteger(s)) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(raw.seed)}`);
    seed = s;
  }
  let shard: GateSettings['shard'] = null;
  if (raw.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(raw.shard.trim());
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, got ${JSON.stringify(raw.shard)}`);
    shard = { index, count };
  }
  const runs = positiveInt('--runs', raw.runs, profile.runs);
  return {
    profile, runs, seed, shard,
    stepCountMax: positiveInt('--max-steps', raw.maxSteps, profile.stepCountMax, 10_000),
    timeBudgetMs: positiveInt('--time-budget', raw.timeBudget, profile.timeBudgetMs / 1000, 86_400) * 1000,
    determinismRuns: raw.determinism ? runs : Math.min(profile.determinismRuns, runs),
    kernelModule: raw.kernel ?? null,
    corpusDir: raw.corpus === false ? null : raw.corpus ?? 'corpus',
    counterexampleDir: raw.counterexamples ?? '.workbench/counterexamples',
    workers: positiveInt('--workers', raw.workers, defaultWorkers(), 256),
    stepDeadlineMs: positiveInt('--step-deadline', raw.stepDeadline, STEP_DEADLINE_MS / 1000, 3600) * 1000,
  };
}

/** Loads a system under test from a module exporting `sut` (or a default export) of that shape. */
export async function loadSystem(modulePath: string | null): Promise<SystemUnderTest> {
  if (modulePath === null) return REFERENCE;
  const abs = isAbsolute(modulePath) ? modulePath : resolve(modulePath);
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(abs);
  } catch (e) {
    throw new UsageError(`--kernel ${modulePath}: cannot load module (${(e as Error).message.split('\n')[0]})`);
  }
  const sut = (mod['sut'] ?? mod['default']) as Partial<SystemUnderTest> | undefined;
  if (!sut || typeof sut.step !== 'function' || typeof sut.name !== 'string') {
    throw new UsageError(`--kernel ${modulePath}: must export \`sut\` (or default) = { name, step(state, input), writeRows(records) | null }`);
  }
  return { name: sut.name, step: sut.step, writeRows: sut.writeRows ?? null };
}
