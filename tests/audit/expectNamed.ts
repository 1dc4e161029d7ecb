// The assertion every planted-corruption test makes: the audit names it, and flags nothing else.
import { expect } from 'vitest';
import type { AuditResult } from '../../src/audit/runAudit.ts';
import { flags, type Planted } from './plant.ts';

export function expectNamedOnly(r: AuditResult, p: Planted): void {
  const fl = flags(r);
  expect(r.status, p.name).toBe('violations');
  if (p.ddl) {
    // A column change is named by the schema check of that family, and that family is then not read.
    expect(fl.length, p.name).toBeGreaterThan(0);
    for (const f of fl) expect(f, p.name).toMatchObject({ check: 'AUD-LIVE-SCHEMA', family: p.key });
    return;
  }
  expect(fl.filter((f) => f.check === p.check).map((f) => f.key), p.name).toContain(p.key);
  const within = (key: string) => p.touches.some((t) => key === t || key.startsWith(`${t}:`));
  expect(fl.filter((f) => !within(f.key)), `${p.name}: flagged beyond the corruption`).toEqual([]);
}
