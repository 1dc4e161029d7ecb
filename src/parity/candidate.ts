// A kernel compared with the reference: in-process (a SystemUnderTest: its step AND its own row writer) or a
// child process over the JSON-lines protocol. Both answer each input with the same StepView.
import type { StepRecord } from '../driver/driver.ts';
import { plain } from '../kernel/decimal.ts';
import { initialState } from '../kernel/state.ts';
import type { KernelConfig, KernelInput, KernelState } from '../kernel/types.ts';
import type { RowsByFamily } from '../invariants/invariant.ts';
import type { SystemUnderTest } from '../gate/systemUnderTest.ts';
import { JsonLinesChild, ProtocolFault } from '../protocol/jsonLinesChild.ts';
import { viewOf, type StepView } from './stepView.ts';
import { malformedStepResult, STEP_CONTRACT_ID } from '../gate/stepContract.ts';

export { SLOT_COLUMNS, StepViewer, type SlotSnapshot, type StepView, type CommandView } from './stepView.ts';

export interface Candidate {
  readonly name: string;
  readonly writesRows: boolean;
  /** How to start this candidate again (for replay commands): a module path or a shell command. */
  readonly origin: { readonly module: string } | { readonly command: string } | null;
  reset(config: KernelConfig): Promise<void>;
  step(input: KernelInput): Promise<StepView>;
  close(): Promise<void>;
}

/**
 * The rows a black-box writer adds for the newest step: it is handed the run so far and whatever it returns
 * beyond what it returned for the run one step shorter is this step's. So a step's rows are final when the
 * step is, as in a streaming writer, and a defect in the candidate's writer shows at the step it happens.
 */
export class PrefixRowTaker {
  private counts = new Map<string, number>();

  take(writeRows: (records: readonly StepRecord[]) => RowsByFamily, records: readonly StepRecord[]): RowsByFamily {
    const all = writeRows(records);
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const [family, rows] of Object.entries(all)) {
      const seen = this.counts.get(family) ?? 0;
      if (rows.length > seen) out[family] = rows.slice(seen) as Record<string, unknown>[];
      this.counts.set(family, rows.length);
    }
    return out;
  }
}

/** What a candidate did instead of answering a step: a protocol fault, or a module that threw or broke the step contract. */
export interface CandidateFault {
  readonly kind: string;
  readonly message: string;
  readonly stderrTail: string;
}

/** An in-process (or in-worker) module that threw or returned something that is not a StepResult. */
export class ModuleFault extends Error implements CandidateFault {
  override readonly name = 'ModuleFault';
  readonly stderrTail = '';
  constructor(readonly kind: 'threw' | 'step_contract', message: string) {
    super(message);
  }
}

function thrown(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
}

/** A TypeScript kernel in this process: its own step and its own `writeRows` (null: it writes no rows). */
export function inProcessCandidate(sut: SystemUnderTest, module: string | null = null): Candidate {
  let state: KernelState | null = null;
  let records: StepRecord[] = [];
  let taker = new PrefixRowTaker();
  return {
    name: sut.name,
    writesRows: sut.writeRows !== null,
    origin: module ? { module } : null,
    async reset(config) {
      state = initialState(config);
      records = [];
      taker = new PrefixRowTaker();
    },
    async step(input) {
      if (!state) throw new Error('step before reset');
      const before = state;
      let result;
      try {
        result = sut.step(before, input);
      } catch (e) {
        throw new ModuleFault('threw', `${sut.name}: step threw on ${input.kind} (${thrown(e)})`);
      }
      const bad = malformedStepResult(result);
      if (bad) throw new ModuleFault('step_contract', `${STEP_CONTRACT_ID}: ${sut.name}: step ${bad}`);
      state = result.state;
      records.push({ index: records.length, origin: 'external', input, before, result });
      const view = viewOf(result);
      return sut.writeRows ? { ...view, rows: taker.take(sut.writeRows, records) } : view;
    },
    async close() {},
  };
}

/** The kernel configuration as the protocol's `reset.config` carries it (decimals as strings). */
export function configMessage(config: KernelConfig) {
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
    origin: { command },
    reset: (config) => guard(async (c) => {
      const r = await c.request({ type: 'reset', config: configMessage(config) });
      if (r.type === 'error') throw new ProtocolFault('unexpected', `the child refused reset: ${r.message}`, [], c.log);
    }),
    step: (input) => guard(async (c) => {
      const r = await c.request({ type: 'step', input: JSON.parse(JSON.stringify(input)) as Record<string, unknown> });
      if (r.type === 'error') throw new ProtocolFault('unexpected', `the child answered an error to ${input.kind}: ${r.message}`, [], c.log);
      if (r.type !== 'stepped') throw new ProtocolFault('unexpected', `the child answered ${r.type} to a step`, [], c.log);
      if (r['rows'] !== undefined && !hello.capabilities.includes('rows')) {
        throw new ProtocolFault('unexpected', 'the child sent rows without declaring the `rows` capability in its hello', [], c.log);
      }
      if (r['rows'] === undefined && hello.capabilities.includes('rows')) {
        throw new ProtocolFault('unexpected', 'the child declared the `rows` capability but its `stepped` reply has no `rows` (send {} for a step that wrote none)', [], c.log);
      }
      const { type: _t, id: _i, ...view } = r;
      return view as unknown as StepView;
    }),
    async close() {
      if (child) await child.close();
      child = null;
    },
  };
}
