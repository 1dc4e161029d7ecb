// The ledger model's data: plain mutable records written from spec/kernel.md, independent of the kernel's code.
// Quantities the kernel keeps as running sums are recomputed here from the fill lists every time they are read
// (slow and obviously right), so the model cannot share a bookkeeping mistake with the kernel.
import { Decimal, ZERO } from '../kernel/decimal.ts';
import type { KernelConfig, KernelMode, OrderPurpose, OrderSide, OrderStatus, Side, Stage, Verbosity } from '../kernel/types.ts';

/** One execution as the venue reported it, and what the spec says it books. */
export interface ModelFill {
  readonly fillId: string;
  readonly orderId: string;
  /** Applied quantity: the reported quantity clamped to what the order (and, for exits, the position) had left. */
  readonly qty: Decimal;
  readonly reportedQty: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  /** Exit fills: the booked PnL and the share of entry fees charged with it; zero for entry fills. */
  readonly pnl: Decimal;
  readonly entryFeeShare: Decimal;
  readonly late: boolean;
}

export interface ModelOrder {
  readonly orderId: string;
  readonly slotId: number;
  readonly tradeId: string;
  readonly purpose: OrderPurpose;
  readonly asset: string;
  readonly orderSide: OrderSide;
  readonly qty: Decimal;
  readonly referencePrice: Decimal;
  readonly reduceOnly: boolean;
  readonly reason: string;
  readonly intentId: string;
  status: OrderStatus;
  cancelRequested: boolean;
  readonly fills: ModelFill[];
  /** Fills of this order that belong to its leg not yet completed. */
  legFills: ModelFill[];
}

export interface ModelLeg {
  readonly index: number;
  readonly orderId: string;
  readonly kind: 'order' | 'late_fill';
  readonly fills: readonly ModelFill[];
}

export interface ModelTrade {
  readonly tradeId: string;
  readonly slotId: number;
  readonly asset: string;
  readonly side: Side;
  stage: Stage;
  readonly requestedSize: Decimal;
  readonly leverage: Decimal;
  readonly entryReferencePrice: Decimal;
  readonly exitLegRatios: readonly Decimal[];
  readonly openedAtMs: number;
  readonly entryFills: ModelFill[];
  readonly exitFills: ModelFill[];
  readonly legs: ModelLeg[];
  exitOrderCount: number;
  activeEntryOrder: string | null;
  activeExitOrder: string | null;
  closed: boolean;
  closeReason: string;
  markPrice: Decimal;
}

export interface ModelAccount {
  /** initialCapital + Σ booked exit-fill PnL, kept as a running sum; `capitalSelfCheck` recomputes it from the trades. */
  capital: Decimal;
  /** Σ exit fees + entry-fee shares charged, kept as a running sum; `accountSelfCheck` recomputes it. */
  feesPaid: Decimal;
  lastVenueBalance: Decimal | null;
  balanceReports: number;
}

export interface LedgerModel {
  readonly config: KernelConfig;
  mode: KernelMode;
  verbosity: Verbosity;
  /** Index = slot id; null until the slot first holds a trade. */
  readonly slots: (ModelTrade | null)[];
  readonly account: ModelAccount;
  readonly orders: Map<string, ModelOrder>;
  readonly intentIds: Set<string>;
  readonly tradeIds: Set<string>;
  readonly fillIds: Set<string>;
  /** Every trade ever opened, in order (closed trades stay here after a slot is reused). */
  readonly trades: ModelTrade[];
}

export function newModel(config: KernelConfig): LedgerModel {
  return {
    config, mode: 'NORMAL', verbosity: 'INFO', slots: Array.from({ length: config.slotCount }, () => null),
    account: { capital: config.initialCapital, feesPaid: ZERO, lastVenueBalance: null, balanceReports: 0 },
    orders: new Map(), intentIds: new Set(), tradeIds: new Set(), fillIds: new Set(), trades: [],
  };
}

export function total(fills: readonly ModelFill[], of: (f: ModelFill) => Decimal): Decimal {
  let s = ZERO;
  for (const f of fills) s = s.add(of(f));
  return s;
}

export const sign = (side: Side): number => (side === 'LONG' ? 1 : -1);

/** Σ entry fill qty. */
export const initialSizeOf = (t: ModelTrade): Decimal => total(t.entryFills, (f) => f.qty);
export const entryNotionalOf = (t: ModelTrade): Decimal => total(t.entryFills, (f) => f.qty.mul(f.price));
export const entryFeesOf = (t: ModelTrade): Decimal => total(t.entryFills, (f) => f.fee);
export const exitedQtyOf = (t: ModelTrade): Decimal => total(t.exitFills, (f) => f.qty);
export const exitNotionalOf = (t: ModelTrade): Decimal => total(t.exitFills, (f) => f.qty.mul(f.price));
export const exitFeesOf = (t: ModelTrade): Decimal => total(t.exitFills, (f) => f.fee);
export const entryFeesChargedOf = (t: ModelTrade): Decimal => total(t.exitFills, (f) => f.entryFeeShare);
export const realizedOf = (t: ModelTrade): Decimal => total(t.exitFills, (f) => f.pnl);
export const sizeOf = (t: ModelTrade): Decimal => initialSizeOf(t).sub(exitedQtyOf(t));

/** Every running sum of a trade, from one pass over its fills (for comparing many fields at once). */
export interface TradeTotals {
  readonly initialSize: Decimal;
  readonly entryNotional: Decimal;
  readonly entryFees: Decimal;
  readonly exitedQty: Decimal;
  readonly exitNotional: Decimal;
  readonly exitFees: Decimal;
  readonly entryFeesCharged: Decimal;
  readonly realized: Decimal;
  readonly size: Decimal;
  readonly entryPrice: Decimal;
}

export function tradeTotals(t: ModelTrade): TradeTotals {
  let initialSize = ZERO, entryNotional = ZERO, entryFees = ZERO;
  for (const f of t.entryFills) {
    initialSize = initialSize.add(f.qty);
    entryNotional = entryNotional.add(f.qty.mul(f.price));
    entryFees = entryFees.add(f.fee);
  }
  let exitedQty = ZERO, exitNotional = ZERO, exitFees = ZERO, entryFeesCharged = ZERO, realized = ZERO;
  for (const f of t.exitFills) {
    exitedQty = exitedQty.add(f.qty);
    exitNotional = exitNotional.add(f.qty.mul(f.price));
    exitFees = exitFees.add(f.fee);
    entryFeesCharged = entryFeesCharged.add(f.entryFeeShare);
    realized = realized.add(f.pnl);
  }
  const entryPrice = initialSize.isZero() ? ZERO : entryNotional.div(initialSize);
  return { initialSize, entryNotional, entryFees, exitedQty, exitNotional, exitFees, entryFeesCharged, realized, size: initialSize.sub(exitedQty), entryPrice };
}

/** Volume-weighted average entry price; 0 before the first entry fill. */
export function entryPriceOf(t: ModelTrade): Decimal {
  const q = initialSizeOf(t);
  return q.isZero() ? ZERO : entryNotionalOf(t).div(q);
}

/** Σ pnl of the completed legs. */
export function legsRealizedOf(t: ModelTrade): Decimal {
  let s = ZERO;
  for (const leg of t.legs) s = s.add(total(leg.fills, (f) => f.pnl));
  return s;
}

export function unrealizedOf(t: ModelTrade): Decimal {
  const size = sizeOf(t);
  return size.isZero() ? ZERO : t.markPrice.sub(entryPriceOf(t)).mul(size).mul(sign(t.side));
}

/** Margin a live trade holds (spec/kernel.md §7). */
export function marginHeld(t: ModelTrade): Decimal {
  if (t.stage === 'ORDER_REQUESTED') return t.requestedSize.mul(t.entryReferencePrice).div(t.leverage);
  if (t.stage === 'POSITION_OPEN' || t.stage === 'EXIT_REQUESTED') return sizeOf(t).mul(entryPriceOf(t)).div(t.leverage);
  return ZERO;
}

/** Σ realized PnL of every trade: capital − initial capital must equal it. */
export function realizedAll(m: LedgerModel): Decimal {
  let s = ZERO;
  for (const t of m.trades) s = s.add(realizedOf(t));
  return s;
}

export const capitalOf = (m: LedgerModel): Decimal => m.account.capital;

/** The model's own assumption: its running sums equal what the trades' fills say (capital = initial + Σ realized). */
export function accountSelfCheck(m: LedgerModel): boolean {
  return m.account.capital.eq(m.config.initialCapital.add(realizedAll(m))) && m.account.feesPaid.eq(feesPaidAll(m));
}

/** Fees charged to realized PnL so far: exit fees plus the entry-fee shares booked with exit fills. */
export function feesPaidAll(m: LedgerModel): Decimal {
  let s = ZERO;
  for (const t of m.trades) s = s.add(exitFeesOf(t)).add(entryFeesChargedOf(t));
  return s;
}

export const isTerminalStatus = (s: OrderStatus): boolean => s === 'FILLED' || s === 'CANCELED' || s === 'EXPIRED' || s === 'REJECTED';

export { Decimal };
