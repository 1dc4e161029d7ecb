// Exact arithmetic for the kernel: one Decimal configuration, shared constants, grid helpers.
import { Decimal as DecimalJs } from 'decimal.js';

/** 40 significant digits, half-even: enough that a volume-weighted entry price never loses a cent. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const NEG_ONE = new Decimal(-1);

/** Money is booked (realized PnL, fees, capital) at this many decimal places, half-even. */
export const MONEY_DP = 8;

/** Rounds an amount the moment it is booked; never applied to intermediate values. */
export function bookMoney(x: Decimal): Decimal {
  return x.toDecimalPlaces(MONEY_DP, Decimal.ROUND_HALF_EVEN);
}

/**
 * Accepts a Decimal, a decimal string or a finite number (via its shortest round-trip string);
 * anything else yields null. NaN and ±Infinity come back as Decimal NaN/Infinity so the caller
 * can reject them with a specific code.
 */
export function toDecimal(x: unknown): Decimal | null {
  if (DecimalJs.isDecimal(x)) return x instanceof Decimal ? x : new Decimal((x as { toString(): string }).toString());
  if (typeof x === 'number') return new Decimal(String(x));
  if (typeof x === 'string') {
    const s = x.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) && !/^[+-]?(NaN|Infinity)$/.test(s)) return null;
    return new Decimal(s);
  }
  return null;
}

export function isPositiveFinite(x: Decimal): boolean {
  return x.isFinite() && x.gt(0);
}

export function isOnGrid(x: Decimal, step: Decimal): boolean {
  return x.mod(step).isZero();
}

/** Truncates toward zero onto the grid of `step` (fractions of a step are never rounded up). */
export function truncToStep(x: Decimal, step: Decimal): Decimal {
  return x.div(step).trunc().mul(step);
}

/** Canonical string for rows and reports: plain notation, no exponent, no trailing zeros. */
export function plain(x: Decimal): string {
  return x.toFixed();
}

/** Safe text for any value in diagnostics details (String() throws on symbols and null-prototype objects). */
export function show(x: unknown): string {
  try {
    return typeof x === 'string' ? x : typeof x === 'symbol' ? x.toString() : String(x);
  } catch {
    return Object.prototype.toString.call(x);
  }
}
