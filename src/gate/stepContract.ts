// The shape a system under test's step must return. A module that returns a Promise (an async step) or
// anything else malformed is a finding about that module (INV-K-STEP-CONTRACT), not a crash of the workbench.
export const STEP_CONTRACT_ID = 'INV-K-STEP-CONTRACT';
/** A step that never returned (looped, blocked, exited its thread) before the watchdog's deadline. */
export const STEP_RETURNS_ID = 'INV-K-STEP-RETURNS';
/** Default watchdog deadline for one step of a module under test (`--step-deadline`). */
export const STEP_DEADLINE_MS = 10_000;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Null when `r` has the StepResult shape the gate relies on; otherwise what is wrong with it. */
export function malformedStepResult(r: unknown): string | null {
  if (isObject(r) && typeof r['then'] === 'function') return 'returned a Promise: step must be synchronous (async steps are not supported)';
  if (!isObject(r)) return `returned ${r === null ? 'null' : typeof r}, not a StepResult object`;
  if (!isObject(r['state'])) return 'returned no state object';
  const state = r['state'];
  if (!Array.isArray(state['slots'])) return 'returned a state without a slots array';
  if (!isObject(state['account'])) return 'returned a state without an account';
  const o = r['outcome'];
  if (!isObject(o)) return 'returned no outcome object';
  if (typeof o['accepted'] !== 'boolean') return 'returned an outcome whose accepted is not a boolean';
  if (typeof o['diagnosticCode'] !== 'string') return 'returned an outcome whose diagnosticCode is not a string';
  if (!Array.isArray(o['transitions']) || !Array.isArray(o['emittedEvents'])) return 'returned an outcome without transitions and emittedEvents arrays';
  if (!Array.isArray(r['commands'])) return 'returned no commands array';
  if (!Array.isArray(r['events'])) return 'returned no events array';
  return null;
}
