// The read-back rule of spec/audit.md §2: a Float64 money value one ulp off (ClickHouse 18's text parser) reads
// back as the decimal the writer wrote; an error of one unit in the 8th place always reads back different.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MONEY_EXACT_MAX, moneySql, moneyUnits, unitsText } from '../../src/audit/money.ts';

function neighbour(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] = b[0]! + (x >= 0 ? BigInt(dir) : BigInt(-dir));
  return f[0]!;
}

/** A decimal at 8 places with |value| < 2^24, as its integer count of 10^-8 units. */
const units = fc.bigInt({ min: -(2n ** 24n) * 10n ** 8n + 1n, max: 2n ** 24n * 10n ** 8n - 1n });
const text = (u: bigint) => { const neg = u < 0n; const a = (neg ? -u : u).toString().padStart(9, '0'); return `${neg ? '-' : ''}${a.slice(0, -8)}.${a.slice(-8)}`; };

describe('money read-back at 8 places', () => {
  test.prop([units], { numRuns: 2000 })('a written value and both its neighbouring doubles read back as the written decimal', (u) => {
    const x = Number(text(u));
    for (const y of [x, neighbour(x, 1), neighbour(x, -1)]) expect(moneyUnits(y)).toBe(Number(u));
  });

  test.prop([units, fc.constantFrom(1n, -1n)], { numRuns: 2000 })('one unit in the 8th place always reads back different', (u, d) => {
    fc.pre(u + d > -(2n ** 24n) * 10n ** 8n && u + d < 2n ** 24n * 10n ** 8n);
    expect(moneyUnits(Number(text(u + d))) - moneyUnits(Number(text(u)))).toBe(Number(d));
  });

  it('beyond 2^24 the rule is not exact: a neighbouring double of 16777216.00000008 reads back one unit off (why the spec states the range)', () => {
    const x = Number('16777216.00000008');
    expect([x, neighbour(x, 1), neighbour(x, -1)].map(moneyUnits).some((u) => u !== 1677721600000008)).toBe(true);
  });

  it('measured cases: ClickHouse 18 stores 9.524 as the next double up; it still reads back as 9.524', () => {
    expect(9.524000000000001).not.toBe(9.524);
    expect(unitsText(moneyUnits(9.524000000000001))).toBe('9.524');
    expect(unitsText(moneyUnits(-0.00000001))).toBe('-0.00000001');
    expect(MONEY_EXACT_MAX).toBe(16777216);
    expect(moneySql('pnl_leg')).toBe('(toInt64(pnl_leg) * 100000000 + toInt64(round((pnl_leg - toInt64(pnl_leg)) * 100000000)))');
  });
});
