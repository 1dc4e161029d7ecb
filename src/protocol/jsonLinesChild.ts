// A child process speaking the workbench's JSON-lines protocol (spec/protocol.md): one JSON object per line
// each way, request ids, every message validated both ways, a timeout per message, and the child killed —
// its whole process group — on a crash, a hang, a flood, non-JSON or a schema break. Never leaves a process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import childSchema from '../../schemas/protocol/child-message.schema.json' with { type: 'json' };
import parentSchema from '../../schemas/protocol/parent-message.schema.json' with { type: 'json' };
import { lazyValidator, formatIssue, validateWith } from '../schema/ajv.ts';

export const PROTOCOL_VERSION = 1;

export type Role = 'kernel' | 'adapter';
export type FaultKind = 'spawn' | 'handshake' | 'crash' | 'timeout' | 'non_json' | 'schema' | 'flood' | 'unexpected';

/** What went wrong with a child, with what it was last sent and what it last wrote to stderr. */
export class ProtocolFault extends Error {
  constructor(readonly kind: FaultKind, message: string, readonly lastSent: readonly string[], readonly stderrTail: string) {
    super(message);
    this.name = 'ProtocolFault';
  }
}

export interface Hello {
  readonly type: 'hello';
  readonly protocol: number;
  readonly role: Role;
  readonly name: string;
  readonly capabilities: readonly string[];
  /** Role adapter: the adapter's declared capabilities (spec/venue.md). */
  readonly adapterCapabilities?: Record<string, unknown>;
}

export type ChildMessage = Hello | { type: 'ok'; id: number } | { type: 'error'; id: number; message: string } | ({ type: 'stepped'; id: number } & Record<string, unknown>) | { type: 'reaction'; id: number; reaction: Record<string, unknown> };

export interface ChildOptions {
  readonly command: string;
  readonly role: Role;
  /** Longest wait for one reply. */
  readonly timeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  /** A line longer than this (or output piling up without a newline) is a flood. */
  readonly maxLineBytes?: number;
  readonly cwd?: string;
}

const validateChild = lazyValidator(childSchema);
const validateParent = lazyValidator(parentSchema);
const live = new Set<JsonLinesChild>();
process.once('exit', () => {
  for (const c of live) c.kill();
});

interface Pending {
  readonly id: number;
  readonly resolve: (m: ChildMessage) => void;
  readonly reject: (e: ProtocolFault) => void;
  readonly timer: NodeJS.Timeout;
}

export class JsonLinesChild {
  private buffer = '';
  private stderr = '';
  private nextId = 1;
  private pending: Pending | null = null;
  private handshake: { resolve: (h: Hello) => void; reject: (e: ProtocolFault) => void; timer: NodeJS.Timeout } | null = null;
  private readonly sent: string[] = [];
  private fault: ProtocolFault | null = null;
  private exited = false;
  readonly exitedPromise: Promise<void>;

  private constructor(private readonly proc: ChildProcessWithoutNullStreams, private readonly opts: Required<Omit<ChildOptions, 'cwd'>>) {
    live.add(this);
    this.exitedPromise = new Promise((resolve) => proc.once('close', () => resolve()));
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => this.onData(chunk));
    proc.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    proc.on('error', (e) => this.fail('spawn', `could not start \`${opts.command}\`: ${e.message}`));
    proc.on('exit', (code, signal) => {
      this.exited = true;
      live.delete(this);
      this.fail('crash', `the child exited (${signal ? `signal ${signal}` : `code ${code}`}) while a reply was awaited`);
    });
    proc.stdin.on('error', () => undefined);
  }

  /** Spawns the command, exchanges hellos, and returns the child ready for requests. */
  static async start(options: ChildOptions): Promise<{ child: JsonLinesChild; hello: Hello }> {
    const opts = { timeoutMs: 5000, handshakeTimeoutMs: 10_000, maxLineBytes: 1 << 20, ...options };
    const proc = spawn('sh', ['-c', options.command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...(options.cwd ? { cwd: options.cwd } : {}) });
    const child = new JsonLinesChild(proc, { command: opts.command, role: opts.role, timeoutMs: opts.timeoutMs, handshakeTimeoutMs: opts.handshakeTimeoutMs, maxLineBytes: opts.maxLineBytes });
    const hello = await new Promise<Hello>((resolve, reject) => {
      const timer = setTimeout(() => child.fail('handshake', `no hello within ${opts.handshakeTimeoutMs} ms`), opts.handshakeTimeoutMs);
      child.handshake = { resolve, reject, timer };
      child.write({ type: 'hello', protocol: PROTOCOL_VERSION, role: options.role });
    });
    if (hello.protocol !== PROTOCOL_VERSION || hello.role !== options.role) {
      child.fail('handshake', `the child speaks protocol ${hello.protocol} as ${hello.role}; expected ${PROTOCOL_VERSION} as ${options.role}`);
      throw child.fault!;
    }
    return { child, hello };
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get log(): string {
    return this.stderr;
  }

  /** Sends a request (an id is assigned) and waits for the reply with that id. */
  request(message: Record<string, unknown>): Promise<ChildMessage> {
    if (this.fault) return Promise.reject(this.fault);
    const id = this.nextId++;
    return new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => this.fail('timeout', `no reply to ${String(message['type'])} #${id} within ${this.opts.timeoutMs} ms`), this.opts.timeoutMs);
      this.pending = { id, resolve, reject, timer };
      this.write({ ...message, id });
    });
  }

  /** Asks the child to stop, then makes sure it has: the whole process group is killed after a grace period. */
  async close(graceMs = 500): Promise<void> {
    if (!this.exited && !this.fault) this.write({ type: 'shutdown' });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([this.exitedPromise, timeout]);
    this.kill();
    await Promise.race([this.exitedPromise, new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  kill(): void {
    live.delete(this);
    const pid = this.proc.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        this.proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  private write(message: Record<string, unknown>): void {
    const issues = validateWith(validateParent, message);
    if (issues.length > 0) throw new Error(`workbench bug: invalid parent message ${JSON.stringify(message)}: ${issues.map(formatIssue).join('; ')}`);
    const line = JSON.stringify(message);
    this.sent.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (this.sent.length > 5) this.sent.shift();
    if (!this.exited) this.proc.stdin.write(`${line}\n`);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line !== '') this.onLine(line);
      if (this.fault) return;
    }
    if (this.buffer.length > this.opts.maxLineBytes) this.fail('flood', `the child wrote more than ${this.opts.maxLineBytes} bytes without a newline`);
  }

  private onLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.fail('non_json', `the child wrote a line that is not JSON: ${JSON.stringify(line.slice(0, 200))}`);
      return;
    }
    const issues = validateWith(validateChild, message);
    if (issues.length > 0) {
      const specific = issues.filter((i) => i.rule !== 'oneOf' && i.rule !== 'const');
      this.fail('schema', `the child's message breaks the protocol schema: ${(specific.length ? specific : issues).slice(0, 3).map(formatIssue).join('; ')} — message ${line.slice(0, 200)}`);
      return;
    }
    const m = message as ChildMessage;
    if (m.type === 'hello') {
      if (!this.handshake) return this.fail('unexpected', 'the child sent a second hello');
      clearTimeout(this.handshake.timer);
      const h = this.handshake;
      this.handshake = null;
      h.resolve(m);
      return;
    }
    const p = this.pending;
    if (!p || m.id !== p.id) {
      this.fail('unexpected', `the child sent a reply with id ${m.id}, ${p ? `expected ${p.id}` : 'none was awaited'} (unsolicited output counts as a flood)`);
      return;
    }
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(m);
  }

  private fail(kind: FaultKind, message: string): void {
    if (this.fault) return;
    if (kind === 'crash' && !this.pending && !this.handshake) return; // a clean exit after shutdown
    this.fault = new ProtocolFault(kind, message, [...this.sent], this.stderr);
    this.kill();
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.reject(this.fault);
      this.pending = null;
    }
    if (this.handshake) {
      clearTimeout(this.handshake.timer);
      this.handshake.reject(this.fault);
      this.handshake = null;
    }
  }
}
