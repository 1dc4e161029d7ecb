// The JSON-lines protocol and parity runs: the reference kernel in a child process is in parity with itself;
// a planted divergence and a float-money Python kernel are caught and shrunk; children that crash, hang,
// print non-JSON, break the schema or flood are reported, killed, and leave no process behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATE_CONFIG, REFERENCE } from '../../src/gate/index.ts';
import { childCandidate, inProcessCandidate } from '../../src/parity/candidate.ts';
import { runParity } from '../../src/parity/runParity.ts';
import { JsonLinesChild, ProtocolFault } from '../../src/protocol/jsonLinesChild.ts';
import { sut as planted } from '../fixtures/plantedDivergence.ts';
import { workbench } from '../cli/helpers.ts';

const REFERENCE_CHILD = 'node --import tsx src/protocol/referenceKernelChild.ts';
const enter = { kind: 'intent', tsMs: Date.UTC(2026, 4, 25), intent: { intentId: 'i1', tradeId: 'T1', slotId: 0, asset: 'BTCUSDT', side: 'LONG', action: 'ENTER', referencePrice: '100', targetSize: '1', leverage: '2', exitLegRatios: ['1'], reason: 'x' } } as const;

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function processesIn(pgid: number | undefined): string {
  if (pgid === undefined) return '';
  try {
    // zombies (state Z) are already dead, waiting for init to reap them: only live processes count
    return execFileSync('ps', ['-o', 'pid=,stat=', '-g', String(pgid)], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() && !/\sZ/.test(l)).join('\n');
  } catch {
    return '';
  }
}

describe('JSON-lines protocol', () => {
  it('the reference kernel behind the protocol is in parity with itself over a default run, rows included', () => {
    const r = workbench(['parity', '--candidate-cmd', REFERENCE_CHILD, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; finding: unknown; comparedRows: boolean; runsDone: number; inputsCompared: number; rowsCompared: number };
    expect(result.finding).toBeNull();
    expect(result.status).toBe('parity');
    expect(result.comparedRows).toBe(true);
    expect(result.runsDone).toBe(200);
    expect(result.inputsCompared).toBeGreaterThan(1000);
    expect(result.rowsCompared).toBeGreaterThan(2000);
  });

  it('a candidate with one planted divergence is caught and shrunk to a few steps', async () => {
    const result = await runParity({ candidate: inProcessCandidate(planted), config: GATE_CONFIG, runs: 300, seed: 5, stepCountMax: 40, mix: 'core' });
    expect(result.status).toBe('divergent');
    const f = result.finding!;
    expect(f.divergence?.where).toMatch(/slot|account|outcome|commands/);
    expect(result.comparedRows).toBe(false); // its writeRows is null: outcomes, commands, slots and capital compared
    expect(f.inputs.length).toBeLessThanOrEqual(6);
    expect(f.steps.some((s) => /fee -/.test(s.input))).toBe(true);
    expect(inProcessCandidate(REFERENCE).writesRows).toBe(true);
  });

  it('the Python float-money kernel fails (CLI, exit 1): its own rows and commands are compared, the verdict names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-float-'));
    const r = workbench(['parity', '--candidate-cmd', 'python3 examples/python/float_kernel.py', '--mix', 'core', '--runs', '100', '--no-corpus', '--counterexamples', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/rows column by column/);
    expect(r.stdout).toMatch(/✗ slot\.entry_price \(\d+ runs?\): first divergence at step \d+/);
    expect(r.stdout).toMatch(/slot\s+slot 0\s+entry_price\s+\S+\s+\S*\d{12,}/); // the float's noise digits
    expect(r.stdout).toMatch(/✗ fills\.\w+ /); // a row-only divergence: the candidate's own writer
    expect(r.stdout).toMatch(/^FAIL: python-float-kernel diverges from the reference: \d+ distinct divergences; first: \S+ at step \d+/m);
  });

  for (const [script, kind] of [['crash.py', 'crash'], ['hang.py', 'timeout'], ['notjson.py', 'non_json'], ['badschema.py', 'schema'], ['flood.py', 'flood']] as const) {
    it(`a child that ${script.replace('.py', '')}s is reported as ${kind}, killed, and leaves no process`, async () => {
      const { child } = await JsonLinesChild.start({ command: `python3 tests/fixtures/children/${script}`, role: 'kernel', timeoutMs: 800 });
      const pid = child.pid;
      const err = await child.request({ type: 'reset', config: { slotCount: 1, initialCapital: '1', instruments: {} } })
        .then(() => child.request({ type: 'step', input: enter }))
        .then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ProtocolFault);
      expect((err as ProtocolFault).kind).toBe(kind);
      if (kind === 'crash') expect((err as ProtocolFault).stderrTail).toContain('boom');
      await child.close(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(alive(pid)).toBe(false);
      expect(processesIn(pid)).toBe('');
    });
  }

  it('a program that never says hello is a handshake fault, and parity reports a bad command as usage (exit 2)', async () => {
    await expect(JsonLinesChild.start({ command: 'sleep 30', role: 'kernel', handshakeTimeoutMs: 300 })).rejects.toMatchObject({ kind: 'handshake' });
    const r = workbench(['parity', '--candidate-cmd', 'python3 -c "print(1)"', '--runs', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--candidate-cmd');
  });

});

describe('parity in the report', () => {
  it('`parity --json` feeds `report --parity`: the report gains the parity section with the divergence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-parity-'));
    const parity = workbench(['parity', '--candidate-cmd', 'python3 examples/python/float_kernel.py', '--mix', 'core', '--runs', '100', '--json', '--no-corpus', '--counterexamples', dir]);
    expect(parity.status).toBe(1);
    writeFileSync(join(dir, 'parity.json'), parity.stdout);
    const report = workbench(['report', '--title', 'Parity', '--out', join(dir, 'r.md'), '--profile', 'smoke', '--runs', '20', '--no-corpus', '--parity', join(dir, 'parity.json')]);
    expect(report.status).toBe(1);
    expect(report.stdout).toMatch(/^FAIL: wrote/);
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md).toMatch(/\*\*Verdict: ❌ FAIL\*\* — .*Parity: candidate python-float-kernel diverges from the reference kernel in \d+ distinct ways; first: \S+ at step \d+/);
    expect(md).toContain('## Parity with the reference kernel');
    expect(md).toMatch(/slot\.(entry_price|realized_pnl|size)/);
    // a merge of gate shards with the parity result fails likewise
    const gate = workbench(['gate', '--profile', 'smoke', '--runs', '20', '--no-corpus', '--json']);
    writeFileSync(join(dir, 'gate.json'), gate.stdout);
    const merged = workbench(['merge', join(dir, 'gate.json'), '--out', join(dir, 'm.md'), '--parity', join(dir, 'parity.json'), join(dir, 'parity.json')]);
    expect(merged.status).toBe(1);
    const mm = readFileSync(join(dir, 'm.md'), 'utf8');
    expect(mm).toMatch(/\*\*Verdict: ❌ FAIL\*\*.*Parity: candidate python-float-kernel diverges/);
    expect(mm).toMatch(/\*\*Parity: ❌ \d+ distinct divergences\*\* — candidate `python-float-kernel`, 200 generated runs/);
  });
});
