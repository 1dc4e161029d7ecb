// MockVenueAdapter: the seed's synchronous mock. Fills on submit (fully or partly), charges a fee rate,
// or rejects with a given code. Deterministic: fill ids and timestamps derive from the command.
import { Decimal, ZERO, bookMoney, truncToStep } from '../kernel/decimal.ts';
import type { KernelInput, VenueCommand } from '../kernel/types.ts';
import { DEFAULT_INSTRUMENTS, type InstrumentSpec } from '../kernel/state.ts';

export interface MockVenueScenario {
  /** Send an acknowledgement (order_accepted) before any fill. */
  readonly acknowledge: boolean;
  readonly emitFillOnSubmit: boolean;
  /** Share of each order filled on submit, truncated to the instrument step; 1 fills fully. */
  readonly partialFillRatio: string;
  /** Fee = notional × feeRate, booked to 8 places; negative is a maker rebate. */
  readonly feeRate: string;
  /** Reject every submit with this venue code (e.g. "-2019" insufficient margin); null accepts. */
  readonly rejectCode: string | null;
  /** Which order purposes the reject applies to. */
  readonly rejectPurposes: readonly ('ENTRY' | 'EXIT')[];
}

export const DEFAULT_MOCK_SCENARIO: MockVenueScenario = {
  acknowledge: true,
  emitFillOnSubmit: true,
  partialFillRatio: '1',
  feeRate: '0',
  rejectCode: null,
  rejectPurposes: ['ENTRY', 'EXIT'],
};

export interface VenueAdapter {
  /** Turns one kernel command into the venue events it causes, in delivery order. */
  handle(command: VenueCommand): readonly KernelInput[];
}

interface MockOrder {
  readonly qty: Decimal;
  filled: Decimal;
  open: boolean;
  fills: number;
}

export class MockVenueAdapter implements VenueAdapter {
  readonly scenario: MockVenueScenario;
  private readonly orders = new Map<string, MockOrder>();
  private readonly ratio: Decimal;
  private readonly feeRate: Decimal;
  private readonly instruments: Readonly<Record<string, InstrumentSpec>>;

  constructor(scenario: Partial<MockVenueScenario> = {}, instruments: Readonly<Record<string, InstrumentSpec>> = DEFAULT_INSTRUMENTS) {
    this.scenario = { ...DEFAULT_MOCK_SCENARIO, ...scenario };
    this.ratio = new Decimal(this.scenario.partialFillRatio);
    this.feeRate = new Decimal(this.scenario.feeRate);
    if (!this.ratio.isFinite() || this.ratio.lt(0) || this.ratio.gt(1)) {
      throw new RangeError(`mock venue partialFillRatio must be in [0, 1], got ${this.scenario.partialFillRatio}`);
    }
    if (!this.feeRate.isFinite()) throw new RangeError(`mock venue feeRate must be a finite decimal, got ${this.scenario.feeRate}`);
    this.instruments = instruments;
  }

  handle(command: VenueCommand): readonly KernelInput[] {
    const tsMs = command.tsMs;
    const orderId = command.clientOrderId;
    if (command.type === 'CancelOrder') {
      const order = this.orders.get(orderId);
      if (!order || !order.open) return [];
      order.open = false;
      return [{ kind: 'order_canceled', tsMs, orderId }];
    }
    if (this.scenario.rejectCode !== null && this.scenario.rejectPurposes.includes(command.purpose)) {
      return [{ kind: 'order_rejected', tsMs, orderId, venueCode: this.scenario.rejectCode, message: 'rejected by mock venue scenario' }];
    }
    const order: MockOrder = { qty: command.qty, filled: ZERO, open: true, fills: 0 };
    this.orders.set(orderId, order);
    const events: KernelInput[] = [];
    if (this.scenario.acknowledge) events.push({ kind: 'order_accepted', tsMs, orderId });
    if (this.scenario.emitFillOnSubmit) {
      const step = this.instruments[command.asset]?.qtyStep;
      const raw = command.qty.mul(this.ratio);
      const qty = step ? truncToStep(raw, new Decimal(step)) : raw;
      if (qty.gt(0)) {
        order.fills += 1;
        order.filled = order.filled.add(qty);
        if (order.filled.eq(order.qty)) order.open = false;
        const price = command.referencePrice;
        events.push({
          kind: 'order_filled', tsMs, orderId, fillId: `${orderId}#${order.fills}`, qty, price,
          fee: bookMoney(qty.mul(price).mul(this.feeRate)),
        });
      }
    }
    return events;
  }
}
