// Planted corruptions of a recorded load: each takes the rows by family, breaks one thing the way a writer
// bug would, and says which invariant must name it and which keys it may touch (nothing else may be flagged).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type Family } from '../../src/rows/families.ts';
import type { AuditResult } from '../../src/audit/runAudit.ts';

export type Row = Record<string, unknown>;
export type Load = Record<Family, Row[]>;

export const FIXTURE = 'tests/fixtures/recorded-load';

export function readLoad(dir = FIXTURE): Load {
  return Object.fromEntries(FAMILIES.map((f) => [f, readFileSync(join(dir, `${f}.ndjson`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row)])) as Load;
}

export function writeLoad(dir: string, load: Load): void {
  mkdirSync(dir, { recursive: true });
  for (const f of FAMILIES) writeFileSync(join(dir, `${f}.ndjson`), load[f].map((r) => `${JSON.stringify(r)}\n`).join(''));
}

export interface Planted {
  readonly name: string;
  readonly load: Load;
  /** The invariant that must name the corruption, and the key it names. */
  readonly check: string;
  readonly key: string;
  /** Every violation's key must start with one of these (the corrupted trade, event or table). */
  readonly touches: readonly string[];
  /** For a column change: the DDL edit that makes the same table in ClickHouse. */
  readonly ddl?: (ddl: string) => string;
  /** The rows to insert into that table, when they differ from the NDJSON corruption (a Float32 takes numbers). */
  readonly chLoad?: Load;
}

const tradeKey = (r: Row) => `${String(r['strategy'])}/${String(r['trade_id'])}`;
const clone = (load: Load): Load => structuredClone(load);

function closedTradesWithLegs(load: Load, minLegs: number): [string, Row[]][] {
  const closed = new Set(load.trade_events.filter((r) => r['event'] === 'CLOSE').map(tradeKey));
  const legs = new Map<string, Row[]>();
  for (const r of load.trade_exit_legs) legs.set(tradeKey(r), [...(legs.get(tradeKey(r)) ?? []), r]);
  return [...legs].filter(([k, ls]) => closed.has(k) && ls.length >= minLegs);
}

/** Leg 1 written with the cumulative total instead of its increment (capital_before recomputed from it). */
export function cumulativePnlLeg(base: Load): Planted {
  const load = clone(base);
  const [key, legs] = closedTradesWithLegs(load, 2).find(([, ls]) => ls[0]!['pnl_leg'] !== 0)!;
  const leg = load.trade_exit_legs.find((r) => r['exit_leg_id'] === legs[1]!['exit_leg_id'] && tradeKey(r) === key)!;
  leg['pnl_leg'] = leg['pnl_realized_total'];
  leg['capital_before'] = Number(((leg['capital_after'] as number) - (leg['pnl_leg'] as number)).toFixed(8));
  return { name: 'a cumulative pnl_leg', load, check: 'AUD-LEG-ISOLATED', key: `${key}:leg1`, touches: [key] };
}

export function missingMiddleLeg(base: Load): Planted {
  const load = clone(base);
  const [key, legs] = closedTradesWithLegs(load, 3)[0]!;
  const middle = legs[1]!['exit_leg_id'];
  load.trade_exit_legs = load.trade_exit_legs.filter((r) => !(tradeKey(r) === key && r['exit_leg_id'] === middle));
  return { name: 'a missing middle leg', load, check: 'AUD-LEG-SEQUENCE', key, touches: [key] };
}

export function secondClose(base: Load): Planted {
  const load = clone(base);
  const close = load.trade_events.find((r) => r['event'] === 'CLOSE')!;
  load.trade_events.push({ ...close });
  return { name: 'a second CLOSE', load, check: 'AUD-TRADE-OPEN-CLOSE', key: tradeKey(close), touches: [tradeKey(close)] };
}

/** From one EXIT_FILL event on, every capital column of the strategy's account events is 100 higher. */
export function capitalJump(base: Load): Planted {
  const load = clone(base);
  const byStrategy = new Map<string, Row[]>();
  for (const r of load.account_events) byStrategy.set(String(r['strategy']), [...(byStrategy.get(String(r['strategy'])) ?? []), r]);
  const [strategy, events] = [...byStrategy].find(([, ev]) => ev.filter((r) => r['cause'] === 'EXIT_FILL').length >= 3)!;
  const from = events.findIndex((r, i) => i > 0 && r['cause'] === 'EXIT_FILL');
  for (const r of events.slice(from)) {
    r['capital_before'] = (r['capital_before'] as number) + 100;
    r['capital_after'] = (r['capital_after'] as number) + 100;
  }
  return { name: 'capital that jumps between two account events', load, check: 'AUD-CAPITAL-CHAIN', key: `${strategy}/${String(events[from]!['event_id'])}`, touches: [`${strategy}/${String(events[from]!['event_id'])}`] };
}

/** The strategy's last account event is a balance report, written as if the venue's number were applied. */
export function balanceMovesCapital(base: Load): Planted {
  const load = clone(base);
  const last = new Map<string, Row>();
  for (const r of load.account_events) last.set(String(r['strategy']), r);
  const row = [...last.values()].find((r) => r['cause'] === 'BALANCE_REPORT' && r['drift'] !== 0)!;
  row['capital_after'] = row['venue_balance'];
  row['delta'] = row['drift'];
  const key = `${String(row['strategy'])}/${String(row['event_id'])}`;
  return { name: 'a balance report that moves capital', load, check: 'AUD-BALANCE-NO-CAPITAL', key, touches: [key] };
}

export function renamedColumn(base: Load): Planted {
  const load = clone(base);
  load.kernel_outcomes = load.kernel_outcomes.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k === 'emitted_events' ? 'events' : k, v])));
  return { name: 'a renamed column', load, check: 'AUD-LIVE-SCHEMA', key: 'kernel_outcomes', touches: [], ddl: (d) => d.replace(/(kernel_outcomes\n\([\s\S]*?)emitted_events String/, '$1events String') };
}

export function retypedColumn(base: Load): Planted {
  const load = clone(base);
  for (const r of load.policy_decisions) r['confidence'] = String(r['confidence']);
  return { name: 'a retyped column', load, check: 'AUD-LIVE-SCHEMA', key: 'policy_decisions', touches: [], ddl: (d) => d.replace(/confidence Float64/, 'confidence Float32'), chLoad: base };
}

/** One row off its schema: a policy decision whose source is neither policy nor scenario. */
export function rowOffSchema(base: Load): Planted {
  const load = clone(base);
  const row = load.policy_decisions[5]!;
  row['source'] = 'robot';
  const key = `${String(row['strategy'])}/${String(row['decision_id'])}`;
  return { name: 'a row off its schema', load, check: 'AUD-ROW-SCHEMA', key, touches: [key] };
}

export const PLANTS = [cumulativePnlLeg, missingMiddleLeg, secondClose, capitalJump, balanceMovesCapital, renamedColumn, retypedColumn, rowOffSchema];

export interface Flag { readonly check: string; readonly family: string; readonly key: string }

export function flags(r: AuditResult): Flag[] {
  return r.checks.flatMap((c) => c.violations.map((v) => ({ check: c.id, family: v.family, key: v.key })));
}
