import { moneyUnits } from '/work/wt/i14/src/audit/money.ts';
function nb(x: number, d: number) { const f = new Float64Array([x]); const b = new BigInt64Array(f.buffer); b[0] = b[0]! + BigInt(d); return f[0]!; }
for (let u = 1677721600000000n + 1n; u < 1677721600000000n + 100000n; u += 7n) {
  const s = u.toString(); const t = `${s.slice(0, -8)}.${s.slice(-8)}`; const x = Number(t);
  for (const y of [nb(x, 1), nb(x, -1)]) if (moneyUnits(y) !== Number(u)) { console.log(t); process.exit(0); }
}
