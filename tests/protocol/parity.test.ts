// Parity compares everything a kernel emits, with the candidate's own rows: a writer defect is caught under its
// family and column (in-process and over the protocol), a missing or extra row is named once, an order never
// sent is caught, every distinct signature is counted (cap + rest), and --ignore/--tolerance behave as documented.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/exitCodes.ts';
import { GATE_CONFIG } from '../../src/gate/index.ts';
import { childCandidate, inProcessCandidate } from '../../src/parity/candidate.ts';
import { parsePolicy } from '../../src/parity/comparePolicy.ts';
import { compareInputs, runParity } from '../../src/parity/runParity.ts';
import type { KernelInput } from '../../src/kernel/types.ts';
import { sut as writerDefect } from '../fixtures/parity/writerDefect.ts';
import { sut as twoDefects } from '../fixtures/parity/twoWriterDefects.ts';
import { sut as missingAndExtra } from '../fixtures/parity/rowMissingAndExtra.ts';
import { sut as orderNeverSent } from '../fixtures/parity/orderNeverSent.ts';
import { workbench } from '../cli/helpers.ts';

const T0 = Date.UTC(2026, 4, 25);
const intent = (n: number, action: 'ENTER' | 'EXIT', size: string | null) => ({
  kind: 'intent', tsMs: T0 + n * 1000,
  intent: { intentId: `I${n}`, tradeId: 'T1', slotId: 0, asset: 'BTCUSDT', side: 'LONG', action, referencePrice: '100', targetSize: size, leverage: '1', exitLegRatios: ['0.5', '0.5'], reason: 'test' },
});
const fill = (n: number, orderId: string, fillId: string, qty: string) => ({ kind: 'order_filled', tsMs: T0 + n * 1000, orderId, fillId, qty, price: '100', fee: '0.01' });
/** ENTER 1, fill it, EXIT 0.5, fill the exit (fill F2 at step 3). */
const RUN = [intent(0, 'ENTER', '1'), fill(1, 'T1:E', 'F1', '1'), intent(2, 'EXIT', '0.5'), fill(3, 'T1:X0', 'F2', '0.5')] as unknown as KernelInput[];

describe('parity compares the candidate\'s own rows', () => {
  it('an in-process candidate with a right kernel and a defective writer is caught under fills.price', async () => {
    const r = await runParity({ candidate: inProcessCandidate(writerDefect), config: GATE_CONFIG, runs: 50, seed: 3, stepCountMax: 20, mix: 'core' });
    expect(r.status).toBe('divergent');
    expect(r.comparedRows).toBe(true);
    expect(r.findings.map((f) => f.signature)).toEqual(['fills.price']);
    const d = r.finding!.divergence!;
    expect([d.where, d.column]).toEqual(['fills', 'price']);
    expect(Number(d.candidate) - Number(d.reference)).toBeCloseTo(0.1, 9);
  });

  it('a protocol candidate with the same writer defect is caught under fills.price', async () => {
    const candidate = await childCandidate('node --import tsx tests/fixtures/children/writerDefectChild.ts');
    try {
      const r = await runParity({ candidate, config: GATE_CONFIG, runs: 30, seed: 3, stepCountMax: 20, mix: 'core' });
      expect(r.comparedRows).toBe(true);
      expect(r.findings.map((f) => f.signature)).toEqual(['fills.price']);
      expect(r.finding!.divergence!.key).toMatch(/^fill_id=F\d+$/);
    } finally {
      await candidate.close();
    }
  });

  it('a missing row and an extra row are each named once, by key, without a cascade of column differences', async () => {
    const o = await compareInputs(inProcessCandidate(missingAndExtra), GATE_CONFIG, RUN);
    expect(o.inputs).toHaveLength(4);
    const byFamily = (f: string) => o.divergences.filter((d) => d.where === f);
    expect(byFamily('fills')).toEqual([expect.objectContaining({ step: 3, key: 'fill_id=F2', column: '(missing row)', reference: 'present', candidate: 'absent' })]);
    expect(byFamily('kernel_outcomes')).toEqual([expect.objectContaining({ step: 3, key: 'seq=3 #2', column: '(extra row)', reference: 'absent' })]);
    expect(o.divergences).toHaveLength(2);
  });

  it('a candidate that accepts an ENTER but never sends its order is caught under commands', async () => {
    const o = await compareInputs(inProcessCandidate(orderNeverSent), GATE_CONFIG, RUN.slice(0, 1));
    expect(o.divergences).toEqual([expect.objectContaining({ step: 0, where: 'commands', key: 'SUBMIT T1:E', column: '(missing row)' })]);
  });

  it('every distinct signature is reported and shrunk up to the cap; the rest are counted', async () => {
    const all = await runParity({ candidate: inProcessCandidate(twoDefects), config: GATE_CONFIG, runs: 80, seed: 2, stepCountMax: 30, mix: 'core' });
    expect(all.findings.map((f) => f.signature).sort()).toEqual(['fills.fee', 'order_events.reason']);
    expect(all.divergencesNotShrunk).toBe(0);
    for (const f of all.findings) expect(f.occurrences).toBeGreaterThan(0);
    const capped = await runParity({ candidate: inProcessCandidate(twoDefects), config: GATE_CONFIG, runs: 80, seed: 2, stepCountMax: 30, mix: 'core', findingCountMax: 1 });
    expect(capped.findings).toHaveLength(1);
    expect(capped.divergencesNotShrunk).toBe(1);
    expect(capped.status).toBe('divergent');
  });
});

describe('the Python decimal kernel', () => {
  it('is in parity with the reference over the full mix (invalid inputs, venue faults, control), its own rows included (exit 0)', () => {
    const r = workbench(['parity', '--candidate-cmd', 'python3 examples/python/decimal_kernel.py', '--mix', 'full', '--runs', '150', '--seed', '11', '--no-counterexamples']);
    expect(r.stdout).toMatch(/\d[\d,]* rows column by column/);
    expect(r.stdout).toContain('PARITY: python-decimal-kernel agreed with the reference at every step of 150 runs');
    expect(r.status).toBe(0);
  });
});

describe('--ignore and --tolerance', () => {
  it('are refused for columns spec/rows.md makes exact unless forced, and accepted for the tolerant ones', () => {
    expect(() => parsePolicy(['fills.price'], [], false)).toThrow(UsageError);
    expect(() => parsePolicy([], ['fills.price=0.2'], false)).toThrow(/fills\.price exact; add --force/);
    expect(() => parsePolicy(['fills.nope'], [], true)).toThrow(/not a compared column/);
    expect(() => parsePolicy([], ['trade_exit_legs.fraction=x'], false)).toThrow(/non-negative decimal/);
    expect(parsePolicy([], ['trade_exit_legs.fraction=1e-9'], false).setAside).toEqual(['--tolerance trade_exit_legs.fraction=1e-9']);
    expect(parsePolicy(['fills.price'], [], true).setAside).toEqual(['--ignore fills.price (forced: spec/rows.md makes it exact)']);
  });

  it('a tolerance wider than the difference puts the candidate in parity; a narrower one does not', async () => {
    const wide = await compareInputs(inProcessCandidate(writerDefect), GATE_CONFIG, RUN, parsePolicy([], ['fills.price=0.2'], true));
    expect(wide.divergences).toEqual([]);
    const narrow = await compareInputs(inProcessCandidate(writerDefect), GATE_CONFIG, RUN, parsePolicy([], ['fills.price=0.05'], true));
    expect(narrow.divergences.map((d) => `${d.where}.${d.column}`)).toEqual(['fills.price']);
    const ignored = await compareInputs(inProcessCandidate(writerDefect), GATE_CONFIG, RUN, parsePolicy(['fills.price'], [], true));
    expect(ignored.divergences).toEqual([]);
  });

  it('the CLI refuses an exact column without --force (exit 2, naming it) and prints what was set aside', () => {
    const refused = workbench(['parity', '--candidate', 'tests/fixtures/parity/writerDefect.ts', '--runs', '5', '--ignore', 'fills.price', '--no-counterexamples']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--ignore fills.price: spec/rows.md makes fills.price exact');
    const forced = workbench(['parity', '--candidate', 'tests/fixtures/parity/writerDefect.ts', '--runs', '30', '--mix', 'core', '--ignore', 'fills.price', '--force', '--no-counterexamples', '--no-corpus']);
    expect(forced.stdout).toContain('set aside: --ignore fills.price (forced: spec/rows.md makes it exact)');
    expect(forced.stdout).toContain('PARITY: writer defect: fills.price one tick high agreed with the reference');
    expect(forced.status).toBe(0);
  });

  it('what was set aside is printed in the report\'s parity section header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-aside-'));
    const run = workbench(['parity', '--candidate', 'tests/fixtures/parity/writerDefect.ts', '--runs', '10', '--mix', 'core', '--tolerance', 'fills.price=0.2', '--force', '--no-counterexamples', '--no-corpus', '--json']);
    expect(run.status).toBe(0);
    writeFileSync(join(dir, 'p.json'), run.stdout);
    const report = workbench(['report', '--title', 'Aside', '--out', join(dir, 'r.md'), '--profile', 'smoke', '--runs', '10', '--no-corpus', '--parity', join(dir, 'p.json')]);
    expect(report.status).toBe(0);
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md).toContain('**Parity: ✅ in parity**');
    expect(md).toContain('Set aside: `--tolerance fills.price=0.2 (forced: spec/rows.md makes it exact)`.');
  });
});
