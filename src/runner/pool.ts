// The runners' one worker pool (tinypool): started on first use, kept warm across runs in one process (modules
// loaded, schemas compiled, JIT warm), resized only when a different worker count is asked for. Gate, parity
// and adapter-fuzz tasks all run on it (src/runner/worker.ts dispatches them).
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { onShutdown } from '../cli/shutdown.ts';

let pool: Tinypool | null = null;
let poolThreads = 0;

/** The machine's cores: the default for --workers. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** From the TypeScript sources the worker needs tsx registered first; the built workbench runs worker.js. */
function workerFile(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './worker.bootstrap.mjs' : './worker.js', import.meta.url).href;
}

export function runnerPool(threads: number): Tinypool {
  if (pool && poolThreads === threads) return pool;
  if (pool) void pool.destroy();
  pool = new Tinypool({ filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  poolThreads = threads;
  onShutdown(closeRunnerPool);
  return pool;
}

/** Ends the pool's threads (the CLI calls this before exiting; tests after their last run). */
export async function closeRunnerPool(): Promise<void> {
  const p = pool;
  pool = null;
  poolThreads = 0;
  if (p) await p.destroy();
}
