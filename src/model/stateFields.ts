// Every field of the kernel's trade, order and account records, each with the value the ledger model says it must
// hold. The records are typed `Record<keyof Trade, …>` (and so on): a field added to the kernel's state without a
// model counterpart fails to compile, so no state field can go unchecked.
import { Decimal, ZERO, same } from '../kernel/decimal.ts';
import type { Account, Order, Trade } from '../kernel/types.ts';
import { legsRealizedOf, total, type LedgerModel, type ModelOrder, type ModelTrade, type TradeTotals } from './ledger.ts';

export type FieldValue = Decimal | string | number | boolean | null | readonly (Decimal | string)[];

export const TRADE_FIELDS: { readonly [K in keyof Trade]-?: (t: ModelTrade, x: TradeTotals) => FieldValue } = {
  tradeId: (t) => t.tradeId,
  slotId: (t) => t.slotId,
  asset: (t) => t.asset,
  side: (t) => t.side,
  stage: (t) => t.stage,
  requestedSize: (t) => t.requestedSize,
  initialSize: (_, x) => x.initialSize,
  size: (_, x) => x.size,
  entryNotional: (_, x) => x.entryNotional,
  entryPrice: (_, x) => x.entryPrice,
  entryFees: (_, x) => x.entryFees,
  entryFeesCharged: (_, x) => x.entryFeesCharged,
  exitNotional: (_, x) => x.exitNotional,
  exitFees: (_, x) => x.exitFees,
  exitedQty: (_, x) => x.exitedQty,
  realizedPnl: (_, x) => x.realized,
  legsRealizedPnl: (t) => legsRealizedOf(t),
  markPrice: (t) => t.markPrice,
  leverage: (t) => t.leverage,
  entryReferencePrice: (t) => t.entryReferencePrice,
  exitOrderCount: (t) => t.exitOrderCount,
  exitLegRatios: (t) => t.exitLegRatios,
  activeLegIndex: (t) => t.legs.length,
  activeEntryOrder: (t) => t.activeEntryOrder,
  activeExitOrder: (t) => t.activeExitOrder,
  closed: (t) => t.closed,
  closeReason: (t) => t.closeReason,
  openedAtMs: (t) => t.openedAtMs,
  fillCount: (t) => t.entryFills.length + t.exitFills.length,
};

export const ORDER_FIELDS: { readonly [K in keyof Order]-?: (o: ModelOrder) => FieldValue } = {
  orderId: (o) => o.orderId,
  slotId: (o) => o.slotId,
  tradeId: (o) => o.tradeId,
  purpose: (o) => o.purpose,
  asset: (o) => o.asset,
  orderSide: (o) => o.orderSide,
  qty: (o) => o.qty,
  referencePrice: (o) => o.referencePrice,
  reduceOnly: (o) => o.reduceOnly,
  status: (o) => o.status,
  filledQty: (o) => total(o.fills, (f) => f.qty),
  filledNotional: (o) => total(o.fills, (f) => f.qty.mul(f.price)),
  fees: (o) => total(o.fills, (f) => f.fee),
  legPnl: (o) => total(o.legFills, (f) => f.pnl),
  legQty: (o) => total(o.legFills, (f) => f.qty),
  legNotional: (o) => total(o.legFills, (f) => f.qty.mul(f.price)),
  legFees: (o) => total(o.legFills, (f) => f.fee.add(f.entryFeeShare)),
  fillIds: (o) => o.fills.map((f) => f.fillId),
  cancelRequested: (o) => o.cancelRequested,
  reason: (o) => o.reason,
  intentId: (o) => o.intentId,
};

export const ACCOUNT_FIELDS: { readonly [K in keyof Account]-?: (m: LedgerModel) => FieldValue } = {
  initialCapital: (m) => m.config.initialCapital,
  capital: (m) => m.account.capital,
  // capital = initial capital + Σ realized (spec §8); accountSelfCheck holds the model to it at the end of each run.
  realizedPnl: (m) => m.account.capital.sub(m.config.initialCapital),
  feesPaid: (m) => m.account.feesPaid,
  lastVenueBalance: (m) => m.account.lastVenueBalance,
  balanceReports: (m) => m.account.balanceReports,
};

/** Equal as the spec means it: decimals by value, lists element by element, everything else strictly. */
export function sameValue(kernel: unknown, model: FieldValue): boolean {
  // `same` is eq without decimal.js's copy of the argument; a Decimal of another configuration takes eq's path.
  if (model instanceof Decimal) return kernel instanceof Decimal ? same(kernel, model) : Decimal.isDecimal(kernel) && (kernel as Decimal).eq(model);
  if (Array.isArray(model)) {
    if (!Array.isArray(kernel) || kernel.length !== model.length) return false;
    return model.every((x, i) => sameValue(kernel[i], x as FieldValue));
  }
  return kernel === model;
}

/** A value as exact text for a violation message. */
export function shown(x: unknown): string {
  if (Decimal.isDecimal(x)) return (x as Decimal).toFixed();
  if (Array.isArray(x)) return `[${x.map(shown).join(', ')}]`;
  return x === null ? 'null' : x === undefined ? 'undefined' : String(x);
}

export { ZERO };
