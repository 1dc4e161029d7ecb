// Every kernel child alive in any thread of this process, known to the main thread, which kills their process
// groups when the workbench exits. A gate's children live in helper threads (synckit) of worker threads, which end
// without a word when the pool is destroyed or the process exits; each announces its child the moment it starts.
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import { killTree } from '../cli/io/processTree.ts';

const CHANNEL = 'dita-workbench:kernel-children';
let channel: BroadcastChannel | null = null;
const alive = new Set<number>();

function open(): BroadcastChannel {
  if (channel) return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  return channel;
}

/** Main thread: start listening (before any child starts) and kill what is still alive at exit. */
export function watchChildren(): void {
  if (!isMainThread || channel) return;
  open().onmessage = (e) => {
    const { pid, alive: up } = (e as MessageEvent).data as { pid: number; alive: boolean };
    if (up) alive.add(pid);
    else alive.delete(pid);
  };
  process.once('exit', () => {
    for (const pid of alive) killTree(pid);
  });
}

/** Any thread: a child started (or ended). */
export function announceChild(pid: number, up: boolean): void {
  if (isMainThread) {
    if (up) alive.add(pid);
    else alive.delete(pid);
    return;
  }
  open().postMessage({ pid, alive: up });
}
