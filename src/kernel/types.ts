// The kernel's data: inputs it accepts, the state it keeps, and everything one step returns.
import type { Decimal } from './decimal.ts';
import type { DiagnosticCode, Severity } from './diagnostics.ts';
import type { PersistentMap, PersistentSet } from './persistent.ts';

export type Side = 'LONG' | 'SHORT';
export type OrderSide = 'BUY' | 'SELL';
export type Action = 'ENTER' | 'EXIT' | 'CANCEL';
export type KernelMode = 'NORMAL' | 'DEBUG' | 'REDUCE_ONLY' | 'HALTED';
export type Verbosity = 'INFO' | 'TRACE';

/** Trade stages; IDLE is a slot that has never held a trade. */
export type Stage = 'IDLE' | 'ORDER_REQUESTED' | 'POSITION_OPEN' | 'EXIT_REQUESTED' | 'CLOSED';
export const STAGES: readonly Stage[] = ['IDLE', 'ORDER_REQUESTED', 'POSITION_OPEN', 'EXIT_REQUESTED', 'CLOSED'];

export type OrderStatus = 'PENDING_NEW' | 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';
export type OrderPurpose = 'ENTRY' | 'EXIT';

/** A decimal field as it may arrive: validated and converted by the kernel, never trusted. */
export type DecimalInput = Decimal | string | number;

/** A policy's request (the seed's KernelIntent). Numbers may be anything; the kernel validates. */
export interface KernelIntent {
  readonly intentId: string;
  readonly tradeId: string;
  readonly slotId: number;
  readonly asset: string;
  readonly side: Side;
  readonly action: Action;
  readonly referencePrice: DecimalInput;
  /** ENTER: size to open. EXIT: explicit leg size, or null to take the next ratio of the exit plan. */
  readonly targetSize: DecimalInput | null;
  readonly leverage: DecimalInput;
  readonly exitLegRatios: readonly DecimalInput[];
  readonly reason: string;
}

export interface Instrument {
  readonly asset: string;
  readonly priceTick: Decimal;
  readonly qtyStep: Decimal;
  readonly minQty: Decimal;
  readonly minNotional: Decimal;
}

export type KernelInput =
  | { readonly kind: 'intent'; readonly tsMs: number; readonly intent: KernelIntent }
  | { readonly kind: 'order_accepted'; readonly tsMs: number; readonly orderId: string }
  | {
      readonly kind: 'order_filled';
      readonly tsMs: number;
      readonly orderId: string;
      /** The venue's execution id (trade id): the dedupe key. */
      readonly fillId: string;
      readonly qty: DecimalInput;
      readonly price: DecimalInput;
      /** Fee in the quote currency; negative is a rebate. Adapters convert other fee assets. */
      readonly fee: DecimalInput;
    }
  | { readonly kind: 'order_rejected'; readonly tsMs: number; readonly orderId: string; readonly venueCode: string; readonly message: string }
  | { readonly kind: 'order_canceled'; readonly tsMs: number; readonly orderId: string }
  | { readonly kind: 'order_expired'; readonly tsMs: number; readonly orderId: string }
  | { readonly kind: 'balance_reported'; readonly tsMs: number; readonly balance: DecimalInput }
  | { readonly kind: 'control_changed'; readonly tsMs: number; readonly mode: KernelMode; readonly verbosity: Verbosity };

export type InputKind = KernelInput['kind'];
export const INPUT_KINDS: readonly InputKind[] = [
  'intent', 'order_accepted', 'order_filled', 'order_rejected', 'order_canceled', 'order_expired', 'balance_reported', 'control_changed',
];

export interface Order {
  readonly orderId: string;
  readonly slotId: number;
  readonly tradeId: string;
  readonly purpose: OrderPurpose;
  readonly asset: string;
  readonly orderSide: OrderSide;
  readonly qty: Decimal;
  readonly referencePrice: Decimal;
  readonly reduceOnly: boolean;
  readonly status: OrderStatus;
  readonly filledQty: Decimal;
  readonly filledNotional: Decimal;
  readonly fees: Decimal;
  /** Realized PnL booked by this order's fills that belong to its (not yet emitted) leg. */
  readonly legPnl: Decimal;
  readonly legQty: Decimal;
  readonly legNotional: Decimal;
  readonly legFees: Decimal;
  readonly fillIds: readonly string[];
  readonly cancelRequested: boolean;
  readonly reason: string;
  readonly intentId: string;
}

export interface Trade {
  readonly tradeId: string;
  readonly slotId: number;
  readonly asset: string;
  readonly side: Side;
  readonly stage: Stage;
  readonly requestedSize: Decimal;
  /** Σ entry fill qty: the size the exit plan's ratios apply to. */
  readonly initialSize: Decimal;
  /** Remaining open size. */
  readonly size: Decimal;
  readonly entryNotional: Decimal;
  readonly entryPrice: Decimal;
  readonly entryFees: Decimal;
  /** Entry fees already charged to exit fills (pro rata by closed qty). */
  readonly entryFeesCharged: Decimal;
  readonly exitNotional: Decimal;
  readonly exitFees: Decimal;
  readonly exitedQty: Decimal;
  readonly realizedPnl: Decimal;
  /** Σ pnl of completed legs: equals realizedPnl except while a leg is still filling. */
  readonly legsRealizedPnl: Decimal;
  readonly markPrice: Decimal;
  readonly leverage: Decimal;
  readonly entryReferencePrice: Decimal;
  readonly exitOrderCount: number;
  readonly exitLegRatios: readonly Decimal[];
  /** Completed exit legs so far; the next leg's index. */
  readonly activeLegIndex: number;
  readonly activeEntryOrder: string | null;
  readonly activeExitOrder: string | null;
  readonly closed: boolean;
  readonly closeReason: string;
  readonly openedAtMs: number;
  readonly fillCount: number;
}

export interface Slot {
  readonly slotId: number;
  readonly trade: Trade | null;
}

export interface Account {
  readonly initialCapital: Decimal;
  readonly capital: Decimal;
  readonly realizedPnl: Decimal;
  readonly feesPaid: Decimal;
  /** Last venue balance report: recorded for drift diagnostics, never authoritative. */
  readonly lastVenueBalance: Decimal | null;
  readonly balanceReports: number;
}

export interface KernelConfig {
  readonly slotCount: number;
  readonly initialCapital: Decimal;
  readonly instruments: Readonly<Record<string, Instrument>>;
  readonly quoteAsset: string;
}

export interface KernelState {
  readonly config: KernelConfig;
  readonly mode: KernelMode;
  readonly verbosity: Verbosity;
  readonly slots: readonly Slot[];
  readonly account: Account;
  /** By client order id. Persistent: a step shares all it does not change with the previous state. */
  readonly orders: PersistentMap<Order>;
  readonly seenIntentIds: PersistentSet;
  readonly seenTradeIds: PersistentSet;
  readonly seenFillIds: PersistentSet;
}

export interface Transition {
  readonly slotId: number;
  readonly tradeId: string;
  readonly from: Stage;
  readonly to: Stage;
  readonly trigger: Trigger;
}

export type Trigger =
  | 'ENTER'
  | 'EXIT'
  | 'CANCEL_REQUEST'
  | 'ENTRY_ACK'
  | 'ENTRY_FILL_PARTIAL'
  | 'ENTRY_FILL_COMPLETE'
  | 'ENTRY_FILL_LATE'
  | 'ENTRY_ENDED_FILLED'
  | 'ENTRY_ENDED_EMPTY'
  | 'EXIT_ACK'
  | 'EXIT_FILL_PARTIAL'
  | 'EXIT_FILL_LEG_DONE'
  | 'EXIT_FILL_FLAT'
  | 'EXIT_FILL_LATE'
  | 'EXIT_FILL_LATE_FLAT'
  | 'EXIT_ENDED';
export const TRIGGERS: readonly Trigger[] = [
  'ENTER', 'EXIT', 'CANCEL_REQUEST', 'ENTRY_ACK', 'ENTRY_FILL_PARTIAL', 'ENTRY_FILL_COMPLETE', 'ENTRY_FILL_LATE',
  'ENTRY_ENDED_FILLED', 'ENTRY_ENDED_EMPTY', 'EXIT_ACK', 'EXIT_FILL_PARTIAL', 'EXIT_FILL_LEG_DONE', 'EXIT_FILL_FLAT',
  'EXIT_FILL_LATE', 'EXIT_FILL_LATE_FLAT', 'EXIT_ENDED',
];

export type VenueCommand =
  | {
      readonly type: 'SubmitOrder';
      readonly tsMs: number;
      readonly clientOrderId: string;
      readonly slotId: number;
      readonly tradeId: string;
      readonly purpose: OrderPurpose;
      readonly asset: string;
      readonly orderSide: OrderSide;
      readonly qty: Decimal;
      readonly referencePrice: Decimal;
      readonly reduceOnly: boolean;
    }
  | { readonly type: 'CancelOrder'; readonly tsMs: number; readonly clientOrderId: string; readonly asset: string };

export type KernelEvent =
  | { readonly type: 'TradeOpened'; readonly tsMs: number; readonly slotId: number; readonly tradeId: string; readonly asset: string; readonly side: Side; readonly requestedSize: Decimal; readonly referencePrice: Decimal; readonly leverage: Decimal; readonly intentId: string }
  | { readonly type: 'OrderSubmitted'; readonly tsMs: number; readonly order: Order }
  | { readonly type: 'OrderAccepted'; readonly tsMs: number; readonly order: Order }
  | { readonly type: 'OrderRejected'; readonly tsMs: number; readonly order: Order; readonly venueCode: string; readonly message: string }
  | { readonly type: 'OrderCanceled'; readonly tsMs: number; readonly order: Order }
  | { readonly type: 'OrderExpired'; readonly tsMs: number; readonly order: Order }
  | { readonly type: 'OrderCancelRequested'; readonly tsMs: number; readonly order: Order }
  | {
      readonly type: 'OrderFilled';
      readonly tsMs: number;
      readonly order: Order;
      readonly fillId: string;
      readonly qty: Decimal;
      /** The qty the venue reported, when more than the order had left (clamped). */
      readonly reportedQty: Decimal;
      readonly price: Decimal;
      readonly fee: Decimal;
      /** Realized PnL booked by this fill (exit fills; zero for entry fills). */
      readonly realizedPnl: Decimal;
      readonly late: boolean;
    }
  | {
      readonly type: 'ExitLegCompleted';
      readonly tsMs: number;
      readonly slotId: number;
      readonly tradeId: string;
      readonly legIndex: number;
      readonly orderId: string;
      /** 'order' when the leg is an exit order's fills; 'late_fill' when a fill arrived after its order ended. */
      readonly kind: 'order' | 'late_fill';
      readonly qty: Decimal;
      readonly exitPrice: Decimal;
      readonly exitNotional: Decimal;
      readonly entryPrice: Decimal;
      readonly fees: Decimal;
      readonly pnl: Decimal;
      readonly realizedTotal: Decimal;
      readonly remainingQty: Decimal;
      readonly initialSize: Decimal;
      readonly reason: string;
    }
  | { readonly type: 'TradeClosed'; readonly tsMs: number; readonly slotId: number; readonly tradeId: string; readonly closeReason: string; readonly realizedPnl: Decimal }
  | { readonly type: 'CapitalChanged'; readonly tsMs: number; readonly before: Decimal; readonly after: Decimal; readonly delta: Decimal; readonly cause: 'EXIT_FILL'; readonly tradeId: string; readonly orderId: string; readonly fillId: string }
  | { readonly type: 'BalanceReported'; readonly tsMs: number; readonly venueBalance: Decimal; readonly kernelCapital: Decimal; readonly drift: Decimal }
  | { readonly type: 'ModeChanged'; readonly tsMs: number; readonly from: KernelMode; readonly to: KernelMode; readonly verbosity: Verbosity };

export type KernelEventType = KernelEvent['type'];

export interface KernelOutcome {
  /** True when the input changed state; false means it was rejected or ignored and nothing changed. */
  readonly accepted: boolean;
  readonly slotId: number | null;
  readonly tradeId: string | null;
  readonly state: Stage | null;
  readonly diagnosticCode: DiagnosticCode;
  readonly severity: Severity;
  readonly transitions: readonly Transition[];
  readonly emittedEvents: readonly KernelEventType[];
  readonly details: Readonly<Record<string, string>>;
}

export interface JournalEntry {
  readonly seq: number;
  readonly tsMs: number;
  readonly inputKind: string;
  readonly accepted: boolean;
  readonly diagnosticCode: DiagnosticCode;
  readonly severity: Severity;
  readonly transitions: readonly string[];
}

export interface StepResult {
  readonly state: KernelState;
  readonly outcome: KernelOutcome;
  readonly commands: readonly VenueCommand[];
  readonly events: readonly KernelEvent[];
  readonly journal: JournalEntry;
}
