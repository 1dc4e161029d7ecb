// The search half of search-then-shrink, over the pool: every case of the seed's stream, in fixed chunks, read
// back strictly in run order (whatever order the workers finish in), so what a runner concludes from its runs
// does not depend on the worker count. The reader sees each run once, with its index, and may stop the search
// (the fuzz stops at its first failing run; parity reads every run).
import { ChunkScheduler, CHUNK_RUNS } from './chunks.ts';
import { isStalled, type Stalled, type Watchdog } from './watchdog.ts';

export interface SearchSpec<C, R> {
  readonly cases: readonly C[];
  readonly threads: number;
  readonly dog: Watchdog;
  /** Runs per chunk (default 100): fixed, so chunks do not depend on the worker count. */
  readonly chunkRuns?: number;
  /** The task that executes and checks `cases` (starting at run `start`) in a worker; it answers one R per case. */
  readonly chunkTask: (start: number, cases: readonly C[]) => object;
  /** Reads one run's result, in run order; true stops the search. */
  readonly read: (run: R, index: number) => boolean;
  /** After each chunk is read (progress). */
  readonly afterChunk?: () => void;
}

export interface SearchEnd {
  /** The chunk the watchdog stopped (a hung module or the budget): runs from its first on were not read. */
  readonly stall: Stalled | null;
  /** The reader stopped the search. */
  readonly stopped: boolean;
}

export async function searchInOrder<C, R>(s: SearchSpec<C, R>): Promise<SearchEnd> {
  const chunkRuns = s.chunkRuns ?? CHUNK_RUNS;
  const chunks = new ChunkScheduler<R[]>(Math.ceil(s.cases.length / chunkRuns), s.threads, (i) => {
    const start = i * chunkRuns;
    return s.dog.run<R[]>(s.chunkTask(start, s.cases.slice(start, start + chunkRuns)), s.threads);
  }).start();
  let read = 0;
  let stall: Stalled | null = null;
  let stopped = false;
  try {
    while (read < chunks.chunkCount && !stall && !stopped) {
      while (read < chunks.prefix && !stall && !stopped) {
        const r = chunks.results[read]!;
        // A task that threw (not a stall) is a bug of the workbench: surfaced in run order, like a result.
        if (chunks.errorAt.has(read)) throw chunks.errorAt.get(read);
        if (isStalled(r)) {
          stall = r;
          break;
        }
        for (let k = 0; k < r.length && !stopped; k++) stopped = s.read(r[k]!, read * chunkRuns + k);
        read++;
        s.afterChunk?.();
      }
      if (stall || stopped || read >= chunks.chunkCount) break;
      await chunks.progress();
    }
  } finally {
    await chunks.stop();
  }
  return { stall, stopped };
}
