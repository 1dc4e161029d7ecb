// Reading Float64 money back to the decimals the writer wrote (spec/audit.md §2). The kernel books money at
// MONEY_DP places; the writer stores the nearest double; ClickHouse 18's text parser may store a neighbour of
// that double. Rounding value × 10^MONEY_DP to the nearest integer recovers the written decimal exactly while
// |value| < 2^25 (there an ulp is < 0.5 × 10^-8), so a one-ulp read-back never alarms and an error of one
// unit in the 8th place always does. Identities are then checked on these integers, exactly.
import { MONEY_DP } from '../kernel/decimal.ts';

export const MONEY_SCALE = 10 ** MONEY_DP;
/** Magnitude below which the read-back is exact at MONEY_DP places (2^24 quote units). */
export const MONEY_EXACT_MAX = 2 ** 24;

/** Money columns per family: booked at MONEY_DP places by the kernel (realized PnL, fees, capital). */
export const MONEY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  trade_exit_legs: ['capital_before', 'capital_after', 'pnl_leg', 'pnl_realized_total'],
  trade_events: ['realized_pnl'],
  fills: ['fee', 'realized_pnl'],
  account_events: ['capital_before', 'capital_after', 'delta', 'venue_balance', 'drift'],
  kernel_outcomes: ['capital_after'],
};

/** The written decimal as an integer count of 10^-MONEY_DP units (a JS number: exact below 2^53). */
export function moneyUnits(x: number): number {
  // x − trunc(x) is exact in binary floating point; only the fraction is scaled, so the product adds no error
  // that matters. + 0 turns a -0 (from a tiny negative read-back) into 0.
  const whole = Math.trunc(x);
  return whole * MONEY_SCALE + Math.round((x - whole) * MONEY_SCALE) + 0;
}

/** Units back to decimal text, for violation messages. */
export function unitsText(units: number): string {
  const neg = units < 0;
  const s = String(Math.abs(units)).padStart(MONEY_DP + 1, '0');
  const int = s.slice(0, s.length - MONEY_DP);
  const frac = s.slice(s.length - MONEY_DP).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** The same read-back in ClickHouse SQL (18.x: round of a Float64, then an Int64). */
export function moneySql(column: string): string {
  return `(toInt64(${column}) * ${MONEY_SCALE} + toInt64(round((${column} - toInt64(${column})) * ${MONEY_SCALE})))`;
}
