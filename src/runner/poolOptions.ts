// The options every pooled command shares (`parity --candidate`, `fuzz --adapter`; the gate has its own in
// src/gate/options.ts with the same names and ranges): worker count, time budget, watchdog deadline.
import type { Command } from 'commander';
import { UsageError } from '../cli/exitCodes.ts';
import { showValue } from '../cli/showValue.ts';
import { STEP_DEADLINE_MS } from '../gate/stepContract.ts';
import { defaultWorkers } from './pool.ts';

export interface RawPoolOptions {
  readonly workers?: string;
  readonly timeBudget?: string;
  readonly stepDeadline?: string;
}

export interface PoolSettings {
  readonly workers: number;
  /** Null: no budget of the command's own (the fuzz then keeps its profile's). */
  readonly timeBudgetMs: number | null;
  readonly stepDeadlineMs: number;
}

function positiveInt(name: string, raw: string, max: number): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${name} must be an integer in [1, ${max}], got ${showValue(raw)}`);
  return n;
}

export function addPoolOptions(cmd: Command, module: string): Command {
  return cmd
    .option('--workers <n>', `worker threads for a ${module} (default: the machine's cores); the result is the same for any count`)
    .option('--time-budget <seconds>', 'stop after this long; what ran is reported (a step still stuck then is a finding)')
    .option('--step-deadline <seconds>', `a ${module}'s step or call (or its loading) silent this long is a finding: it never returns (default ${STEP_DEADLINE_MS / 1000})`);
}

export function poolSettings(raw: RawPoolOptions): PoolSettings {
  return {
    workers: raw.workers === undefined ? defaultWorkers() : positiveInt('--workers', raw.workers, 256),
    timeBudgetMs: raw.timeBudget === undefined ? null : positiveInt('--time-budget', raw.timeBudget, 86_400) * 1000,
    stepDeadlineMs: raw.stepDeadline === undefined ? STEP_DEADLINE_MS : positiveInt('--step-deadline', raw.stepDeadline, 3600) * 1000,
  };
}
