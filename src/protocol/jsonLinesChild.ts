// A child process speaking the workbench's JSON-lines protocol (spec/protocol.md): one JSON object per line
// each way, request ids, every message validated both ways, a timeout per message, and the child killed —
// its whole process group — on a crash, a hang, a flood, non-JSON or a schema break. Never leaves a process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import childSchema from '../../schemas/protocol/child-message.schema.json' with { type: 'json' };
import parentSchema from '../../schemas/protocol/parent-message.schema.json' with { type: 'json' };
import { lazyValidator, formatIssue, validateWith } from '../schema/ajv.ts';
import { descendantsOf, killTree } from '../cli/io/processTree.ts';
import { showValue } from '../cli/showValue.ts';
import { onlyShellsHold, stdoutOf } from './pipeHolders.ts';

export const PROTOCOL_VERSION = 1;

export type Role = 'kernel' | 'adapter';
export type FaultKind = 'spawn' | 'handshake' | 'crash' | 'timeout' | 'non_json' | 'schema' | 'flood' | 'unexpected' | 'error_reply' | 'closed' | 'partial_line';

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

export type ChildMessage = Hello | { type: 'ok'; id: number } | { type: 'error'; id: number; message: string } | ({ type: 'stepped'; id: number } & Record<string, unknown>) | { type: 'ran'; id: number; steps: Record<string, unknown>[] } | { type: 'reaction'; id: number; reaction: Record<string, unknown> };

export interface ChildOptions {
  readonly command: string;
  readonly role: Role;
  /** Longest wait for one reply. */
  readonly timeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  /** A line longer than this (or output piling up without a newline) is a flood. */
  readonly maxLineBytes?: number;
  readonly cwd?: string;
  /** Extra environment variables for the child (e.g. the wire venue's base URLs and keys). */
  readonly env?: Readonly<Record<string, string>>;
}

const validateChild = lazyValidator(childSchema);
const validateParent = lazyValidator(parentSchema);
// One validator per message type, so a schema break names the field of the message the child meant to send
// rather than every branch of the oneOf. Compiled on first use, like every validator.
const childBranches = new Map(
  (childSchema.oneOf as { properties: { type: { const: string } } }[]).map((branch, i) => [
    branch.properties.type.const,
    lazyValidator({ $id: childSchema.$id.replace(/\.schema\.json$/, `.branch${i}.schema.json`), $defs: childSchema.$defs, ...branch }),
  ]),
);
const live = new Set<JsonLinesChild>();
process.once('exit', () => killAllChildren());

/** Kills every child still running (and its descendants): on exit, on SIGINT/SIGTERM. Returns how many. */
export function killAllChildren(): number {
  const n = live.size;
  for (const c of [...live]) c.kill();
  return n;
}

/** How often the child's descendants are looked up, to kill grandchildren that left its process group. */
const TREE_SCAN_MS = 1000;
/** While a reply is awaited: how often to look whether only a wrapping shell still holds the child's stdout. */
const CLOSED_SCAN_MS = 250;

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
  private killed = false;
  /** The child's stdout reached end-of-file: every later request fails at once as `closed`. */
  private stdoutEnded = false;
  private closedScan: NodeJS.Timeout | null = null;
  /** The child's stdout as /proc names it from the child's side (read once, at the first request). */
  private childStdout: string | null = null;
  /** Every descendant seen so far: killed with the child even after they were re-parented. */
  private readonly descendants = new Set<number>();
  private readonly treeScan: NodeJS.Timeout;
  readonly exitedPromise: Promise<void>;

  private constructor(private readonly proc: ChildProcessWithoutNullStreams, private readonly opts: Required<Omit<ChildOptions, 'cwd' | 'env'>>) {
    live.add(this);
    this.exitedPromise = new Promise((resolve) => proc.once('close', () => resolve()));
    this.treeScan = setInterval(() => this.scanTree(), TREE_SCAN_MS).unref();
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => this.onData(chunk));
    proc.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    proc.on('error', (e) => this.fail('spawn', `could not start \`${opts.command}\`: ${e.message}`));
    proc.stdout.on('end', () => {
      this.stdoutEnded = true;
      // A last line without its newline is never a message: the child was cut off mid-write.
      if (this.buffer.trim() !== '') this.fail('partial_line', `the child's output ended inside a line: ${showValue(this.buffer.slice(0, 200))}`);
      // Closed stdout with the process still alive is its own fault; an exit right after is reported as a crash.
      else setTimeout(() => { if (!this.exited) this.fail('closed', 'the child closed its stdout while a reply was awaited'); }, 200).unref();
    });
    proc.on('exit', (code, signal) => {
      this.exited = true;
      // Its descendants are still to be killed (kill() takes it out of `live`).
      if (this.descendants.size === 0) this.forget();
      this.fail('crash', `the child exited (${signal ? `signal ${signal}` : `code ${code}`}) while a reply was awaited`);
    });
    proc.stdin.on('error', () => undefined);
  }

  /** Spawns the command, exchanges hellos, and returns the child ready for requests. */
  static async start(options: ChildOptions): Promise<{ child: JsonLinesChild; hello: Hello }> {
    const opts = { timeoutMs: 5000, handshakeTimeoutMs: 10_000, maxLineBytes: 1 << 20, ...options };
    const proc = spawn('sh', ['-c', options.command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    const child = new JsonLinesChild(proc, { command: opts.command, role: opts.role, timeoutMs: opts.timeoutMs, handshakeTimeoutMs: opts.handshakeTimeoutMs, maxLineBytes: opts.maxLineBytes });
    const hello = await new Promise<Hello>((resolve, reject) => {
      const timer = setTimeout(() => child.fail('handshake', `no hello within ${opts.handshakeTimeoutMs} ms`), opts.handshakeTimeoutMs);
      child.handshake = { resolve, reject, timer };
      child.write({ type: 'hello', protocol: PROTOCOL_VERSION, role: options.role });
    });
    child.scanTree();
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
    if (this.stdoutEnded && !this.exited) {
      this.fail('closed', `the child had closed its stdout before ${String(message['type'])} was sent`, true);
      return Promise.reject(this.fault!);
    }
    const id = this.nextId++;
    return new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => this.fail('timeout', `no reply to ${String(message['type'])} #${id} within ${this.opts.timeoutMs} ms`), this.opts.timeoutMs);
      this.pending = { id, resolve, reject, timer };
      this.write({ ...message, id });
      this.watchForClosedStream();
    });
  }

  /**
   * A shell between the workbench and the kernel keeps its own copy of the stdout pipe, so a kernel that closes
   * its stdout yields no end-of-file. While a reply is awaited, look (Linux /proc) whether only shells hold the
   * pipe: then it is `closed` now, not a `timeout` many seconds later.
   */
  private watchForClosedStream(): void {
    const pid = this.proc.pid;
    if (this.closedScan || pid === undefined || this.exited) return;
    this.childStdout ??= stdoutOf(pid);
    const pipe = this.childStdout;
    if (!pipe) return;
    // Seen twice in a row: a kernel written in shell whose command substitution is running for a moment looks
    // the same once (the shell holds stdout, its subprocess does not), but not for two scans of a short step.
    let seen = 0;
    this.closedScan = setInterval(() => {
      if (!this.pending || this.exited || this.fault) return;
      seen = onlyShellsHold(pipe, [pid, ...descendantsOf(pid)]) ? seen + 1 : 0;
      if (seen >= 2) this.fail('closed', 'the child closed its stdout while a reply was awaited (only its wrapping shell still holds the pipe)');
    }, CLOSED_SCAN_MS).unref();
  }

  /**
   * Asks the child to stop, then makes sure it has: its process group and every descendant seen are killed
   * after a grace period. Waits at most about 2 × graceMs.
   */
  async close(graceMs = 500): Promise<void> {
    this.scanTree();
    if (!this.exited && !this.fault) this.write({ type: 'shutdown' });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([this.exitedPromise, timeout]);
    this.kill();
    await Promise.race([this.exitedPromise, new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  /** Kills the child's process group and every descendant seen (idempotent). */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    const pid = this.proc.pid;
    if (pid !== undefined) {
      if (!this.exited) this.scanTree();
      killTree(pid, [...this.descendants]);
    }
    this.forget();
  }

  private forget(): void {
    live.delete(this);
    clearInterval(this.treeScan);
    if (this.closedScan) clearInterval(this.closedScan);
  }

  private scanTree(): void {
    const pid = this.proc.pid;
    if (pid === undefined || this.exited) return;
    for (const d of descendantsOf(pid)) this.descendants.add(d);
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
      this.fail('non_json', `the child wrote a line that is not JSON: ${showValue(line, 200)}`);
      return;
    }
    const type = message !== null && typeof message === 'object' && !Array.isArray(message) ? (message as Record<string, unknown>)['type'] : undefined;
    const branch = typeof type === 'string' ? childBranches.get(type) : undefined;
    if (!branch) {
      this.fail('schema', `the child's message breaks the protocol schema: field "type" must be one of ${[...childBranches.keys()].join(', ')}, got ${showValue(type)} — message ${showValue(line, 200)}`);
      return;
    }
    const issues = validateWith(branch, message);
    if (issues.length > 0 || !validateChild(message)) {
      this.fail('schema', `the child's ${String(type)} message breaks the protocol schema: ${issues.slice(0, 3).map(formatIssue).join('; ')} — message ${showValue(line, 200)}`);
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
    if (m.type === 'error') {
      // An error reply ends the child: it said it cannot go on, and a half-alive child must not be left behind.
      this.fail('error_reply', `the child answered an error: ${showValue(m.message, 200)}`);
      return;
    }
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(m);
  }

  private fail(kind: FaultKind, message: string, beforeSend = false): void {
    if (this.fault) return;
    if ((kind === 'crash' || kind === 'closed') && !this.pending && !this.handshake && !beforeSend) return; // a clean exit after shutdown
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
