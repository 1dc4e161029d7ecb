// The gate over a black box, in-process: which invariants apply (every catalogue invariant classified, row
// invariants only with capability `rows`), that the applicable ones read only what the box sent (never the
// reference shadow that resolved the inputs), and that a box showing a stale capital breaks INV-M-STATE.
import { describe, expect, it } from 'vitest';
import type { BlackBox, BoxRun } from '../../src/gate/blackBox.ts';
import { BLACK_BOX, blackBoxPlan } from '../../src/gate/blackBoxInvariants.ts';
import { checkExecution } from '../../src/gate/checks.ts';
import { executeActions } from '../../src/gate/execute.ts';
import { runGate } from '../../src/gate/runner.ts';
import { GATE_CONFIG, REFERENCE, type SystemUnderTest } from '../../src/gate/systemUnderTest.ts';
import { CATALOGUE } from '../../src/invariants/catalogue.ts';
import { initialState } from '../../src/kernel/state.ts';
import { step } from '../../src/kernel/step.ts';
import type { KernelConfig, KernelInput } from '../../src/kernel/types.ts';
import { StepViewer, type StepView } from '../../src/parity/stepView.ts';
import fc from 'fast-check';
import { gateCaseArb } from '../../src/gate/actions.ts';

/** The reference kernel seen as a black box: what it would send over the protocol, with capability `outcome`. */
function referenceViews(config: KernelConfig, inputs: readonly KernelInput[]): StepView[] {
  const viewer = new StepViewer();
  let state = initialState(config);
  return inputs.map((input) => {
    const before = state;
    const result = step(before, input);
    state = result.state;
    const v = viewer.view(before, input, result);
    const o = result.outcome;
    return { ...v, outcome: { ...v.outcome, severity: o.severity, transitions: o.transitions.map((t) => ({ from: t.from, trigger: t.trigger, to: t.to })), emitted_events: [...o.emittedEvents] } as StepView['outcome'] };
  });
}

function fakeBox(capabilities: string[], tamper: (views: StepView[]) => StepView[] = (v) => v): SystemUnderTest {
  const box: BlackBox = {
    command: 'in-process fake', capabilities, plan: blackBoxPlan(capabilities),
    run: (config, inputs): BoxRun => {
      const views = tamper(referenceViews(config, inputs));
      return { views: capabilities.includes('rows') ? views : views.map(({ rows: _r, ...v }) => v), fault: null };
    },
    close: () => undefined,
  };
  return { name: 'fake-box', step: () => { throw new Error('never stepped'); }, writeRows: null, blackBox: box };
}

const CASES = fc.sample(gateCaseArb(3, 60), { seed: 7, numRuns: 40 });

describe('black-box applicability', () => {
  it('classifies every catalogue invariant, with a reason for each that does not apply', () => {
    expect(Object.keys(BLACK_BOX).sort()).toEqual(CATALOGUE.map((i) => i.id).sort());
    const plan = blackBoxPlan(['rows', 'outcome']);
    expect(plan.invariants.map((i) => i.id)).toEqual(['INV-R-SCHEMA-VALID', 'INV-R-LEG-ROWS', 'INV-R-ROW-PROMISES', 'INV-M-OUTCOME', 'INV-M-COMMANDS', 'INV-M-STATE', 'INV-M-ROWS']);
    expect(plan.invariants.length + plan.notApplicable.length).toBe(CATALOGUE.length);
    for (const n of plan.notApplicable) expect(n.reason).toMatch(/needs the kernel's internal (state|events)/);
  });

  it('without capability rows, the row invariants are listed as not applicable, saying why', () => {
    const plan = blackBoxPlan([]);
    expect(plan.invariants.map((i) => i.id)).toEqual(['INV-M-OUTCOME', 'INV-M-COMMANDS', 'INV-M-STATE']);
    expect(plan.notApplicable.find((n) => n.id === 'INV-M-ROWS')?.reason).toContain('did not declare capability `rows`');
  });
});

describe('a black box is checked on what it sent', () => {
  it('the reference seen as a black box holds every applicable invariant, and each is exercised', () => {
    const sut = fakeBox(['rows', 'outcome']);
    const exercised = new Map<string, number>();
    for (const c of CASES) {
      const exec = executeActions(sut, GATE_CONFIG, c.actions);
      const r = checkExecution(exec, sut.blackBox!.plan.invariants);
      expect(r.violations).toEqual([]);
      for (const [id, n] of r.exercised) exercised.set(id, (exercised.get(id) ?? 0) + n);
    }
    for (const inv of sut.blackBox!.plan.invariants) expect(exercised.get(inv.id), inv.id).toBeGreaterThan(0);
  });

  it('the applicable invariants never read the shadow: blanking its state and events changes no verdict', () => {
    const sut = fakeBox(['rows', 'outcome'], (views) => views.map((v, i) => (i === 3 ? { ...v, capital: '1' } : v)));
    for (const c of CASES.slice(0, 15)) {
      const exec = executeActions(sut, GATE_CONFIG, c.actions);
      const blank = initialState(GATE_CONFIG);
      const blanked = { ...exec, trace: { ...exec.trace, records: exec.trace.records.map((r) => ({ ...r, before: blank, result: { ...r.result, state: blank, events: [] } })) } };
      const a = checkExecution(exec, sut.blackBox!.plan.invariants);
      const b = checkExecution(blanked, sut.blackBox!.plan.invariants);
      expect(b.violations).toEqual(a.violations);
    }
  });

  it('a box whose capital lags one step breaks INV-M-STATE (capital), shrunk to a few inputs; its outcomes and rows hold', () => {
    const stale = fakeBox(['rows', 'outcome'], (views) => views.map((v, i) => (i > 0 ? { ...v, capital: views[i - 1]!.capital } : v)));
    const r = runGate({ sut: stale, config: GATE_CONFIG, profile: 'smoke', runs: 200, seed: 1, stepCountMax: 40, timeBudgetMs: null, determinismRuns: 0, shard: null, enforceCoverage: false, invariants: stale.blackBox!.plan.invariants });
    expect(r.status).toBe('failed');
    expect(r.failures.map((f) => f.invariantId)).toEqual(['INV-M-STATE']);
    expect(r.failures[0]!.counterexample.message).toContain('capital');
    expect(r.failures[0]!.counterexample.inputs.length).toBeLessThanOrEqual(6);
    // The counterexample shows the box's capital, not the reference's.
    const cx = r.failures[0]!.counterexample;
    expect(cx.steps[cx.stepIndex]!.capital).toBe('25000');
  });

  it('the shadow resolves the actions: the box gets exactly the inputs the reference would have got', () => {
    let seen: readonly KernelInput[] = [];
    const spy = fakeBox(['rows']);
    const box = spy.blackBox!;
    const recording: SystemUnderTest = { ...spy, blackBox: { ...box, run: (config, inputs) => ((seen = inputs), box.run(config, inputs)) } };
    const c = CASES[5]!;
    executeActions(recording, GATE_CONFIG, c.actions);
    expect(seen).toEqual(executeActions(REFERENCE, GATE_CONFIG, c.actions).inputs);
  });
});
