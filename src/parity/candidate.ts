// A kernel compared with the reference: in-process (a module exporting a step function) or a child process
// over the JSON-lines protocol. Both answer each input with the same view: outcome, slots, capital, rows.
import type { StepRecord } from '../driver/driver.ts';
import { plain } from '../kernel/decimal.ts';
import { initialState } from '../kernel/state.ts';
import type { KernelConfig, KernelInput, KernelState, StepResult } from '../kernel/types.ts';
import { slotView } from '../kernel/views.ts';
import type { RowsByFamily } from '../invariants/invariant.ts';
import { RowWriter, persistStepOf, type RowSink } from '../rows/index.ts';
import type { SystemUnderTest } from '../gate/systemUnderTest.ts';
import { JsonLinesChild, ProtocolFault } from '../protocol/jsonLinesChild.ts';

export const SLOT_COLUMNS = ['trade_id', 'fsm_state', 'size', 'initial_size', 'entry_price', 'realized_pnl', 'closed', 'active_leg_index'] as const;

export interface SlotSnapshot {
  readonly slot_id: number;
  readonly trade_id: string;
  readonly fsm_state: string;
  readonly size: string;
  readonly initial_size: string;
  readonly entry_price: string;
  readonly realized_pnl: string;
  readonly closed: boolean;
  readonly active_leg_index: number;
}

export interface StepView {
  readonly outcome: { accepted: boolean; diagnostic_code: string; state: string | null; slot_id: number | null; trade_id: string | null };
  readonly slots: readonly SlotSnapshot[];
  readonly capital: string;
  /** Rows this step wrote, by family; absent when the candidate does not write rows. */
  readonly rows?: RowsByFamily;
}

export interface Candidate {
  readonly name: string;
  readonly writesRows: boolean;
  reset(config: KernelConfig): Promise<void>;
  step(input: KernelInput): Promise<StepView>;
  close(): Promise<void>;
}

class CaptureSink implements RowSink {
  rows: Record<string, Record<string, unknown>[]> = {};
  write(family: string, row: unknown): void {
    (this.rows[family] ??= []).push(row as Record<string, unknown>);
  }
  take(): RowsByFamily {
    const out = this.rows;
    this.rows = {};
    return out;
  }
}

/** The view of one kernel step, with the rows the writer emits for it. */
export class StepViewer {
  private readonly sink = new CaptureSink();
  private readonly writer = new RowWriter(this.sink);
  private index = 0;

  view(before: KernelState, input: KernelInput, result: StepResult): StepView {
    const record: StepRecord = { index: this.index++, origin: 'external', input, before, result };
    this.writer.persistStep(persistStepOf(record));
    const o = result.outcome;
    return {
      outcome: { accepted: o.accepted, diagnostic_code: o.diagnosticCode, state: o.state, slot_id: o.slotId, trade_id: o.tradeId },
      slots: result.state.slots.map((s) => {
        const v = slotView(result.state, s.slotId);
        return { slot_id: v.slot_id, trade_id: v.trade_id, fsm_state: v.fsm_state, size: v.size, initial_size: v.initial_size, entry_price: v.entry_price, realized_pnl: v.realized_pnl, closed: v.closed, active_leg_index: v.active_leg_index };
      }),
      capital: plain(result.state.account.capital),
      rows: this.sink.take(),
    };
  }
}

/** A TypeScript kernel (a SystemUnderTest's step) in this process. */
export function inProcessCandidate(sut: SystemUnderTest): Candidate {
  let state: KernelState | null = null;
  let viewer = new StepViewer();
  return {
    name: sut.name,
    writesRows: true,
    async reset(config) {
      state = initialState(config);
      viewer = new StepViewer();
    },
    async step(input) {
      if (!state) throw new Error('step before reset');
      const before = state;
      const result = sut.step(before, input);
      state = result.state;
      return viewer.view(before, input, result);
    },
    async close() {},
  };
}

function configMessage(config: KernelConfig) {
  return {
    slotCount: config.slotCount, initialCapital: plain(config.initialCapital),
    instruments: Object.fromEntries(Object.entries(config.instruments).map(([k, i]) => [k, { priceTick: plain(i.priceTick), qtyStep: plain(i.qtyStep), minQty: plain(i.minQty), minNotional: plain(i.minNotional) }])),
  };
}

/** A kernel in another process (any language) speaking spec/protocol.md; restarted after a fault. */
export async function childCandidate(command: string, timeoutMs = 5000): Promise<Candidate> {
  let current = await JsonLinesChild.start({ command, role: 'kernel', timeoutMs });
  let hello = current.hello;
  let child: JsonLinesChild | null = current.child;
  const ensure = async () => {
    if (!child) {
      current = await JsonLinesChild.start({ command, role: 'kernel', timeoutMs });
      child = current.child;
      hello = current.hello;
    }
    return child;
  };
  const guard = async <T>(f: (c: JsonLinesChild) => Promise<T>): Promise<T> => {
    const c = await ensure();
    try {
      return await f(c);
    } catch (e) {
      if (e instanceof ProtocolFault) child = null;
      throw e;
    }
  };
  return {
    get name() {
      return hello.name;
    },
    get writesRows() {
      return hello.capabilities.includes('rows');
    },
    reset: (config) => guard(async (c) => {
      const r = await c.request({ type: 'reset', config: configMessage(config) });
      if (r.type === 'error') throw new ProtocolFault('unexpected', `the child refused reset: ${r.message}`, [], c.log);
    }),
    step: (input) => guard(async (c) => {
      const r = await c.request({ type: 'step', input: JSON.parse(JSON.stringify(input)) as Record<string, unknown> });
      if (r.type === 'error') throw new ProtocolFault('unexpected', `the child answered an error to ${input.kind}: ${r.message}`, [], c.log);
      if (r.type !== 'stepped') throw new ProtocolFault('unexpected', `the child answered ${r.type} to a step`, [], c.log);
      return r as unknown as StepView;
    }),
    async close() {
      if (child) await child.close();
      child = null;
    },
  };
}
