// compare()/same() are decimal.js's cmp/eq without the argument copy: they must agree with cmp on every pair,
// including zeros of either sign, NaN, ±Infinity, values that differ only past the first digit word, and
// results of arithmetic (whose digits decimal.js normalises).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, compare, same } from '../../src/kernel/decimal.ts';

const special = fc.constantFrom('0', '-0', 'NaN', 'Infinity', '-Infinity', '1', '-1', '1.0000001', '1.00000010', '10000000', '9999999.9999999');
const text = fc.oneof(
  special,
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 25 })).map(([neg, digits, scale]) => {
    const s = digits.toString().padStart(scale + 1, '0');
    const v = scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
    return neg ? `-${v}` : v;
  }),
);
const dec = fc.oneof(
  text.map((t) => new Decimal(t)),
  fc.tuple(text, text).map(([a, b]) => new Decimal(a).add(b)),
  fc.tuple(text, text).map(([a, b]) => new Decimal(a).mul(b)),
  fc.tuple(text, text).map(([a, b]) => new Decimal(a).div(b)),
);

describe('compare', () => {
  it('agrees with decimal.js cmp and eq on every pair', () => {
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        expect(compare(a, b)).toBe(a.cmp(b));
        expect(compare(b, a)).toBe(b.cmp(a));
        expect(compare(a, a)).toBe(a.cmp(a));
        expect(same(a, b)).toBe(a.eq(b));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it('tells apart values that share their first digit word', () => {
    expect(compare(new Decimal('1.00000001'), new Decimal('1.00000002'))).toBe(-1);
    expect(compare(new Decimal('-1.00000001'), new Decimal('-1.00000002'))).toBe(1);
    expect(compare(new Decimal('0'), new Decimal('-0'))).toBe(0);
    expect(Number.isNaN(compare(new Decimal(NaN), new Decimal(NaN)))).toBe(true);
  });
});
