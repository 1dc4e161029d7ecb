// The thread that owns the kernel children of one gate thread (synckit worker): the gate's runner is synchronous
// (fast-check's shrinking calls the property synchronously), the protocol is asynchronous, so the gate blocks on
// this thread for each whole run while the child's messages, deadlines and faults are handled here as in parity.
import { runAsWorker } from 'synckit';
import { KernelChildSession, type SessionRun } from './kernelChildSession.ts';
import type { Hello } from './jsonLinesChild.ts';

export type ChildRequest =
  | { readonly op: 'hello'; readonly command: string; readonly timeoutMs: number; readonly perStep: boolean }
  | { readonly op: 'run'; readonly command: string; readonly timeoutMs: number; readonly perStep: boolean; readonly config: Record<string, unknown>; readonly inputs: readonly unknown[] }
  | { readonly op: 'close' };

export type ChildReply =
  | { readonly op: 'hello'; readonly hello: Hello | null; readonly fault: string | null; readonly pid: number | null }
  | { readonly op: 'run'; readonly run: SessionRun; readonly pid: number | null }
  | { readonly op: 'close' };

const sessions = new Map<string, KernelChildSession>();

function sessionOf(command: string, timeoutMs: number, perStep: boolean): KernelChildSession {
  const key = JSON.stringify([command, timeoutMs, perStep]);
  let s = sessions.get(key);
  if (!s) {
    s = new KernelChildSession({ command, timeoutMs, perStep });
    sessions.set(key, s);
  }
  return s;
}

export async function handle(req: ChildRequest): Promise<ChildReply> {
  switch (req.op) {
    case 'hello': {
      const s = sessionOf(req.command, req.timeoutMs, req.perStep);
      try {
        return { op: 'hello', hello: await s.start(), fault: null, pid: s.pid };
      } catch (e) {
        return { op: 'hello', hello: null, fault: e instanceof Error ? e.message : String(e), pid: null };
      }
    }
    case 'run': {
      const s = sessionOf(req.command, req.timeoutMs, req.perStep);
      const run = await s.run(req.config, req.inputs);
      return { op: 'run', run, pid: s.pid };
    }
    case 'close':
      await Promise.all([...sessions.values()].map((s) => s.close()));
      sessions.clear();
      return { op: 'close' };
  }
}

runAsWorker(handle);
