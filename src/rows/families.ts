// The eight BLUE row families and their JSON Schemas (schemas/<family>.schema.json): the single source of
// truth for every column. Row types are generated from them (rowTypes.generated.ts, checked by a test).
import accountEvents from '../../schemas/account_events.schema.json' with { type: 'json' };
import fills from '../../schemas/fills.schema.json' with { type: 'json' };
import kernelOutcomes from '../../schemas/kernel_outcomes.schema.json' with { type: 'json' };
import orderEvents from '../../schemas/order_events.schema.json' with { type: 'json' };
import policyDecisions from '../../schemas/policy_decisions.schema.json' with { type: 'json' };
import tradeEvents from '../../schemas/trade_events.schema.json' with { type: 'json' };
import tradeExitLegs from '../../schemas/trade_exit_legs.schema.json' with { type: 'json' };
import tradeIntents from '../../schemas/trade_intents.schema.json' with { type: 'json' };
import type { RowOf } from './rowTypes.generated.ts';

export const FAMILIES = [
  'policy_decisions', 'trade_intents', 'kernel_outcomes', 'order_events', 'fills', 'trade_events', 'trade_exit_legs', 'account_events',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface ColumnSchema {
  readonly type: 'string' | 'number' | 'integer';
  readonly clickhouseType: string;
  readonly description: string;
  readonly enum?: readonly (string | number)[];
  readonly format?: string;
}

export interface FamilySchema {
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly properties: Readonly<Record<string, ColumnSchema>>;
  readonly required: readonly string[];
}

export const FAMILY_SCHEMAS: Readonly<Record<Family, FamilySchema>> = {
  policy_decisions: policyDecisions as FamilySchema,
  trade_intents: tradeIntents as FamilySchema,
  kernel_outcomes: kernelOutcomes as FamilySchema,
  order_events: orderEvents as FamilySchema,
  fills: fills as FamilySchema,
  trade_events: tradeEvents as FamilySchema,
  trade_exit_legs: tradeExitLegs as FamilySchema,
  account_events: accountEvents as FamilySchema,
};

/** The family's columns in schema order: the order rows are serialized in. */
export function columnsOf(family: Family): readonly string[] {
  return FAMILY_SCHEMAS[family].required;
}

export function isFamily(name: string): name is Family {
  return (FAMILIES as readonly string[]).includes(name);
}

export type Row<F extends Family> = RowOf<F>;
export type AnyRow = { [F in Family]: Row<F> }[Family];
export type RowsOf = { [F in Family]: Row<F>[] };
