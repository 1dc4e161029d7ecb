// The invariant catalogue: every kernel and row invariant, in report order. spec/invariants.md lists the same
// IDs (a test keeps them equal); each lives in properties/<ID>.ts.
import type { Invariant } from './invariant.ts';
import { INV_K_SIZE_NON_NEGATIVE } from '../../properties/INV-K-SIZE-NON-NEGATIVE.ts';
import { INV_K_NO_OVERSELL } from '../../properties/INV-K-NO-OVERSELL.ts';
import { INV_K_SINGLE_CLOSE } from '../../properties/INV-K-SINGLE-CLOSE.ts';
import { INV_K_CLOSED_REJECTS_EXIT } from '../../properties/INV-K-CLOSED-REJECTS-EXIT.ts';
import { INV_K_CLOSED_IFF_FLAT } from '../../properties/INV-K-CLOSED-IFF-FLAT.ts';
import { INV_K_LEG_PNL_ADDITIVE } from '../../properties/INV-K-LEG-PNL-ADDITIVE.ts';
import { INV_K_CLOSED_TRADE_PNL } from '../../properties/INV-K-CLOSED-TRADE-PNL.ts';
import { INV_K_LEG_PNL_FORMULA } from '../../properties/INV-K-LEG-PNL-FORMULA.ts';
import { INV_K_CAPITAL_AUTHORITY } from '../../properties/INV-K-CAPITAL-AUTHORITY.ts';
import { INV_K_DECLARED_TRANSITIONS } from '../../properties/INV-K-DECLARED-TRANSITIONS.ts';
import { INV_K_REJECT_NO_CHANGE } from '../../properties/INV-K-REJECT-NO-CHANGE.ts';
import { INV_K_IDEMPOTENT } from '../../properties/INV-K-IDEMPOTENT.ts';
import { INV_R_SCHEMA_VALID } from '../../properties/INV-R-SCHEMA-VALID.ts';
import { INV_R_LEG_ROWS } from '../../properties/INV-R-LEG-ROWS.ts';
import { INV_R_LEG_FRACTIONS } from '../../properties/INV-R-LEG-FRACTIONS.ts';
import { INV_R_RECONCILE } from '../../properties/INV-R-RECONCILE.ts';
import { INV_R_ROW_PROMISES } from '../../properties/INV-R-ROW-PROMISES.ts';
import { INV_M_OUTCOME } from '../../properties/INV-M-OUTCOME.ts';
import { INV_M_COMMANDS } from '../../properties/INV-M-COMMANDS.ts';
import { INV_M_STATE } from '../../properties/INV-M-STATE.ts';
import { INV_M_ROWS } from '../../properties/INV-M-ROWS.ts';

export const KERNEL_INVARIANTS: readonly Invariant[] = [
  INV_K_SIZE_NON_NEGATIVE, INV_K_NO_OVERSELL, INV_K_SINGLE_CLOSE, INV_K_CLOSED_REJECTS_EXIT, INV_K_CLOSED_IFF_FLAT,
  INV_K_LEG_PNL_ADDITIVE, INV_K_CLOSED_TRADE_PNL, INV_K_LEG_PNL_FORMULA, INV_K_CAPITAL_AUTHORITY, INV_K_DECLARED_TRANSITIONS,
  INV_K_REJECT_NO_CHANGE, INV_K_IDEMPOTENT,
];

export const ROW_INVARIANTS: readonly Invariant[] = [INV_R_SCHEMA_VALID, INV_R_LEG_ROWS, INV_R_LEG_FRACTIONS, INV_R_RECONCILE, INV_R_ROW_PROMISES];

/** Model-based: the kernel's outputs against the ledger model (src/model/), which reads only the inputs. */
export const MODEL_INVARIANTS: readonly Invariant[] = [INV_M_OUTCOME, INV_M_COMMANDS, INV_M_STATE, INV_M_ROWS];

/** Checked by the runner itself (the same inputs run twice), not by a trace check. */
export const DETERMINISM_ID = 'INV-D-REPLAY-IDENTICAL';

export const CATALOGUE: readonly Invariant[] = [...KERNEL_INVARIANTS, ...ROW_INVARIANTS, ...MODEL_INVARIANTS];

export function invariantById(id: string): Invariant | undefined {
  return CATALOGUE.find((i) => i.id === id);
}
