// The adapter-in-the-loop executor: inputs → trace. It plays a FuzzCase on a virtual clock — intents to the
// kernel, the kernel's commands to the adapter, the adapter's requests to the simulator, the venue's replies
// and stream updates (in the order the case picks) back to the adapter, its deliveries to the kernel — and
// records everything. Every adapter call is bounded; a throw, a hang or nonsense ends the run as a fault.
import { Decimal, plain } from '../kernel/decimal.ts';
import { initialState } from '../kernel/state.ts';
import { step } from '../kernel/step.ts';
import type { KernelInput, KernelState, VenueCommand } from '../kernel/types.ts';
import type { StepOrigin, StepRecord } from '../driver/driver.ts';
import { DEFAULT_SIMULATOR_CONFIG, makeSimulatorConfig, type SimulatorConfigInput } from '../venue/simulator/config.ts';
import { VenueSimulator, type Outgoing } from '../venue/simulator/simulator.ts';
import type { AdapterEvent, AdapterFactory, AdapterReaction, AdapterUnderTest, KernelDelivery, WireCommand } from './contract.ts';
import { buildIntent } from './buildIntent.ts';
import type { FuzzAction, FuzzCase } from './fuzz/fuzzCase.ts';
import { adapterConfigOf, kernelConfigOf } from './setup.ts';
import type { AdapterCall, AdapterFault, AdapterTrace, CommandRecord, DeliveryRecord, FaultKind, LogItem } from './trace.ts';
import { validateReaction } from './validateReaction.ts';

export interface ExecuteOptions {
  /** Longest wait for one async adapter answer. */
  readonly callTimeoutMs: number;
  /** Adapter calls allowed in one run before it counts as never settling. */
  readonly callCountMax: number;
  /** Venue requests allowed in one run (flood guard). */
  readonly requestCountMax: number;
  readonly simulator: SimulatorConfigInput;
}

export const DEFAULT_EXECUTE_OPTIONS: ExecuteOptions = {
  callTimeoutMs: 2000, callCountMax: 5000, requestCountMax: 2000, simulator: DEFAULT_SIMULATOR_CONFIG,
};

export class Abort extends Error {}

export function toWireCommand(c: VenueCommand): WireCommand {
  if (c.type === 'CancelOrder') return { type: 'CancelOrder', clientOrderId: c.clientOrderId, asset: c.asset };
  return {
    type: 'SubmitOrder', clientOrderId: c.clientOrderId, slotId: c.slotId, tradeId: c.tradeId, purpose: c.purpose, asset: c.asset,
    orderSide: c.orderSide, qty: plain(c.qty), referencePrice: plain(c.referencePrice), reduceOnly: c.reduceOnly,
  };
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

function message(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  try {
    return `threw ${JSON.stringify(e)}`;
  } catch {
    return 'threw a value that cannot be shown';
  }
}

/** Waits for a promise at most `ms` (a watchdog only: results never depend on real time unless the adapter hangs). */
export async function within<T>(p: PromiseLike<T>, ms: number): Promise<{ ok: true; value: T } | { ok: false; timeout: boolean; error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false; timeout: true; error: unknown }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, timeout: true, error: null }), ms);
  });
  try {
    return await Promise.race([Promise.resolve(p).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, timeout: false, error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One adapter-in-the-loop run (the wire executor, src/venue/wire/, extends it). */
export class Run {
  state: KernelState;
  nowMs = 0;
  readonly records: StepRecord[] = [];
  readonly calls: AdapterCall[] = [];
  readonly faults: AdapterFault[] = [];
  readonly commands: CommandRecord[] = [];
  readonly deliveries: DeliveryRecord[] = [];
  readonly log: LogItem[] = [];
  readonly queue: AdapterEvent[] = [];
  private readonly kernelQty = new Map<string, Decimal>();
  adapter: AdapterUnderTest | null = null;

  constructor(readonly c: FuzzCase, readonly sim: VenueSimulator, readonly opts: ExecuteOptions) {
    this.state = initialState(kernelConfigOf(opts.simulator, c.finerKernelGrid));
  }

  fault(kind: FaultKind, callIndex: number | null, text: string): never {
    this.faults.push({ kind, callIndex, message: text });
    this.log.push({ tMs: this.nowMs, kind: 'fault', faultIndex: this.faults.length - 1 });
    throw new Abort(text);
  }

  stepKernel(input: KernelInput, origin: StepOrigin, callIndex: number): number {
    let result;
    try {
      result = step(this.state, input);
    } catch (e) {
      this.fault('kernel_assertion', callIndex, message(e));
    }
    const index = this.records.length;
    this.records.push({ index, origin, input, before: this.state, result });
    this.state = result.state;
    this.log.push({ tMs: this.nowMs, kind: origin === 'external' ? 'policy' : 'to_kernel', stepIndex: index });
    for (const command of result.commands) {
      const wire = toWireCommand(command);
      if (wire.type === 'SubmitOrder') this.kernelQty.set(wire.clientOrderId, new Decimal(wire.qty));
      this.queue.push({ type: 'command', nowMs: this.nowMs, command: wire });
    }
    return index;
  }

  async call(event: AdapterEvent): Promise<void> {
    const index = this.calls.length;
    if (index >= this.opts.callCountMax) this.fault('no_quiescence', null, `more than ${this.opts.callCountMax} adapter calls in one run (callCountMax): the adapter never settles`);
    this.log.push({ tMs: this.nowMs, kind: 'to_adapter', callIndex: index });
    const call: { index: number; tMs: number; event: AdapterEvent; reaction: AdapterReaction | null } = { index, tMs: this.nowMs, event, reaction: null };
    this.calls.push(call);
    if (event.type === 'command') {
      this.commands.push({ callIndex: index, stepIndex: this.records.length - 1, command: event.command });
    }
    let answer: unknown;
    try {
      answer = (this.adapter as AdapterUnderTest).handle(event);
    } catch (e) {
      this.fault('threw', index, `handle(${event.type}) threw ${message(e)}`);
    }
    if (isThenable(answer)) {
      const settled = await within(answer, this.opts.callTimeoutMs);
      if (!settled.ok) {
        if (settled.timeout) this.fault('timeout', index, `handle(${event.type}) did not answer within ${this.opts.callTimeoutMs} ms (callTimeoutMs)`);
        this.fault('threw', index, `handle(${event.type}) rejected: ${message(settled.error)}`);
      }
      answer = settled.value;
    }
    const bad = validateReaction(answer);
    if (bad) this.fault('malformed', index, `handle(${event.type}) answered nonsense: ${bad}`);
    const reaction = answer as AdapterReaction;
    call.reaction = reaction;
    for (const u of reaction.unsupported ?? []) {
      this.log.push({ tMs: this.nowMs, kind: 'unsupported', callIndex: index, text: `${u.command} ${u.clientOrderId}: ${u.reason}` });
    }
    for (const request of reaction.requests ?? []) {
      if (this.sim.requests.length >= this.opts.requestCountMax) this.fault('flood', index, `more than ${this.opts.requestCountMax} venue requests in one run (requestCountMax)`);
      if (request.method === 'POST') {
        const kq = this.kernelQty.get(request.params.newClientOrderId);
        if (kq && typeof request.params.quantity === 'string' && /^\d+(\.\d+)?$/.test(request.params.quantity) && kq.gt(request.params.quantity)) {
          this.sim.count('qty_truncated');
        }
      }
      const before = this.sim.requests.length;
      this.sim.receive(request);
      for (let i = before; i < this.sim.requests.length; i++) this.log.push({ tMs: this.nowMs, kind: 'to_venue', requestIndex: i });
    }
    for (const delivery of reaction.deliver ?? []) this.deliver(delivery, index);
  }

  deliver(delivery: KernelDelivery, callIndex: number): void {
    const input = { ...delivery, tsMs: this.nowMs } as KernelInput;
    const stepIndex = this.stepKernel(input, 'venue', callIndex);
    this.deliveries.push({ callIndex, stepIndex, delivery });
  }

  async pump(): Promise<void> {
    while (this.queue.length > 0) await this.call(this.queue.shift() as AdapterEvent);
  }

  async deliverOne(pick: number): Promise<boolean> {
    const msg: Outgoing | null = this.sim.take(pick);
    if (!msg) return false;
    this.queue.push(msg.channel === 'rest' ? { type: 'reply', nowMs: this.nowMs, reply: msg.reply } : { type: 'stream', nowMs: this.nowMs, message: msg.message });
    await this.pump();
    return true;
  }

  async settle(): Promise<void> {
    while (await this.deliverOne(0));
  }

  async act(action: FuzzAction, index: number): Promise<void> {
    this.nowMs += action.advanceMs;
    this.sim.nowMs = this.nowMs;
    switch (action.kind) {
      case 'intent': {
        if (action.settleFirst) await this.settle();
        const intent = buildIntent(this.state, action.plan, index);
        this.stepKernel({ kind: 'intent', tsMs: this.nowMs, intent }, 'external', -1);
        return this.pump();
      }
      case 'deliver':
        for (let i = 0; i < action.count; i++) if (!(await this.deliverOne(action.pick))) break;
        return;
      case 'match':
        this.log.push({ tMs: this.nowMs, kind: 'venue_action', text: `market trades against resting order (pick ${action.pick})` });
        return this.sim.match(action.pick);
      case 'balance':
        this.log.push({ tMs: this.nowMs, kind: 'venue_action', text: `balance report (${action.variant})` });
        return this.sim.balanceReport(this.c.swarm.balances ? action.variant : 'true');
      case 'resync':
        this.log.push({ tMs: this.nowMs, kind: 'venue_action', text: 'stream reconnect: held updates and resends follow' });
        return this.resync();
    }
  }

  /** A reconnect; late-landing orders it places are logged like the requests they answer. */
  resync(): void {
    const before = this.sim.requests.length;
    this.sim.resync();
    for (let i = before; i < this.sim.requests.length; i++) this.log.push({ tMs: this.nowMs, kind: 'to_venue', requestIndex: i });
  }

  /**
   * After the case: reconnect and deliver everything in order; then the market trades through every resting
   * order, and everything that follows is delivered too, so each run ends settled and end-of-run checks apply.
   */
  async drain(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      this.nowMs += 1000;
      this.sim.nowMs = this.nowMs;
      this.resync();
      if (round === 1) {
        this.log.push({ tMs: this.nowMs, kind: 'venue_action', text: 'end of run: the market trades through every resting order' });
        this.sim.matchAll();
      }
      if (round > 1 && this.sim.pending === 0 && this.sim.waitingDuplicates === 0) return;
      await this.settle();
    }
  }
}

export async function executeCase(c: FuzzCase, factory: AdapterFactory, options: Partial<ExecuteOptions> = {}): Promise<AdapterTrace> {
  const opts = { ...DEFAULT_EXECUTE_OPTIONS, ...options };
  const sim = new VenueSimulator(c.scripts, c.swarm, makeSimulatorConfig(opts.simulator));
  const run: Run = new Run(c, sim, opts);
  const adapterConfig = adapterConfigOf(opts.simulator);
  let completed = false;
  try {
    let made: unknown;
    try {
      made = factory(adapterConfig);
      if (isThenable(made)) {
        const settled = await within(made, opts.callTimeoutMs);
        if (!settled.ok) run.fault('factory_failed', null, settled.timeout ? 'the adapter factory did not answer in time' : `the adapter factory rejected: ${message(settled.error)}`);
        made = settled.value;
      }
    } catch (e) {
      if (e instanceof Abort) throw e;
      run.fault('factory_failed', null, `the adapter factory threw ${message(e)}`);
    }
    const m = made as Partial<AdapterUnderTest> | null;
    if (!m || typeof m.handle !== 'function') run.fault('factory_failed', null, 'the adapter factory did not return an object with a handle(event) method');
    run.adapter = m as AdapterUnderTest;
    for (const [i, action] of c.actions.entries()) await run.act(action, i);
    await run.drain();
    completed = true;
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
  }
  const caps = run.adapter?.capabilities;
  return {
    config: run.state.config,
    records: run.records,
    rows: null,
    adapterConfig,
    capabilities: caps && typeof caps === 'object' ? caps : null,
    calls: run.calls,
    faults: run.faults,
    commands: run.commands,
    deliveries: run.deliveries,
    venueRequests: sim.requests,
    venueOrders: sim.orders.map((o) => ({
      orderId: o.orderId, clientOrderId: o.clientOrderId, symbol: o.symbol, status: o.status, origQty: plain(o.origQty), executedQty: plain(o.executedQty),
    })),
    executions: sim.executions,
    completed,
    log: run.log,
    coverage: sim.counts,
  };
}
