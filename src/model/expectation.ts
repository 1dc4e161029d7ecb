// What the ledger model expects of one step: the outcome, the venue commands and the facts (in the kernel's
// emission order) from which the expected rows are built. Plain data; the comparison reads nothing else.
import type { Decimal } from '../kernel/decimal.ts';
import type { OrderPurpose, OrderSide, OrderStatus, Side, Stage, Trigger } from '../kernel/types.ts';

export type ModelSeverity = 'INFO' | 'WARN' | 'ERROR';

/** spec/kernel.md §6.2, as sets: the four accepting codes and the codes of each lower severity. */
export const ACCEPTING_CODES: ReadonlySet<string> = new Set(['OK', 'EXIT_CLAMPED', 'FILL_CLAMPED', 'BALANCE_DRIFT']);
const INFO_CODES: ReadonlySet<string> = new Set(['OK', 'DUPLICATE_FILL', 'STALE_ORDER_EVENT', 'CANCEL_ALREADY_REQUESTED']);
const WARN_CODES: ReadonlySet<string> = new Set([
  'EXIT_CLAMPED', 'FILL_CLAMPED', 'BALANCE_DRIFT', 'DUPLICATE_INTENT', 'KERNEL_HALTED', 'REDUCE_ONLY', 'SLOT_OCCUPIED',
  'BELOW_MIN_QTY', 'BELOW_MIN_NOTIONAL', 'INSUFFICIENT_MARGIN', 'NO_POSITION', 'TRADE_CLOSED', 'ENTRY_WORKING',
  'EXIT_WORKING', 'LEG_SIZE_ZERO', 'NO_WORKING_ORDER',
]);

export function severityOf(code: string): ModelSeverity {
  return INFO_CODES.has(code) ? 'INFO' : WARN_CODES.has(code) ? 'WARN' : 'ERROR';
}

export interface ExpectedTransition {
  readonly slotId: number;
  readonly tradeId: string;
  readonly from: Stage;
  readonly to: Stage;
  readonly trigger: Trigger;
}

export type ExpectedCommand =
  | {
      readonly type: 'SubmitOrder'; readonly tsMs: number; readonly clientOrderId: string; readonly slotId: number; readonly tradeId: string;
      readonly purpose: OrderPurpose; readonly asset: string; readonly orderSide: OrderSide; readonly qty: Decimal;
      readonly referencePrice: Decimal; readonly reduceOnly: boolean;
    }
  | { readonly type: 'CancelOrder'; readonly tsMs: number; readonly clientOrderId: string; readonly asset: string };

/** An order as it stands right after one of its events (the order_events row's columns). */
export interface OrderSnapshot {
  readonly orderId: string;
  readonly tradeId: string;
  readonly slotId: number;
  readonly asset: string;
  readonly purpose: OrderPurpose;
  readonly orderSide: OrderSide;
  readonly status: OrderStatus;
  readonly qty: Decimal;
  readonly filledQty: Decimal;
  readonly referencePrice: Decimal;
  readonly reduceOnly: boolean;
  readonly reason: string;
}

export type ExpectedFact =
  | { readonly type: 'TradeOpened'; readonly slotId: number; readonly tradeId: string; readonly asset: string; readonly side: Side; readonly requestedSize: Decimal; readonly referencePrice: Decimal; readonly leverage: Decimal }
  | { readonly type: 'OrderSubmitted' | 'OrderCancelRequested' | 'OrderAccepted' | 'OrderCanceled' | 'OrderExpired'; readonly order: OrderSnapshot }
  | { readonly type: 'OrderRejected'; readonly order: OrderSnapshot; readonly venueCode: string }
  | {
      readonly type: 'OrderFilled'; readonly order: OrderSnapshot; readonly fillId: string; readonly qty: Decimal; readonly reportedQty: Decimal;
      readonly price: Decimal; readonly fee: Decimal; readonly pnl: Decimal; readonly late: boolean;
    }
  | {
      readonly type: 'ExitLegCompleted'; readonly tradeId: string; readonly asset: string; readonly side: Side; readonly legIndex: number;
      readonly qty: Decimal; readonly exitNotional: Decimal; readonly entryPrice: Decimal; readonly pnl: Decimal; readonly realizedTotal: Decimal;
      readonly remainingQty: Decimal; readonly initialSize: Decimal; readonly reason: string; readonly commandId: string; readonly multiLeg: boolean;
    }
  | {
      readonly type: 'TradeClosed'; readonly slotId: number; readonly tradeId: string; readonly asset: string; readonly side: Side;
      readonly requestedSize: Decimal; readonly initialSize: Decimal; readonly entryPrice: Decimal; readonly leverage: Decimal;
      readonly realizedPnl: Decimal; readonly closeReason: string; readonly legs: number;
    }
  | { readonly type: 'CapitalChanged'; readonly before: Decimal; readonly after: Decimal; readonly delta: Decimal; readonly tradeId: string; readonly orderId: string; readonly fillId: string }
  | { readonly type: 'BalanceReported'; readonly venueBalance: Decimal; readonly kernelCapital: Decimal; readonly drift: Decimal }
  | { readonly type: 'ModeChanged' };

export interface ExpectedStep {
  readonly accepted: boolean;
  readonly code: string;
  readonly severity: ModelSeverity;
  /** spec/kernel.md §4.1: the facts each code carries, exactly. */
  readonly details: Readonly<Record<string, string>>;
  readonly slotId: number | null;
  readonly tradeId: string | null;
  /** The subject slot's stage after the step; null when the step concerns no slot. */
  readonly stage: Stage | null;
  readonly transitions: readonly ExpectedTransition[];
  readonly commands: readonly ExpectedCommand[];
  readonly facts: readonly ExpectedFact[];
  /** Capital after the step. */
  readonly capitalAfter: Decimal;
}
