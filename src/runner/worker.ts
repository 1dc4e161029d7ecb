// The runners' worker thread: one entry for the pool, dispatching each task to its runner's handler — the
// gate's (src/gate/parallel/worker.ts), parity's and the adapter fuzz's (src/runner/tasks/). A module under
// test is loaded once per thread and stays warm across tasks.
import runGateTask from '../gate/parallel/worker.ts';
import type { Task as GateTask } from '../gate/parallel/tasks.ts';
import { runFuzzTask, type FuzzTask } from './tasks/fuzzTasks.ts';
import { runParityTask, type ParityTask } from './tasks/parityTasks.ts';

export type RunnerTask = GateTask | ParityTask | FuzzTask;

export default async function runTask(t: RunnerTask): Promise<unknown> {
  if (t.kind.startsWith('parity-')) return runParityTask(t as ParityTask);
  if (t.kind.startsWith('fuzz-')) return runFuzzTask(t as FuzzTask);
  return runGateTask(t as GateTask);
}
