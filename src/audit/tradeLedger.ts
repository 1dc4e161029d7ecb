// The aggregate identities over files of rows (`--rows DIR`), one family at a time, in the order
// FAMILY_ORDER gives. Memory is a small record per trade (sums as integer money units, counts, the
// ids of its EXIT intents and submitted orders, five numbers per leg) and one per strategy; the rows themselves
// stream through. The ClickHouse path (sqlChecks.ts, sqlLinks.ts) computes the same identities in the server.
import type { Family } from '../rows/families.ts';
import type { FindingCollector } from './findings.ts';
import { moneyUnits, unitsText } from './money.ts';
import type { RecordedRow } from './rowChecks.ts';

/** trade_events first: it decides which trades the window holds; then what refers to them. */
export const FAMILY_ORDER: readonly Family[] = [
  'trade_events', 'trade_intents', 'order_events', 'fills', 'trade_exit_legs', 'account_events', 'kernel_outcomes', 'policy_decisions',
];

interface Leg { seq: number; pnl: number; total: number; remaining: number; fraction: number }

interface Trade {
  opens: number;
  closes: number;
  closeRealized: number | null;
  closeLegs: number;
  enter: boolean;
  exitIntents: Set<string>;
  orders: Map<string, string>;
  exitFillPnl: number;
  accountDelta: number;
  legs: Leg[];
  legPnl: number;
  legCount: number;
  /** ts of the last ENTRY fill and the first EXIT fill: an entry filled at or after an exit is EXC-LATE-ENTRY. */
  lastEntryFill: string;
  firstExitFill: string;
}

const FRACTION_PER_LEG = 1e-12;

export class TradeLedger {
  private readonly trades = new Map<string, Trade>();
  private readonly lastCapital = new Map<string, { after: number; key: string }>();
  private readonly lastOutcome = new Map<string, number>();

  /** judgeOrphans: false when the window starts after the data does (a trade may have opened before it). */
  constructor(private readonly out: FindingCollector, private readonly judgeOrphans: boolean) {}

  private trade(row: RecordedRow): Trade | undefined {
    return this.trades.get(`${String(row['strategy'])}/${String(row['trade_id'])}`);
  }

  add(family: Family, row: RecordedRow): void {
    switch (family) {
      case 'trade_events': return this.tradeEvent(row);
      case 'trade_intents': return this.intent(row);
      case 'order_events': return this.order(row);
      case 'fills': return this.fill(row);
      case 'trade_exit_legs': return this.leg(row);
      case 'account_events': return this.account(row);
      case 'kernel_outcomes': return this.outcome(row);
      default: return undefined;
    }
  }

  private tradeEvent(row: RecordedRow): void {
    const key = `${String(row['strategy'])}/${String(row['trade_id'])}`;
    let t = this.trades.get(key);
    if (!t) {
      if (row['event'] !== 'OPEN') {
        if (this.judgeOrphans) this.out.add({ check: 'AUD-TRADE-OPEN-CLOSE', family: 'trade_events', key, columns: ['event'], recorded: 'CLOSE without OPEN', expected: 'one OPEN before', message: `trade ${key} has a CLOSE row and no OPEN row` });
        return;
      }
      t = { opens: 0, closes: 0, closeRealized: null, closeLegs: 0, enter: false, exitIntents: new Set(), orders: new Map(), exitFillPnl: 0, accountDelta: 0, legs: [], legPnl: 0, legCount: 0, lastEntryFill: '', firstExitFill: '' };
      this.trades.set(key, t);
    }
    if (row['event'] === 'OPEN') t.opens++;
    else {
      t.closes++;
      if (t.closeRealized === null) {
        t.closeRealized = moneyUnits(row['realized_pnl'] as number);
        t.closeLegs = row['legs'] as number;
      }
    }
  }

  private intent(row: RecordedRow): void {
    const t = this.trade(row);
    if (!t) return;
    if (row['action'] === 'ENTER') t.enter = true;
    if (row['action'] === 'EXIT') t.exitIntents.add(String(row['intent_id']));
  }

  private order(row: RecordedRow): void {
    const t = this.trade(row);
    if (!t || row['event'] !== 'SUBMITTED') return;
    const orderId = String(row['order_id']);
    t.orders.set(orderId, String(row['purpose']));
    this.out.count('AUD-RECONCILE');
    const wanted = row['purpose'] === 'ENTRY' ? t.enter : t.exitIntents.size > 0;
    if (!wanted) {
      const action = row['purpose'] === 'ENTRY' ? 'ENTER' : 'EXIT';
      this.out.add({ check: 'AUD-RECONCILE', family: 'order_events', key: `${String(row['strategy'])}/${orderId}`, columns: ['order_id', 'trade_id', 'purpose'], recorded: `no ${action} intent of trade ${String(row['trade_id'])}`, expected: `an ${action} row in trade_intents`, message: `order ${orderId} (${String(row['purpose'])}) has no ${action} intent of its trade` });
    }
  }

  private fill(row: RecordedRow): void {
    const t = this.trade(row);
    if (!t) return;
    const orderId = String(row['order_id']);
    this.out.count('AUD-RECONCILE');
    if (!t.orders.has(orderId)) {
      this.out.add({ check: 'AUD-RECONCILE', family: 'fills', key: `${String(row['strategy'])}/${String(row['fill_id'])}`, columns: ['order_id', 'trade_id'], recorded: orderId, expected: 'a SUBMITTED order_events row of the trade', message: `fill of order ${orderId} that order_events never submitted` });
    }
    const ts = String(row['ts']);
    if (row['purpose'] === 'EXIT') {
      t.exitFillPnl += moneyUnits(row['realized_pnl'] as number);
      if (t.firstExitFill === '' || ts < t.firstExitFill) t.firstExitFill = ts;
    } else if (ts > t.lastEntryFill) t.lastEntryFill = ts;
  }

  private leg(row: RecordedRow): void {
    const key = `${String(row['strategy'])}/${String(row['trade_id'])}`;
    const t = this.trades.get(key);
    if (!t) {
      if (this.judgeOrphans) this.out.add({ check: 'AUD-TRADE-OPEN-CLOSE', family: 'trade_exit_legs', key: `${String(row['strategy'])}/${String(row['exit_leg_id'])}`, columns: ['trade_id'], recorded: 'leg without OPEN', expected: 'an OPEN trade_events row', message: `leg of trade ${key}, which has no OPEN row` });
      return;
    }
    this.out.count('AUD-RECONCILE');
    if (!t.exitIntents.has(String(row['command_id']))) {
      this.out.add({ check: 'AUD-RECONCILE', family: 'trade_exit_legs', key: `${String(row['strategy'])}/${String(row['exit_leg_id'])}`, columns: ['command_id'], recorded: String(row['command_id']), expected: 'an EXIT intent of the trade', message: `command_id ${String(row['command_id'])} is not an EXIT intent of trade ${String(row['trade_id'])}` });
    }
    const pnl = moneyUnits(row['pnl_leg'] as number);
    t.legPnl += pnl;
    t.legCount++;
    t.legs.push({ seq: row['exit_seq'] as number, pnl, total: moneyUnits(row['pnl_realized_total'] as number), remaining: row['remaining_qty'] as number, fraction: row['fraction'] as number });
  }

  private account(row: RecordedRow): void {
    const strategy = String(row['strategy']);
    const key = `${strategy}/${String(row['event_id'])}`;
    const before = moneyUnits(row['capital_before'] as number);
    const prev = this.lastCapital.get(strategy);
    this.out.count('AUD-CAPITAL-CHAIN');
    if (prev && prev.after !== before) {
      this.out.add({ check: 'AUD-CAPITAL-CHAIN', family: 'account_events', key, columns: ['capital_before'], recorded: unitsText(before), expected: unitsText(prev.after), message: `capital_before ${unitsText(before)} ≠ capital_after ${unitsText(prev.after)} of ${prev.key}` });
    }
    this.lastCapital.set(strategy, { after: moneyUnits(row['capital_after'] as number), key });
    if (row['cause'] === 'EXIT_FILL') {
      const t = this.trade(row);
      if (t) t.accountDelta += moneyUnits(row['delta'] as number);
    }
  }

  private outcome(row: RecordedRow): void {
    const strategy = String(row['strategy']);
    const after = moneyUnits(row['capital_after'] as number);
    const prev = this.lastOutcome.get(strategy);
    if (row['input_kind'] === 'balance_reported') {
      this.out.count('AUD-BALANCE-NO-CAPITAL');
      if (prev !== undefined && after !== prev) {
        this.out.add({ check: 'AUD-BALANCE-NO-CAPITAL', family: 'kernel_outcomes', key: `${strategy}/${String(row['seq'])}`, columns: ['capital_after'], recorded: unitsText(after), expected: unitsText(prev), message: `balance_reported step moved capital_after ${unitsText(prev)} → ${unitsText(after)}` });
      }
    }
    this.lastOutcome.set(strategy, after);
  }

  /** The per-trade identities, once every family has been read. */
  finish(): void {
    for (const [key, t] of this.trades) judgeTrade(key, t, this.out);
  }
}

function judgeTrade(key: string, t: Trade, out: FindingCollector): void {
  out.count('AUD-TRADE-OPEN-CLOSE');
  if (t.opens !== 1 || t.closes > 1) {
    out.add({ check: 'AUD-TRADE-OPEN-CLOSE', family: 'trade_events', key, columns: ['event'], recorded: `${t.opens} OPEN, ${t.closes} CLOSE`, expected: '1 OPEN, ≤ 1 CLOSE', message: `trade has ${t.opens} OPEN and ${t.closes} CLOSE rows` });
  }
  const legs = t.legs.sort((a, b) => a.seq - b.seq);
  const closed = t.closeRealized !== null;
  out.count('AUD-LEG-SEQUENCE');
  const gap = legs.findIndex((l, i) => l.seq !== i);
  if (gap >= 0 || (closed && legs.length !== t.closeLegs)) {
    out.add({ check: 'AUD-LEG-SEQUENCE', family: 'trade_exit_legs', key, columns: ['exit_seq'], recorded: legs.map((l) => l.seq).join(','), expected: closed ? `0..${t.closeLegs - 1}` : `0..${legs.length - 1}`, message: gap >= 0 ? `exit_seq ${legs[gap]!.seq} where ${gap} was due` : `${legs.length} legs, CLOSE row says ${t.closeLegs}` });
  }
  const lateEntry = t.firstExitFill !== '' && t.lastEntryFill >= t.firstExitFill;
  out.count('AUD-LEG-ISOLATED');
  legs.forEach((l, i) => {
    const prevTotal = i === 0 ? 0 : legs[i - 1]!.total;
    if (l.total - prevTotal !== l.pnl) {
      out.add({ check: 'AUD-LEG-ISOLATED', family: 'trade_exit_legs', key: `${key}:leg${l.seq}`, columns: ['pnl_leg', 'pnl_realized_total'], recorded: unitsText(l.pnl), expected: unitsText(l.total - prevTotal), message: `pnl_leg ${unitsText(l.pnl)} is not the increment ${unitsText(l.total - prevTotal)} of pnl_realized_total` });
    }
    if (i > 0 && !lateEntry && l.remaining > legs[i - 1]!.remaining) {
      out.add({ check: 'AUD-LEG-FRACTIONS', family: 'trade_exit_legs', key: `${key}:leg${l.seq}`, columns: ['remaining_qty'], recorded: String(l.remaining), expected: `≤ ${legs[i - 1]!.remaining}`, message: `remaining_qty rose from ${legs[i - 1]!.remaining} to ${l.remaining}` });
    }
  });
  if (!closed || t.closeRealized === null) return;
  out.count('AUD-LEG-PNL-SUM');
  if (t.legPnl !== t.closeRealized) {
    out.add({ check: 'AUD-LEG-PNL-SUM', family: 'trade_exit_legs', key, columns: ['pnl_leg', 'trade_events.realized_pnl'], recorded: unitsText(t.legPnl), expected: unitsText(t.closeRealized), message: `Σ pnl_leg ${unitsText(t.legPnl)} ≠ CLOSE realized_pnl ${unitsText(t.closeRealized)}` });
  }
  out.count('AUD-LEG-FRACTIONS');
  if (legs.length > 0 && !lateEntry) {
    const sum = legs.reduce((a, l) => a + l.fraction, 0);
    const last = legs.at(-1)!;
    if (Math.abs(sum - 1) > FRACTION_PER_LEG * legs.length || last.remaining !== 0) {
      out.add({ check: 'AUD-LEG-FRACTIONS', family: 'trade_exit_legs', key, columns: ['fraction', 'remaining_qty'], recorded: `Σ fraction ${sum}, last remaining_qty ${last.remaining}`, expected: 'Σ fraction 1, last remaining_qty 0', message: `closed trade: Σ fraction ${sum}, last remaining_qty ${last.remaining}` });
    }
  }
  out.count('AUD-RECONCILE');
  if (t.exitFillPnl !== t.legPnl || t.accountDelta !== t.exitFillPnl) {
    out.add({ check: 'AUD-RECONCILE', family: 'fills', key, columns: ['fills.realized_pnl', 'trade_exit_legs.pnl_leg', 'account_events.delta'], recorded: `fills ${unitsText(t.exitFillPnl)}, account ${unitsText(t.accountDelta)}`, expected: `Σ pnl_leg ${unitsText(t.legPnl)}`, message: `closed trade: Σ exit-fill realized_pnl ${unitsText(t.exitFillPnl)}, Σ EXIT_FILL delta ${unitsText(t.accountDelta)}, Σ pnl_leg ${unitsText(t.legPnl)}` });
  }
}
