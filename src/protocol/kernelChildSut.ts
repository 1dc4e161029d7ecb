// A kernel child as the gate's system under test (`--kernel-cmd`): a synchronous facade over the thread that owns
// the child (kernelChildWorker.ts, through synckit), so the gate's synchronous runner, its shrinking and its worker
// pool drive a child like any kernel. Each thread that creates one gets its own child: one child per gate worker.
import { createSyncFn } from 'synckit';
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import { blackBoxPlan } from '../gate/blackBoxInvariants.ts';
import type { BlackBox, BoxRun } from '../gate/blackBox.ts';
import type { SystemUnderTest } from '../gate/systemUnderTest.ts';
import { configMessage } from '../parity/candidate.ts';
import { watchChildren } from './childRegistry.ts';
import type { ChildReply, ChildRequest } from './kernelChildWorker.ts';

export interface KernelChildOptions {
  /** Longest wait for one reply: with capability `batch` a whole run, else one step. */
  readonly timeoutMs?: number;
  /** One message per step even if the child can take a whole run (for measuring what batching buys). */
  readonly perStep?: boolean;
}

/** A child that cannot start or says no proper hello: bad usage of `--kernel-cmd` (exit 2), not a finding. */
export class KernelChildStartError extends Error {
  override readonly name = 'KernelChildStartError';
}

const HANDSHAKE_MS = 10_000;
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './kernelChildWorker.bootstrap.mjs' : './kernelChildWorker.js', import.meta.url);
let call: ((req: ChildRequest) => ChildReply) | null = null;
let callTimeoutMs = 0;

function caller(timeoutMs: number): (req: ChildRequest) => ChildReply {
  // One synckit worker per thread; its deadline covers a handshake, a reset and a run, each under its own.
  const needed = HANDSHAKE_MS + 3 * timeoutMs + 10_000;
  if (!call || callTimeoutMs < needed) {
    call = createSyncFn<(req: ChildRequest) => Promise<ChildReply>>(workerUrl, { timeout: needed });
    callTimeoutMs = needed;
  }
  return call;
}

/** Starts the child once (its hello decides the invariants) and returns it as a system under test. */
export function kernelChildSut(command: string, options: KernelChildOptions = {}): SystemUnderTest {
  const timeoutMs = options.timeoutMs ?? 5000;
  const perStep = options.perStep ?? false;
  watchChildren();
  const hello = caller(timeoutMs)({ op: 'hello', command, timeoutMs, perStep });
  if (hello.op !== 'hello' || !hello.hello) throw new KernelChildStartError(`--kernel-cmd ${JSON.stringify(command)}: ${hello.op === 'hello' ? hello.fault : 'no hello'}`);
  const capabilities = hello.hello.capabilities;
  const box: BlackBox = {
    command,
    capabilities,
    plan: blackBoxPlan(capabilities),
    run(config: KernelConfig, inputs: readonly KernelInput[]): BoxRun {
      const reply = caller(timeoutMs)({ op: 'run', command, timeoutMs, perStep, config: configMessage(config), inputs: JSON.parse(JSON.stringify(inputs)) as unknown[] });
      if (reply.op !== 'run') throw new Error(`workbench bug: the kernel child's thread answered ${reply.op} to run`);
      return reply.run;
    },
    close() {
      caller(timeoutMs)({ op: 'close' });
    },
  };
  return {
    name: hello.hello.name,
    step: () => {
      throw new Error('workbench bug: a kernel child is driven a whole run at a time (executeActions), never one step through `step`');
    },
    writeRows: null,
    blackBox: box,
  };
}
