// Which invariants a black-box kernel (a protocol child) can be held to, and why the others cannot. A black box
// shows per step its outcome, its commands, its slot dicts and capital and (capability `rows`) its rows; it shows
// no internal events, no order records, no trade records beyond the slot dict. Every catalogue invariant is
// listed here — a test fails when one is missing — so a gate over a black box never checks silently fewer rules.
import type { Invariant } from '../invariants/invariant.ts';
import { CATALOGUE } from '../invariants/catalogue.ts';

export type Applicability =
  | { readonly applies: true; readonly how: string; readonly needs?: 'rows' }
  | { readonly applies: false; readonly reason: string; readonly coveredBy: readonly string[] };

const NO_EVENTS = 'needs the kernel\'s internal events';
const NO_STATE = 'needs the kernel\'s internal state';

export const BLACK_BOX: Readonly<Record<string, Applicability>> = {
  'INV-K-SIZE-NON-NEGATIVE': { applies: false, reason: `${NO_STATE}: every order's filled and ordered quantity (order.filledQty, order.qty)`, coveredBy: ['INV-M-STATE', 'INV-M-COMMANDS'] },
  'INV-K-NO-OVERSELL': { applies: false, reason: `${NO_EVENTS}: the OrderFilled events of each trade's exit orders`, coveredBy: ['INV-M-COMMANDS', 'INV-M-STATE'] },
  'INV-K-SINGLE-CLOSE': { applies: false, reason: `${NO_EVENTS}: the TradeClosed events`, coveredBy: ['INV-M-OUTCOME', 'INV-M-ROWS'] },
  'INV-K-CLOSED-REJECTS-EXIT': { applies: false, reason: `${NO_STATE}: the whole state before and after an EXIT on a closed trade`, coveredBy: ['INV-M-OUTCOME', 'INV-M-STATE'] },
  'INV-K-CLOSED-IFF-FLAT': { applies: false, reason: `${NO_STATE}: the trade's active entry order and exit plan (trade.activeEntryOrder, trade.exitLegRatios)`, coveredBy: ['INV-M-STATE'] },
  'INV-K-LEG-PNL-ADDITIVE': { applies: false, reason: `${NO_EVENTS}: the ExitLegCompleted events`, coveredBy: ['INV-M-STATE', 'INV-M-ROWS'] },
  'INV-K-CLOSED-TRADE-PNL': { applies: false, reason: `${NO_EVENTS}: every entry and exit fill as applied (OrderFilled)`, coveredBy: ['INV-M-STATE', 'INV-M-ROWS'] },
  'INV-K-LEG-PNL-FORMULA': { applies: false, reason: `${NO_EVENTS}: each exit fill's realized PnL (OrderFilled.realizedPnl)`, coveredBy: ['INV-M-ROWS'] },
  'INV-K-CAPITAL-AUTHORITY': { applies: false, reason: `${NO_EVENTS}: the CapitalChanged and BalanceReported events`, coveredBy: ['INV-M-STATE', 'INV-M-ROWS'] },
  'INV-K-DECLARED-TRANSITIONS': { applies: false, reason: `${NO_STATE}: each trade's stage before and after the step, beside the outcome's transitions`, coveredBy: ['INV-M-OUTCOME'] },
  'INV-K-REJECT-NO-CHANGE': { applies: false, reason: `${NO_STATE}: the whole state before and after a rejected step`, coveredBy: ['INV-M-STATE'] },
  'INV-K-IDEMPOTENT': { applies: false, reason: `${NO_STATE}: the sets of intent and fill ids seen (state.seenIntentIds, state.seenFillIds)`, coveredBy: ['INV-M-OUTCOME', 'INV-M-STATE'] },
  'INV-R-SCHEMA-VALID': { applies: true, how: 'the rows the kernel sends', needs: 'rows' },
  'INV-R-LEG-ROWS': { applies: true, how: 'the rows the kernel sends', needs: 'rows' },
  'INV-R-LEG-FRACTIONS': { applies: false, reason: `${NO_STATE}: each trade's initial size and exit plan, beside its leg rows`, coveredBy: ['INV-M-ROWS'] },
  'INV-R-RECONCILE': { applies: false, reason: `${NO_EVENTS} and state: it reconciles the rows with the kernel's own fills, legs, closes and account`, coveredBy: ['INV-M-ROWS'] },
  'INV-R-ROW-PROMISES': { applies: true, how: 'the rows the kernel sends', needs: 'rows' },
  'INV-M-OUTCOME': { applies: true, how: 'the outcome the kernel sends; severity, transitions and emitted event types only with capability `outcome`' },
  'INV-M-COMMANDS': { applies: true, how: 'the commands the kernel sends, by the protocol\'s columns: kind, order id, side, qty, price, reduce-only' },
  'INV-M-STATE': { applies: true, how: 'black-box form: the slot dicts and the capital the kernel sends after every step (not its internal state)' },
  'INV-M-ROWS': { applies: true, how: 'the rows the kernel sends, every row and column', needs: 'rows' },
};

export interface NotApplicable {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

export interface BlackBoxPlan {
  /** The invariants checked, in catalogue order. */
  readonly invariants: readonly Invariant[];
  /** How each checked invariant is read from a black box. */
  readonly how: Readonly<Record<string, string>>;
  readonly notApplicable: readonly NotApplicable[];
}

/** The invariants a black box with these capabilities is held to, and the rest with the reason. */
export function blackBoxPlan(capabilities: readonly string[], catalogue: readonly Invariant[] = CATALOGUE): BlackBoxPlan {
  const invariants: Invariant[] = [];
  const how: Record<string, string> = {};
  const notApplicable: NotApplicable[] = [];
  for (const inv of catalogue) {
    const a = BLACK_BOX[inv.id];
    if (!a) throw new Error(`workbench bug: ${inv.id} is not classified for black-box kernels (src/gate/blackBoxInvariants.ts)`);
    if (!a.applies) {
      notApplicable.push({ id: inv.id, title: inv.title, reason: `${a.reason}; a black box shows none (covered from outside by ${a.coveredBy.join(', ')})` });
    } else if (a.needs === 'rows' && !capabilities.includes('rows')) {
      notApplicable.push({ id: inv.id, title: inv.title, reason: 'the kernel did not declare capability `rows`, so it sends no rows to check' });
    } else {
      invariants.push(inv);
      how[inv.id] = a.how;
    }
  }
  return { invariants, how, notApplicable };
}
