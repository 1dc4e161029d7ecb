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
  if (typeof x === 'string') return parseText(x);
  if (x instanceof Decimal) return x;
  if (DecimalJs.isDecimal(x)) return new Decimal((x as { toString(): string }).toString());
  if (typeof x === 'number') return parseText(String(x));
  return null;
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_TEXT = /^[+-]?(NaN|Infinity)$/;

/**
 * Parsed decimal texts. Inputs repeat the same prices, sizes and fees; a Decimal is immutable, so handing the
 * same instance back is indistinguishable from parsing again (results never depend on the cache). Bounded:
 * cleared when full, so memory stays flat whatever the input.
 */
const parsed = new Map<string, Decimal | null>();
const PARSED_MAX = 4096;
/** Longer texts are parsed every time: a hostile 50 MB "number" must not be kept alive by the cache. */
const PARSED_TEXT_MAX = 64;

function parseText(text: string): Decimal | null {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  const s = text.trim();
  const d = DECIMAL_TEXT.test(s) || SPECIAL_TEXT.test(s) ? new Decimal(s) : null;
  if (text.length <= PARSED_TEXT_MAX) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(text, d);
  }
  return d;
}

/**
 * a.cmp(b) without its cost: decimal.js's comparisons first copy their argument into a new Decimal (digits array
 * and all), which made comparing the largest allocation of a checked step. Same result as `a.cmp(b)` for any two
 * Decimals of this configuration (whose digits are always normalised: no leading or trailing zero words): −1, 0, 1,
 * NaN when either is NaN.
 */
export function compare(a: Decimal, b: Decimal): number {
  if (a === b) return a.d ? 0 : a.s ? 0 : NaN;
  const ad = a.d;
  const bd = b.d;
  const as = a.s;
  const bs = b.s;
  if (!ad || !bd) return !as || !bs ? NaN : as !== bs ? as : ad === bd ? 0 : (!ad !== (as < 0)) ? 1 : -1;
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -bs : 0;
  if (as !== bs) return as;
  if (a.e !== b.e) return (a.e > b.e) !== (as < 0) ? 1 : -1;
  const al = ad.length;
  const bl = bd.length;
  for (let i = 0, n = al < bl ? al : bl; i < n; i++) {
    if (ad[i] !== bd[i]) return (ad[i]! > bd[i]!) !== (as < 0) ? 1 : -1;
  }
  return al === bl ? 0 : (al > bl) !== (as < 0) ? 1 : -1;
}

/** a.eq(b), without copying b. */
export function same(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
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
