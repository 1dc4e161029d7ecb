// Gate options from the command line (or a library caller): validated and normalized once, with errors that
// name the option and the value.
import { UsageError } from '../cli/exitCodes.ts';
import { ACTION_KINDS, type ActionKind } from './actions.ts';
import { loadModule, ModuleLoadError } from '../cli/io/loadModule.ts';
import { showValue } from '../cli/showValue.ts';

import { PROFILES, type GateProfile } from './profiles.ts';
import { defaultWorkers } from './parallel/pool.ts';
import { STEP_DEADLINE_MS } from './stepContract.ts';
import { REFERENCE, type SystemUnderTest } from './systemUnderTest.ts';

/** Ranges of the gate's options (spec/reliability.md states them). */
export const SEED_MIN = -(2 ** 31);
export const SEED_MAX = 2 ** 31 - 1;
export const SHARD_COUNT_MAX = 1000;

export interface RawGateOptions {
  readonly profile?: string;
  readonly runs?: string | number;
  readonly seed?: string | number;
  readonly maxSteps?: string | number;
  readonly timeBudget?: string | number;
  readonly shard?: string;
  readonly determinism?: boolean;
  readonly kernel?: string;
  /** A kernel in another process, over the JSON-lines protocol (spec/protocol.md). */
  readonly kernelCmd?: string;
  /** Longest wait for one reply of a --kernel-cmd child (a whole run when it takes batches). */
  readonly timeoutMs?: string | number;
  readonly corpus?: string | false;
  readonly counterexamples?: string;
  /** Action kinds switched off, comma-separated ("stale,breakTwo"). */
  readonly without?: string;
  readonly enforceCoverage?: boolean;
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
  readonly kernelCommand: string | null;
  readonly timeoutMs: number;
  readonly corpusDir: string | null;
  /** The corpus folder was named on the command line: it must exist. */
  readonly corpusNamed: boolean;
  readonly counterexampleDir: string;
  readonly without: readonly ActionKind[];
  /** Coverage is enforced: asked for, or a profile that enforces it at its own budget. */
  readonly enforceCoverage: boolean;
  /** Worker threads for generated runs (the result does not depend on it). */
  readonly workers: number;
  /** The watchdog's limit for one step of a --kernel module (and for loading it). */
  readonly stepDeadlineMs: number;
}

function positiveInt(name: string, value: string | number | undefined, fallback: number, max = 10_000_000): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${name} must be an integer in [1, ${max}], got ${showValue(value)}`);
  return n;
}

export function normalizeGateOptions(raw: RawGateOptions, randomSeed: () => number): GateSettings {
  const name = raw.profile ?? 'pre-merge';
  const profile = PROFILES[name];
  if (!profile) throw new UsageError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got ${showValue(name)}`);
  let seed = profile.seed ?? randomSeed();
  if (raw.seed !== undefined) {
    const s = typeof raw.seed === 'number' ? raw.seed : /^-?\d+$/.test(raw.seed.trim()) ? Number(raw.seed) : NaN;
    if (!Number.isSafeInteger(s) || s < SEED_MIN || s > SEED_MAX) throw new UsageError(`--seed must be an integer in [${SEED_MIN}, ${SEED_MAX}], got ${showValue(raw.seed)}`);
    seed = s;
  }
  let shard: GateSettings['shard'] = null;
  if (raw.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(raw.shard.trim());
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || count < 1 || index < 1 || index > count || count > SHARD_COUNT_MAX) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n ≤ ${SHARD_COUNT_MAX}, got ${showValue(raw.shard)}`);
    shard = { index, count };
  }
  const runs = positiveInt('--runs', raw.runs, profile.runs);
  const without = raw.without === undefined ? [] : raw.without.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const unknown = without.find((k) => !(ACTION_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new UsageError(`--without must name action kinds among ${ACTION_KINDS.join(', ')}, got ${JSON.stringify(unknown)}`);
  if (ACTION_KINDS.every((k) => without.includes(k))) throw new UsageError(`--without must leave at least one action kind on, got ${JSON.stringify(raw.without)}`);
  if (raw.kernel !== undefined && raw.kernelCmd !== undefined) throw new UsageError('give at most one of --kernel <module> and --kernel-cmd <command>');
  if (raw.kernelCmd !== undefined && raw.kernelCmd.trim() === '') throw new UsageError('--kernel-cmd must be a command, got ""');
  const ownBudget = raw.runs === undefined && raw.maxSteps === undefined && raw.timeBudget === undefined;
  return {
    profile, runs, seed, shard,
    stepCountMax: positiveInt('--max-steps', raw.maxSteps, profile.stepCountMax, 10_000),
    timeBudgetMs: positiveInt('--time-budget', raw.timeBudget, profile.timeBudgetMs / 1000, 86_400) * 1000,
    determinismRuns: raw.determinism ? runs : Math.min(profile.determinismRuns, runs),
    kernelModule: raw.kernel ?? null,
    kernelCommand: raw.kernelCmd ?? null,
    timeoutMs: positiveInt('--timeout-ms', raw.timeoutMs, 5000, 600_000),
    corpusDir: raw.corpus === false ? null : raw.corpus ?? 'corpus',
    corpusNamed: typeof raw.corpus === 'string',
    counterexampleDir: raw.counterexamples ?? '.workbench/counterexamples',
    without: without as ActionKind[],
    enforceCoverage: raw.enforceCoverage === true || (profile.enforceCoverage && ownBudget),
    workers: positiveInt('--workers', raw.workers, defaultWorkers(), 256),
    stepDeadlineMs: positiveInt('--step-deadline', raw.stepDeadline, STEP_DEADLINE_MS / 1000, 3600) * 1000,
  };
}

/**
 * Loads a system under test from a module exporting `sut` (or a default export) of that shape; its step is
 * checked on every call (a malformed or async result is a finding about the module).
 */
export async function loadSystem(modulePath: string | null, flag = '--kernel'): Promise<SystemUnderTest> {
  if (modulePath === null) return REFERENCE;
  let mod: Record<string, unknown>;
  try {
    mod = await loadModule(flag, modulePath);
  } catch (e) {
    if (e instanceof ModuleLoadError) throw new UsageError(e.message);
    throw e;
  }
  const sut = (mod['sut'] ?? mod['default']) as Partial<SystemUnderTest> | undefined;
  if (!sut || typeof sut.step !== 'function' || typeof sut.name !== 'string' || (sut.writeRows !== undefined && sut.writeRows !== null && typeof sut.writeRows !== 'function')) {
    throw new UsageError(`${flag} ${modulePath}: must export \`sut\` (or default) = { name, step(state, input), writeRows(records) | null }`);
  }
  // The step's contract (synchronous, a StepResult) is checked on every call by the executor (stepContract.ts).
  return { name: sut.name, step: sut.step, writeRows: sut.writeRows ?? null };
}
