// Plays a FuzzCase with the venue on the wire: the kernel's commands go to the adapter over the JSON-lines
// protocol as before, but the adapter talks to the venue itself, over HTTP and the user-data stream. The
// trace is the in-process one (same conformance checks): each HTTP order exchange is recorded as the reply the
// adapter saw, each stream message as the event it read, and a `sync` event collects what it delivers.
import { Abort, DEFAULT_EXECUTE_OPTIONS, Run, type ExecuteOptions } from '../../adapters/executor.ts';
import type { AdapterEvent, AdapterFactory, AdapterUnderTest, KernelDelivery } from '../../adapters/contract.ts';
import type { FuzzAction, FuzzCase } from '../../adapters/fuzz/fuzzCase.ts';
import { adapterConfigOf } from '../../adapters/setup.ts';
import type { AdapterTrace } from '../../adapters/trace.ts';
import { plain } from '../../kernel/decimal.ts';
import { makeSimulatorConfig } from '../simulator/config.ts';
import { VenueSimulator, type PositionMode } from '../simulator/simulator.ts';
import type { StreamMessage } from '../simulator/wire.ts';
import type { HttpExchange, WireObserver, WireVenue } from './wireVenue.ts';
import { WireSession } from './wireSession.ts';

export interface WireExecuteOptions extends ExecuteOptions {
  readonly positionMode: PositionMode;
}

/** Drain rounds without anything new before a run counts as settled. */
const QUIET_ROUNDS = 2;
const DRAIN_ROUNDS_MAX = 100;

function describeStream(m: StreamMessage): string {
  if (m.e === 'ACCOUNT_UPDATE') return `ACCOUNT_UPDATE E=${m.E}`;
  return `ORDER_TRADE_UPDATE ${m.o.c} x=${m.o.x} X=${m.o.X}`;
}

class WireRun extends Run implements WireObserver {
  private activity = 0;

  constructor(c: FuzzCase, sim: VenueSimulator, opts: ExecuteOptions, private readonly venue: WireVenue) {
    super(c, sim, opts);
  }

  /** Called by the venue for every HTTP exchange, in the order it answered them. */
  onHttp(x: HttpExchange): void {
    this.activity += 1;
    const status = typeof x.status === 'number' ? `${x.status}${x.code !== null ? ` ${x.code}` : ''}` : `connection ${x.status}`;
    if (!x.order) {
      this.log.push({ tMs: this.nowMs, kind: 'wire', flow: 'adapter ⇄ venue (HTTP)', text: `${x.method} ${x.path} → ${status}` });
      return;
    }
    for (let i = x.order.requestsBefore; i < this.sim.requests.length; i++) this.log.push({ tMs: this.nowMs, kind: 'to_venue', requestIndex: i });
    this.recordSeen({ type: 'reply', nowMs: this.nowMs, reply: x.order.seen });
  }

  /** An event the adapter read off the wire by itself: recorded as a call it answered with nothing. */
  private recordSeen(event: AdapterEvent): void {
    const index = this.calls.length;
    this.log.push({ tMs: this.nowMs, kind: 'to_adapter', callIndex: index });
    this.calls.push({ index, tMs: this.nowMs, event, reaction: {} });
  }

  /** Deliveries belong to the last thing the adapter saw before answering (its replies come first). */
  override deliver(delivery: KernelDelivery, _callIndex: number): void {
    super.deliver(delivery, this.calls.length - 1);
  }

  async sync(): Promise<number> {
    const before = this.deliveries.length + this.activity;
    await this.call({ type: 'sync', nowMs: this.nowMs });
    return this.deliveries.length + this.activity - before;
  }

  /** Sends the picked pending stream messages over the socket, then asks the adapter what it has. */
  private async deliverBatch(pick: number, count: number): Promise<boolean> {
    const batch: StreamMessage[] = [];
    for (let i = 0; i < count; i++) {
      const m = this.sim.take(pick);
      if (!m) break;
      if (m.channel === 'stream') batch.push(m.message);
    }
    if (batch.length === 0) return false;
    const sent = await this.venue.sendStream(batch);
    for (const m of batch) {
      if (sent) this.recordSeen({ type: 'stream', nowMs: this.nowMs, message: m });
      else this.log.push({ tMs: this.nowMs, kind: 'wire', flow: 'venue ⇢ stream', text: `${describeStream(m)} not sent: no user-data stream open` });
    }
    await this.sync();
    return true;
  }

  override async settle(): Promise<void> {
    while (await this.deliverBatch(0, Math.max(1, this.sim.pending)));
  }

  override async act(action: FuzzAction, index: number): Promise<void> {
    if (action.kind === 'deliver') {
      this.nowMs += action.advanceMs;
      this.sim.nowMs = this.nowMs;
      await this.deliverBatch(action.pick, action.count);
      return;
    }
    if (action.kind === 'resync') {
      this.nowMs += action.advanceMs;
      this.sim.nowMs = this.nowMs;
      this.log.push({ tMs: this.nowMs, kind: 'wire', flow: 'venue ⇢ stream', text: 'stream disconnect: the user-data connection is cut; held updates and resends follow the reconnect' });
      this.venue.disconnectStream();
      this.resync();
      return;
    }
    await super.act(action, index);
  }

  /** Like the in-process drain, with a sync every round so a polling adapter catches up (and a ban runs out). */
  override async drain(): Promise<void> {
    let quiet = 0;
    for (let round = 0; round < DRAIN_ROUNDS_MAX; round++) {
      this.nowMs += 1000;
      this.sim.nowMs = this.nowMs;
      this.resync();
      if (round === 1) {
        this.log.push({ tMs: this.nowMs, kind: 'venue_action', text: 'end of run: the market trades through every resting order' });
        this.sim.matchAll();
      }
      await this.settle();
      const changed = await this.sync();
      quiet = changed === 0 && this.sim.pending === 0 && this.sim.waitingDuplicates === 0 ? quiet + 1 : 0;
      if (round > 1 && quiet >= QUIET_ROUNDS) return;
    }
  }
}

let runSerial = 0;

/** Executes one case against an adapter (normally a protocolAdapter child holding the venue's env) on the wire. */
export async function executeWireCase(c: FuzzCase, factory: AdapterFactory, venue: WireVenue, options: Partial<WireExecuteOptions> = {}): Promise<AdapterTrace> {
  const opts = { ...DEFAULT_EXECUTE_OPTIONS, positionMode: 'one-way' as PositionMode, ...options };
  const sim = new VenueSimulator(c.scripts, c.swarm, makeSimulatorConfig(opts.simulator), opts.positionMode);
  runSerial += 1;
  const run = new WireRun(c, sim, opts, venue);
  venue.begin(new WireSession(sim, opts.positionMode, runSerial), run);
  const adapterConfig = adapterConfigOf(opts.simulator);
  let completed = false;
  try {
    let made: AdapterUnderTest | null = null;
    try {
      made = await factory(adapterConfig);
    } catch (e) {
      run.fault('factory_failed', null, `the adapter could not start a run: ${(e as Error).message}`);
    }
    if (!made || typeof made.handle !== 'function') run.fault('factory_failed', null, 'the adapter factory did not return an object with a handle(event) method');
    const inner = made as AdapterUnderTest;
    run.adapter = {
      capabilities: inner.capabilities,
      async handle(event) {
        const reaction = await inner.handle(event);
        const n = reaction?.requests?.length ?? 0;
        if (n > 0) throw new Error(`on the wire an adapter sends its requests over HTTP; its answer carried ${n} request(s)`);
        return reaction;
      },
    };
    for (const [i, action] of c.actions.entries()) await run.act(action, i);
    await run.drain();
    completed = true;
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
  } finally {
    venue.disconnectStream();
  }
  const caps = run.adapter?.capabilities;
  return {
    config: run.state.config, records: run.records, rows: null, adapterConfig,
    capabilities: caps && typeof caps === 'object' ? caps : null,
    calls: run.calls, faults: run.faults, commands: run.commands, deliveries: run.deliveries, venueRequests: sim.requests,
    venueOrders: sim.orders.map((o) => ({ orderId: o.orderId, clientOrderId: o.clientOrderId, symbol: o.symbol, status: o.status, origQty: plain(o.origQty), executedQty: plain(o.executedQty) })),
    executions: sim.executions, completed, log: run.log, coverage: sim.counts,
  };
}
