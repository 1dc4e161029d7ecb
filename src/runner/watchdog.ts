// The watchdog over the runners' pool: a task runs in a worker thread; the module under test posts a heartbeat
// before each step (or adapter call). A task silent past its deadline, a thread that ended (process.exit, a
// crash) or the run's time budget running out ends the task as Stalled — a finding or an interruption, never
// a hang of the workbench.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runnerPool } from './pool.ts';

/** What the worker posts before each step: which run, which step, and the input it is about to hand over. */
export interface Heartbeat {
  readonly run: number;
  readonly step: number;
  readonly input: unknown;
}

/** A task the watchdog stopped: the step that never returned, with the inputs of its run up to it. */
export interface Stalled {
  readonly stalled: true;
  readonly why: 'deadline' | 'budget' | 'exited';
  readonly run: number | null;
  readonly step: number | null;
  readonly inputs: readonly unknown[];
  /** How long the current step had been running when the task was stopped. */
  readonly stuckMs: number;
}

export function isStalled(x: unknown): x is Stalled {
  return typeof x === 'object' && x !== null && (x as Stalled).stalled === true;
}

/** Loading a module (a thread's first task: tsx compiling it) may take longer than a step. */
export const LOAD_DEADLINE_MIN_MS = 15_000;

/** At the budget's end, a watched step already stuck this long is reported as not returning. */
const STUCK_AT_BUDGET_MS = 1000;

/** A stall is a finding about the module unless the budget merely ran out while it was still answering. */
export function isFinding(s: Stalled, watched: boolean): boolean {
  return s.why !== 'budget' || (watched && s.step !== null && s.stuckMs >= STUCK_AT_BUDGET_MS);
}

/** tinypool's error when the worker thread ended while running a task (process.exit in the module, a crash). */
export function isThreadExit(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /worker (exited|terminated)|Terminating worker thread|exited with code/i.test(m);
}

/** How a stall reads in a finding's message: what the module did, and where. */
export function describeStall(s: Stalled, deadlineMs: number, what: 'step' | 'call'): { did: string; at: string } {
  const limitS = (s.step === null ? Math.max(deadlineMs, LOAD_DEADLINE_MIN_MS) : deadlineMs) / 1000;
  const did = s.why === 'exited'
    ? 'ended its worker thread (process.exit or a crash) instead of returning'
    : s.why === 'budget' ? 'had not returned when the time budget ran out' : `did not return within ${limitS} s (loops forever or blocks)`;
  const run = s.run !== null && s.run < 0 ? `corpus file ${-s.run}` : `run ${s.run ?? '-'}`;
  const at = s.step === null ? 'while loading the module (a top-level await that never settles?)' : `at ${what} ${s.step} of ${run}`;
  return { did, at };
}

export class Watchdog {
  private readonly loadDeadlineMs: number;

  constructor(
    private readonly watched: boolean, private readonly deadlineMs: number, private readonly budgetEnd: number | null,
    private readonly clock: () => number,
  ) {
    this.loadDeadlineMs = Math.max(deadlineMs, LOAD_DEADLINE_MIN_MS);
  }

  /** Runs a task on the pool; a stall (no heartbeat within the deadline), the budget or a dead thread ends it. */
  async run<T>(task: object, threads: number): Promise<T | Stalled> {
    const pool = runnerPool(threads);
    const controller = new AbortController();
    let why: Stalled['why'] | null = null;
    let last = this.clock();
    let run: number | null = null;
    let step: number | null = null;
    let inputs: unknown[] = [];
    const channel = this.watched ? new MessageChannel() : null;
    let loaded = false;
    channel?.port1.on('message', (hb: Heartbeat | 'loaded') => {
      last = this.clock();
      if (hb === 'loaded') {
        loaded = true;
        return;
      }
      // A new run, or a step 0 (the next shrink candidate of the same run): the inputs so far are another run's.
      if (hb.run !== run || hb.step === 0) {
        run = hb.run;
        inputs = [];
      }
      step = hb.step;
      inputs.push(hb.input);
    });
    const timer = setInterval(() => {
      const now = this.clock();
      if (this.budgetEnd !== null && now > this.budgetEnd) why = 'budget';
      else if (this.watched && now - last > (loaded ? this.deadlineMs : this.loadDeadlineMs)) why = 'deadline';
      if (why) controller.abort();
    }, 50);
    try {
      const full: { port?: MessagePort } = { ...task, ...(channel ? { port: channel.port2 } : {}) };
      return (await pool.run(full, { signal: controller.signal, ...(channel ? { transferList: [channel.port2] } : {}) })) as T;
    } catch (e) {
      if (why || (this.watched && isThreadExit(e))) return { stalled: true, why: why ?? 'exited', run, step, inputs, stuckMs: this.clock() - last };
      throw e;
    } finally {
      clearInterval(timer);
      channel?.port1.close();
    }
  }
}
