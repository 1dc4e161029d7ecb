// The audit's invariants over recorded rows: stable IDs, what each states, and where spec/audit.md explains it.
// One list, so the terminal table, the report section and the tests name the same checks.

export interface AuditCheck {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
}

export const AUDIT_CHECKS = [
  { id: 'AUD-LIVE-SCHEMA', title: 'Tables match the BLUE schema', statement: 'Each table has exactly the family schema\'s columns, in schema order, with the schema\'s ClickHouse type (system.columns).' },
  { id: 'AUD-ROW-SCHEMA', title: 'Every row validates against its family schema', statement: 'Every row read has exactly the schema\'s columns, each of its type, enum and format.' },
  { id: 'AUD-LEG-IDS', title: 'Leg rows carry their own ids', statement: 'exit_seq = chain_seq; exit_leg_id = <trade_id>:leg<exit_seq>; chain_head_leg_id = <trade_id>:leg0; chain_prev_leg_id = <trade_id>:leg<exit_seq−1> (\'\' for leg 0); chain_root_trade_id = chain_token = trade_id.' },
  { id: 'AUD-LEG-CAPITAL', title: 'A leg moves capital by its pnl_leg', statement: 'capital_after − capital_before = pnl_leg on every leg row (money at 8 places).' },
  { id: 'AUD-LEG-SEQUENCE', title: 'Leg sequences have no gaps or repeats', statement: 'The exit_seq values of a trade\'s legs are exactly 0, 1, …, n−1; a closed trade has as many legs as its CLOSE row\'s legs.' },
  { id: 'AUD-LEG-ISOLATED', title: 'pnl_leg is the increment, not the total', statement: 'In exit_seq order, pnl_leg = pnl_realized_total − the previous leg\'s pnl_realized_total (0 before leg 0).' },
  { id: 'AUD-LEG-PNL-SUM', title: 'Σ pnl_leg = CLOSE realized_pnl', statement: 'For a closed trade, Σ pnl_leg over its legs = its CLOSE row\'s realized_pnl, exactly at 8 places.' },
  { id: 'AUD-LEG-FRACTIONS', title: 'Fractions and remaining quantity', statement: 'remaining_qty never rises from leg to leg; a closed trade\'s last leg leaves remaining_qty 0 and its fractions sum to 1 within 10⁻¹² per leg.' },
  { id: 'AUD-TRADE-OPEN-CLOSE', title: 'One OPEN and at most one CLOSE per trade', statement: 'Each trade has exactly one OPEN trade_events row and at most one CLOSE row; no leg or CLOSE without its OPEN.' },
  { id: 'AUD-ACCOUNT-DELTA', title: 'An account event moves capital by its delta', statement: 'capital_after − capital_before = delta on every account_events row.' },
  { id: 'AUD-CAPITAL-CHAIN', title: 'Capital chains across account events', statement: 'Per strategy, in event order (ts, then event_id\'s step and event number), each event\'s capital_before = the previous event\'s capital_after.' },
  { id: 'AUD-BALANCE-NO-CAPITAL', title: 'A balance report changes no capital', statement: 'A BALANCE_REPORT row has delta 0 and capital_before = capital_after; the kernel_outcomes row of a balance_reported step keeps capital_after equal to the step before\'s.' },
  { id: 'AUD-RECONCILE', title: 'Families reconcile', statement: 'Every leg\'s command_id is an EXIT intent of its trade; every fill\'s order has a SUBMITTED order_events row of the same trade; every submitted order has an intent of its trade with the matching action; every EXIT_FILL account event\'s fill is in fills with delta = its realized_pnl; a closed trade\'s Σ exit-fill realized_pnl = Σ pnl_leg.' },
] as const satisfies readonly AuditCheck[];

export type AuditCheckId = (typeof AUDIT_CHECKS)[number]['id'];
