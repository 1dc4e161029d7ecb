// One kernel child serving the gate: whole runs of concrete inputs in, every step's view out. A child that
// declared capability `batch` gets a run in one `run` message (one round trip per run); any other gets a `reset`
// and one `step` per input. Faults are values here (kind, message, step, stderr): the gate turns them into
// findings, and the next run starts a fresh child. Every wait has the child's deadline (jsonLinesChild.ts).
import type { StepView } from '../parity/stepView.ts';
import { JsonLinesChild, ProtocolFault, type Hello } from './jsonLinesChild.ts';
import { announceChild } from './childRegistry.ts';

export interface SessionFault {
  readonly kind: string;
  readonly message: string;
  /** The input the fault happened at; for a batch, the run's last input (a batch's step is not known). */
  readonly stepIndex: number;
  readonly stderrTail: string;
}

export interface SessionRun {
  /** The views of the steps answered before any fault. */
  readonly views: StepView[];
  readonly fault: SessionFault | null;
}

export interface SessionOptions {
  readonly command: string;
  /** Longest wait for one reply (a whole run, with `batch`). */
  readonly timeoutMs: number;
  /** Ignore the child's `batch` capability (one message per step): for measuring what batching buys. */
  readonly perStep?: boolean;
}

/** A whole run's reply can be long: a step's rows are a few kB, so a run of 700 inputs stays well below this. */
const MAX_RUN_LINE_BYTES = 64 << 20;

export class KernelChildSession {
  private child: JsonLinesChild | null = null;
  private hello: Hello | null = null;

  constructor(private readonly opts: SessionOptions) {}

  /** Starts the child if none is running and returns its hello. */
  async start(): Promise<Hello> {
    if (this.child && this.hello) return this.hello;
    const { child, hello } = await JsonLinesChild.start({ command: this.opts.command, role: 'kernel', timeoutMs: this.opts.timeoutMs, maxLineBytes: MAX_RUN_LINE_BYTES });
    this.child = child;
    this.hello = hello;
    const pid = child.pid;
    if (pid !== undefined) {
      announceChild(pid, true);
      void child.exitedPromise.then(() => announceChild(pid, false));
    }
    return hello;
  }

  /** The running child's pid (null: none): whoever owns the process kills its group at exit. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async run(config: Record<string, unknown>, inputs: readonly unknown[]): Promise<SessionRun> {
    const views: StepView[] = [];
    let at = 0;
    try {
      const hello = await this.start();
      const child = this.child!;
      const rows = hello.capabilities.includes('rows');
      if (hello.capabilities.includes('batch') && !this.opts.perStep) {
        at = Math.max(0, inputs.length - 1);
        const r = await child.request({ type: 'run', config, inputs: inputs as Record<string, unknown>[] });
        if (r.type !== 'ran') throw new ProtocolFault('unexpected', `the child answered ${r.type} to a run`, [], child.log);
        if (r.steps.length !== inputs.length) throw new ProtocolFault('unexpected', `the child answered a run of ${inputs.length} inputs with ${r.steps.length} steps`, [], child.log);
        for (let i = 0; i < r.steps.length; i++) {
          at = i;
          views.push(viewOf(r.steps[i]!, rows, child));
        }
      } else {
        const r = await child.request({ type: 'reset', config });
        if (r.type !== 'ok') throw new ProtocolFault('unexpected', `the child answered ${r.type} to a reset`, [], child.log);
        for (let i = 0; i < inputs.length; i++) {
          at = i;
          const s = await child.request({ type: 'step', input: inputs[i] as Record<string, unknown> });
          if (s.type !== 'stepped') throw new ProtocolFault('unexpected', `the child answered ${s.type} to a step`, [], child.log);
          const { type: _t, id: _i, ...body } = s;
          views.push(viewOf(body, rows, child));
        }
      }
      return { views, fault: null };
    } catch (e) {
      if (!(e instanceof ProtocolFault)) throw e;
      this.child?.kill();
      this.child = null;
      this.hello = null;
      return { views, fault: { kind: e.kind, message: e.message, stepIndex: at, stderrTail: e.stderrTail } };
    }
  }

  async close(): Promise<void> {
    const c = this.child;
    this.child = null;
    this.hello = null;
    if (c) await c.close(300);
  }
}

/** A step body as the gate reads it; the `rows` capability is a promise both ways (spec/protocol.md). */
function viewOf(body: Record<string, unknown>, rows: boolean, child: JsonLinesChild): StepView {
  if (body['rows'] !== undefined && !rows) throw new ProtocolFault('unexpected', 'the child sent rows without declaring the `rows` capability in its hello', [], child.log);
  if (body['rows'] === undefined && rows) throw new ProtocolFault('unexpected', 'the child declared the `rows` capability but a step has no `rows` (send {} for a step that wrote none)', [], child.log);
  return body as unknown as StepView;
}
