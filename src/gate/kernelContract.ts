// A system under test loaded from a module is checked on every step: a step that returns a Promise (async)
// or something that is not a step result is a finding about that module (INV-K-NEVER-THROWS, exit 1), named,
// never a crash of the workbench and never a pass.
import type { StepResult } from '../kernel/types.ts';
import type { SystemUnderTest } from './systemUnderTest.ts';

export class KernelContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelContractError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

/** What is wrong with a step's return value, or null when it has the shape of a StepResult. */
export function stepResultProblem(r: unknown): string | null {
  if (isObject(r) && typeof r['then'] === 'function') return 'step returned a Promise: step(state, input) must be synchronous';
  if (!isObject(r)) return `step returned ${r === null ? 'null' : typeof r}, not { state, outcome, commands, events, journal }`;
  const s = r['state'];
  if (!isObject(s) || !Array.isArray(s['slots']) || !isObject(s['account']) || !isObject(s['config'])) return 'step result.state is not a kernel state (config, slots[], account)';
  const o = r['outcome'];
  if (!isObject(o) || typeof o['accepted'] !== 'boolean' || typeof o['diagnosticCode'] !== 'string' || !Array.isArray(o['transitions']) || !isObject(o['details'])) {
    return 'step result.outcome is not an outcome (accepted, diagnosticCode, transitions[], details)';
  }
  if (!Array.isArray(r['commands']) || !Array.isArray(r['events'])) return 'step result.commands and .events must be arrays';
  if (!isObject(r['journal'])) return 'step result.journal must be an object';
  return null;
}

/** The system with its step checked: a malformed result throws KernelContractError (a finding). */
export function withContractCheck(sut: SystemUnderTest): SystemUnderTest {
  const step = sut.step;
  return {
    ...sut,
    step: (state, input) => {
      const r: unknown = step(state, input);
      const problem = stepResultProblem(r);
      if (problem) {
        // An async step's rejection must not surface later as an unhandled rejection.
        if (isObject(r) && typeof r['then'] === 'function') (r as unknown as Promise<unknown>).then(undefined, () => undefined);
        throw new KernelContractError(`${sut.name}: ${problem}`);
      }
      return r as StepResult;
    },
  };
}
