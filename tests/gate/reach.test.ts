// The reach matrix: cells classified from inputs and the state before each step (not from the kernel's outcome),
// every rule pair the table calls possible met by the pair generator, the impossible list in spec/invariants.md,
// and the gate failing on an unreached cell.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KernelInput, KernelIntent } from '../../src/kernel/types.ts';
import { INTENT_REJECTION_PRECEDENCE } from '../../src/kernel/diagnostics.ts';
import { executeActions, executeInputs } from '../../src/gate/execute.ts';
import { GATE_CONFIG, REFERENCE } from '../../src/gate/systemUnderTest.ts';
import { addReach } from '../../src/gate/reach.ts';
import { IMPOSSIBLE_CELLS, REACH_CELLS } from '../../src/gate/reachMatrix.ts';
import { impossibleCellsMarkdown } from '../../src/gate/reachSpec.ts';
import { FIELD_CONFLICTS, POSSIBLE_PAIRS, PRECEDENCE_PAIRS, RULES, brokenRules, viewIntent } from '../../src/gate/precedenceRules.ts';
import type { GateAction } from '../../src/gate/actions.ts';
import { workbench } from '../cli/helpers.ts';

let seq = 0;
const intent = (over: Partial<KernelIntent> & Pick<KernelIntent, 'action'>, tsMs = 1000): KernelInput => ({
  kind: 'intent', tsMs, intent: {
    intentId: `I${++seq}`, tradeId: 'T1', slotId: 0, asset: 'BTCUSDT', side: 'LONG', referencePrice: '100',
    targetSize: over.action === 'ENTER' ? '0.1' : null, leverage: '2', exitLegRatios: ['0.5', '0.5'], reason: 'TEST', ...over,
  },
});
const fill = (orderId: string, qty: string, fillId: string): KernelInput => ({ kind: 'order_filled', tsMs: 1000, orderId, fillId, qty, price: '100', fee: '0' });
const ack = (orderId: string): KernelInput => ({ kind: 'order_accepted', tsMs: 1000, orderId });
const balance = (): KernelInput => ({ kind: 'balance_reported', tsMs: 1000, balance: '25000' });

function reachOf(inputs: readonly KernelInput[]): Record<string, number> {
  const exec = executeInputs(REFERENCE, GATE_CONFIG, inputs);
  const counts: Record<string, number> = {};
  addReach(counts, exec.trace.records);
  return counts;
}

const open = [intent({ action: 'ENTER', tradeId: 'T1', targetSize: '0.1' }), fill('T1:E', '0.1', 'F1')];

describe('reach classification (inputs + state before the step)', () => {
  it('classifies input kind × purpose × stage from the order and the slot before the step', () => {
    const r = reachOf([...open, ack('T1:E'), intent({ action: 'EXIT', tradeId: 'T1' }), intent({ action: 'CANCEL', tradeId: 'T1', slotId: 1 })]);
    expect(r['stage:ENTER/ENTRY/IDLE']).toBe(1);
    expect(r['stage:order_filled/ENTRY/ORDER_REQUESTED']).toBe(1);
    expect(r['stage:order_accepted/ENTRY/POSITION_OPEN']).toBe(1); // a stale ack: the entry filled before it
    expect(r['stage:EXIT/EXIT/POSITION_OPEN']).toBe(1);
    expect(r['stage:CANCEL/ANY/IDLE']).toBe(1);
  });

  it('classifies exit sizes against the remaining size, the step and the plan', () => {
    const step = (target: string | null) => reachOf([...open, intent({ action: 'EXIT', tradeId: 'T1', targetSize: target })]);
    expect(step('0.1')['exitSize:remainder']).toBe(1);
    expect(step('0.101')['exitSize:remainder+step']).toBe(1);
    const minus = step('0.099');
    expect(minus['exitSize:remainder-step']).toBe(1);
    expect(minus['exitSize:residue-below-min']).toBe(1); // 0.001 @100 is below the 5 USDT minimum notional
    expect(step('0.3')['exitSize:multiple']).toBe(1);
    expect(step('0.01')['exitSize:below-min']).toBe(1);
    expect(step(null)['exitSize:plan-leg']).toBe(1);
    expect(step(null)['exitSize:plan-last-leg']).toBeUndefined();
    const zero = reachOf([intent({ action: 'ENTER', tradeId: 'T1', targetSize: '0.05', exitLegRatios: ['0.01', '0.99'] }), fill('T1:E', '0.05', 'F1'), intent({ action: 'EXIT', tradeId: 'T1' })]);
    expect(zero['exitSize:plan-leg-zero']).toBe(1);
  });

  it('measures how late a duplicate or late event is, and whether the order could still take quantity', () => {
    const partial = [intent({ action: 'ENTER', tradeId: 'T1', targetSize: '0.1' }), fill('T1:E', '0.04', 'F1')];
    expect(reachOf([...partial, fill('T1:E', '0.04', 'F1')])['venueRepeat:duplicate-fill/next/open']).toBe(1);
    const later = reachOf([...partial, ...Array.from({ length: 12 }, balance), fill('T1:E', '0.04', 'F1')]);
    expect(later['venueRepeat:duplicate-fill/many/open']).toBe(1);
    const done = reachOf([...open, balance(), balance(), ack('T1:E')]);
    expect(done['venueRepeat:late-event/few/spent']).toBe(1);
    expect(reachOf([...partial, fill('T1:E', '0.04', 'F1')])['venueRepeat:duplicate-fill-age/latest/open']).toBe(1);
    const three = [...partial, fill('T1:E', '0.01', 'F2'), fill('T1:E', '0.01', 'F3')];
    const aged = (id: string) => Object.keys(reachOf([...three, fill('T1:E', '0.01', id)])).filter((k) => k.startsWith('venueRepeat:duplicate-fill-age/'));
    expect([aged('F3'), aged('F2'), aged('F1')]).toEqual([
      ['venueRepeat:duplicate-fill-age/latest/open'], ['venueRepeat:duplicate-fill-age/one-back/open'], ['venueRepeat:duplicate-fill-age/older/open'],
    ]);
  });

  it('counts mode × action only when nothing earlier in the precedence is broken', () => {
    const halted: KernelInput = { kind: 'control_changed', tsMs: 1000, mode: 'HALTED', verbosity: 'INFO' };
    expect(reachOf([...open, halted, intent({ action: 'EXIT', tradeId: 'T1' })])['modeAction:HALTED/EXIT']).toBe(1);
    expect(reachOf([...open, halted, intent({ action: 'EXIT', tradeId: 'T1', intentId: '' })])['modeAction:HALTED/EXIT']).toBeUndefined();
  });

  it('counts several slots on one instrument by side', () => {
    const r = reachOf([...open, intent({ action: 'ENTER', tradeId: 'T2', slotId: 1, side: 'SHORT' })]);
    expect(r['sameInstrument:ENTER/opposite-side']).toBe(1);
    expect(r['sameInstrument:ENTER/same-side']).toBeUndefined();
  });

  it('counts every pair of rules one intent breaks', () => {
    const r = reachOf([intent({ action: 'ENTER', slotId: 7, referencePrice: 'NaN', leverage: '0' })]);
    expect(r['precedence:UNKNOWN_SLOT>INVALID_PRICE']).toBe(1);
    expect(r['precedence:UNKNOWN_SLOT>INVALID_LEVERAGE']).toBe(1);
    expect(r['precedence:INVALID_PRICE>INVALID_LEVERAGE']).toBe(1);
    expect(Object.keys(r).filter((k) => k.startsWith('precedence:'))).toHaveLength(3);
  });

  it('reads nothing the kernel claims: outcomes, events and transitions replaced by nonsense give the same cells', () => {
    const inputs = [...open, ack('T1:E'), intent({ action: 'EXIT', tradeId: 'T1', targetSize: '0.2' }), fill('T1:X0', '0.1', 'F2'), fill('T1:X0', '0.1', 'F2'), ack('T1:E')];
    const exec = executeInputs(REFERENCE, GATE_CONFIG, inputs);
    const honest: Record<string, number> = {};
    addReach(honest, exec.trace.records);
    const lying = exec.trace.records.map((r) => ({
      ...r, result: { ...r.result, outcome: { ...r.result.outcome, accepted: !r.result.outcome.accepted, diagnosticCode: 'OK' as const, transitions: [], emittedEvents: [] }, events: [], commands: [] },
    }));
    const fooled: Record<string, number> = {};
    addReach(fooled, lying);
    expect(fooled).toEqual(honest);
    expect(Object.keys(honest).length).toBeGreaterThan(5);
  });
});

describe('rule pairs (spec/kernel.md §6.1)', () => {
  it('has one rule per precedence code, in order, and field conflicts only between otherwise compatible pairs', () => {
    expect(RULES.map((r) => r.code)).toEqual([...INTENT_REJECTION_PRECEDENCE]);
    expect(PRECEDENCE_PAIRS).toHaveLength((RULES.length * (RULES.length - 1)) / 2);
    for (const c of FIELD_CONFLICTS) {
      const p = PRECEDENCE_PAIRS.find((x) => x.first === c.pair[0] && x.second === c.pair[1]);
      expect(p?.impossible, `${c.pair.join('>')}`).toBe(`fields: ${c.reason}`);
    }
  });

  // The kernel checks an input's timestamp before it looks inside the intent, so an intent that is both malformed
  // (reason not a string) and badly timed gets INVALID_TIMESTAMP, where §6.1 lists INVALID_INPUT first.
  const KNOWN_DIVERGENCES = new Set(['INVALID_INPUT>INVALID_TIMESTAMP']);

  it('the pair generator meets every possible pair with one intent, and the kernel names the earlier rule', () => {
    const warm: GateAction = { k: 'enter', slot: 0, side: 'LONG', asset: 0, sizeSteps: 100, priceTicks: 0, leverage: 2, plan: [50, 50] };
    const diverged = new Set<string>();
    POSSIBLE_PAIRS.forEach((p, pair) => {
      for (let variant = 0; variant < 4; variant++) {
        const exec = executeActions(REFERENCE, GATE_CONFIG, [warm, { k: 'breakTwo', slot: 1, pair, variant }]);
        const r = exec.trace.records.find((x) => x.input.kind === 'intent' && /^PAIR:|^7$/.test(String(x.input.intent.reason)));
        expect(r, `${p.first}>${p.second} variant ${variant}: no pair intent`).toBeDefined();
        const broken = brokenRules(viewIntent(r!.input as Extract<KernelInput, { kind: 'intent' }>, r!.before));
        expect(broken, `${p.first}>${p.second} variant ${variant}`).toEqual(expect.arrayContaining([p.first, p.second]));
        if (r!.result.outcome.diagnosticCode !== broken[0]) diverged.add(`${broken[0]}>${r!.result.outcome.diagnosticCode}`);
      }
    });
    expect([...diverged]).toEqual([...KNOWN_DIVERGENCES]);
  });
});

describe('the impossible list', () => {
  it('spec/invariants.md prints the one list the code has', () => {
    const spec = readFileSync(new URL('../../spec/invariants.md', import.meta.url), 'utf8');
    const block = /<!-- reach-impossible:start -->\n([\s\S]*?)\n<!-- reach-impossible:end -->/.exec(spec)?.[1];
    expect(block).toBe(impossibleCellsMarkdown());
    expect(IMPOSSIBLE_CELLS.length).toBeGreaterThan(0);
    expect(REACH_CELLS.filter((c) => c.impossible === null).length).toBeGreaterThan(300);
  });
});

describe('the gate enforces reach', () => {
  it('fails (exit 1) and names the cell when the mix leaves a cell unreached', () => {
    const r = workbench(['gate', '--profile', 'smoke', '--no-corpus', '--enforce-coverage', '--without', 'stale', '--counterexamples', '/tmp/wb-reach-cx']);
    expect(r.status).toBe(1);
    // only `stale` sends an ack for a closed trade's entry order: without it that cell cannot be reached
    expect(r.stdout).toContain('reach cell never reached: stage order_accepted/ENTRY/CLOSED');
    expect(r.stdout).toContain('FAILED');
  });

  it('bad --without names the option and the value, exit 2', () => {
    const r = workbench(['gate', '--profile', 'smoke', '--without', 'stale,teleport']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--without must name action kinds among');
    expect(r.stderr).toContain('"teleport"');
  });
});
