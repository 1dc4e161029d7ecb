// The adapter-fuzz checks, in report order: the INV-A conformance invariants (most specific first, so the
// first violated one names the mistake), then every kernel invariant in properties/INV-K-*.ts, run unchanged
// on the adapter-in-the-loop trace.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { CheckResult, Invariant, RunTrace, Violation } from '../../invariants/invariant.ts';
import type { AdapterTrace } from '../trace.ts';
import { INV_A_ANSWERS } from '../../../properties/INV-A-ANSWERS.ts';
import { INV_A_NO_SILENT_SUCCESS } from '../../../properties/INV-A-NO-SILENT-SUCCESS.ts';
import { INV_A_GRID } from '../../../properties/INV-A-GRID.ts';
import { INV_A_UNKNOWN_NOT_FAILED } from '../../../properties/INV-A-UNKNOWN-NOT-FAILED.ts';
import { INV_A_TERMINAL_FINAL } from '../../../properties/INV-A-TERMINAL-FINAL.ts';
import { INV_A_CUM_WITHIN_ORDER } from '../../../properties/INV-A-CUM-WITHIN-ORDER.ts';
import { INV_A_FILLS_COUNT } from '../../../properties/INV-A-FILLS-COUNT.ts';
import { INV_A_EXEC_ONCE } from '../../../properties/INV-A-EXEC-ONCE.ts';
import { INV_A_FILL_FIDELITY } from '../../../properties/INV-A-FILL-FIDELITY.ts';
import { INV_A_RECONCILED } from '../../../properties/INV-A-RECONCILED.ts';
import { INV_A_KERNEL_ACCEPTS } from '../../../properties/INV-A-KERNEL-ACCEPTS.ts';

export const ADAPTER_INVARIANTS: readonly Invariant<AdapterTrace>[] = [
  INV_A_ANSWERS, INV_A_NO_SILENT_SUCCESS, INV_A_GRID, INV_A_UNKNOWN_NOT_FAILED, INV_A_TERMINAL_FINAL, INV_A_CUM_WITHIN_ORDER,
  INV_A_FILLS_COUNT, INV_A_EXEC_ONCE, INV_A_FILL_FIDELITY, INV_A_RECONCILED, INV_A_KERNEL_ACCEPTS,
];

function isInvariant(x: unknown): x is Invariant<RunTrace> {
  const o = x as Partial<Invariant<RunTrace>> | null;
  return typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.check === 'function';
}

const PROPERTIES_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '../../../properties');

/** Every kernel-scope invariant exported from properties/INV-K-*.ts (one definition, reused here). */
export async function loadKernelInvariants(dir = PROPERTIES_DIR): Promise<Invariant<RunTrace>[]> {
  // .ts from the sources, .js from the built workbench (dist/properties).
  const files = readdirSync(dir).filter((f) => /^INV-K-.*\.(ts|js)$/.test(f) && !/\.test\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const found = new Map<string, Invariant<RunTrace>>();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (isInvariant(value) && value.scope === 'kernel' && !found.has(value.id)) found.set(value.id, value);
    }
  }
  return [...found.values()];
}

/** Runs one check; a check that throws is reported as its own violation rather than crashing the fuzz. */
export function runCheck<T extends RunTrace>(inv: Invariant<T>, trace: T): CheckResult {
  try {
    return inv.check(trace);
  } catch (e) {
    const violation: Violation = {
      invariantId: inv.id, message: `the check itself threw ${(e as Error).name}: ${(e as Error).message}`, stepIndex: 0, values: { internal: 'true' },
    };
    return { violations: [violation], exercised: 0 };
  }
}
