// Run scheduling over the pool: a run's cases are cut into fixed chunks (their size never depends on the
// worker count, so neither does the result), launched in order with one more in flight than there are
// threads, and consumed in order: `prefix` is how many chunks from the first have finished.
import type { Stalled } from './watchdog.ts';

export const CHUNK_RUNS = 100;

export class ChunkScheduler<R> {
  readonly results: (R | Stalled | undefined)[];
  prefix = 0;
  error: unknown = null;
  /** Chunks whose task threw (a bug, not a stall), by index. */
  readonly errorAt = new Map<number, unknown>();
  private next = 0;
  private inFlight = 0;
  private stopped = false;
  private readonly waiters: (() => void)[] = [];
  private readonly pending: Promise<void>[] = [];

  constructor(
    readonly chunkCount: number, private readonly threads: number,
    private readonly launchChunk: (index: number) => Promise<R | Stalled>,
    /** Called as the finished prefix grows (not after stop). */
    private readonly onPrefix?: (prefix: number) => void,
    /** What a chunk whose task threw (not a stall) reads as, so later chunks are not waited for in vain. */
    private readonly failedChunk: (index: number) => Stalled = () => ({ stalled: true, why: 'exited', run: null, step: null, inputs: [], stuckMs: 0 }),
  ) {
    this.results = new Array<R | Stalled | undefined>(chunkCount);
  }

  start(): this {
    this.launch();
    return this;
  }

  private launch(): void {
    while (!this.stopped && this.inFlight < this.threads + 1 && this.next < this.chunkCount) {
      const i = this.next++;
      this.inFlight++;
      const p = this.launchChunk(i).then((r) => {
        this.results[i] = r;
      }, (e: unknown) => {
        this.results[i] = this.failedChunk(i);
        this.errorAt.set(i, e);
        this.error ??= e;
      }).finally(() => {
        this.inFlight--;
        while (this.prefix < this.chunkCount && this.results[this.prefix] !== undefined) this.prefix++;
        if (!this.stopped) this.onPrefix?.(this.prefix);
        this.waiters.splice(0).forEach((w) => w());
        this.launch();
      });
      this.pending.push(p);
    }
  }

  get done(): boolean {
    return this.prefix >= this.chunkCount;
  }

  /** Resolves when any chunk finishes. */
  progress(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Stops launching; resolves once the chunks in flight have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.pending);
  }
}
