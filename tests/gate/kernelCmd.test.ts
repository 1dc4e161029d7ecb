// `workbench gate --kernel-cmd` end to end over real Python children: the exact decimal kernel passes (the smoke
// profile and the pre-merge profile; its time over the child is in reports/bench.md), the float kernel fails with named
// invariants, a stale-capital kernel fails INV-M-STATE and its counterexample replays over the protocol, a crashing
// child is a named finding, and a command that cannot start is bad usage.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, workbench, type CliResult } from '../cli/helpers.ts';

const DECIMAL = 'python3 examples/python/decimal_kernel.py';
const FLOAT = 'python3 examples/python/float_kernel.py';
const STALE = 'python3 tests/fixtures/children/staleCapitalKernel.py';

/** The CLI with a longer deadline than helpers.workbench (a gate over a child on a loaded machine). */
function slow(args: readonly string[], timeoutMs = 400_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/workbench.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    p.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'kernel-cmd-'));

describe('gate --kernel-cmd', () => {
  it('the exact Python kernel passes, and the output lists what applied to it and what did not, with reasons', async () => {
    const dir = tmp();
    const r = await slow(['gate', '--kernel-cmd', DECIMAL, '--profile', 'smoke', '--workers', '2', '--json', '--no-corpus', '--counterexamples', dir]);
    expect(r.stderr).not.toMatch(/Error|bug/);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.status).toBe('passed');
    expect(result.meta.kernel).toBe('python-decimal-kernel');
    expect(result.meta.inputsChecked).toBeGreaterThan(3000);
    expect(result.blackBox.capabilities).toEqual(['rows', 'outcome', 'batch']);
    expect(result.blackBox.applied.map((a: { id: string }) => a.id)).toEqual(['INV-R-SCHEMA-VALID', 'INV-R-LEG-ROWS', 'INV-R-ROW-PROMISES', 'INV-M-OUTCOME', 'INV-M-COMMANDS', 'INV-M-STATE', 'INV-M-ROWS']);
    expect(result.blackBox.notApplicable.find((n: { id: string }) => n.id === 'INV-R-RECONCILE').reason).toContain('internal events');
    expect(result.invariants.map((i: { id: string }) => i.id)).not.toContain('INV-K-SINGLE-CLOSE');
    for (const inv of result.invariants) expect(inv.status, inv.id).toBe('held');
  }, 420_000);

  // The pre-merge profile itself (seed, 5,000 runs, coverage and the reach matrix enforced) over the Python child:
  // what a team's CI runs. Its 120 s wall-clock budget is widened only so that a loaded machine cannot end the run
  // early (an interrupted run enforces no coverage); the runs, seed and steps are the profile's.
  it('the exact Python kernel passes the pre-merge profile: all 5,000 runs, coverage and reach enforced', async () => {
    const dir = tmp();
    const r = await slow(['gate', '--kernel-cmd', DECIMAL, '--time-budget', '1500', '--enforce-coverage', '--json', '--no-corpus', '--counterexamples', dir], 1_700_000);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.meta.profile).toBe('pre-merge');
    expect(result.meta.interrupted).toBe(false);
    expect(result.meta.runsDone).toBe(5000);
    expect(result.meta.inputsChecked).toBeGreaterThan(100_000);
    expect(result.coverageGaps).toEqual([]);
    expect(result.status).toBe('passed');
  }, 1_800_000);

  it('the float kernel fails the pre-merge profile with named invariants, exit 1', async () => {
    const dir = tmp();
    const r = await slow(['gate', '--kernel-cmd', FLOAT, '--time-budget', '1500', '--json', '--no-corpus', '--counterexamples', dir], 1_700_000);
    expect(r.status, r.stderr.slice(-2000)).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.meta.profile).toBe('pre-merge');
    const violated = result.invariants.filter((i: { status: string }) => i.status === 'violated').map((i: { id: string }) => i.id);
    expect(violated).toEqual(expect.arrayContaining(['INV-M-STATE', 'INV-M-ROWS']));
  }, 1_800_000);

  it('the float kernel fails the gate with named invariants (not only parity), exit 1', async () => {
    const dir = tmp();
    const r = await slow(['gate', '--kernel-cmd', FLOAT, '--profile', 'smoke', '--workers', '2', '--no-corpus', '--counterexamples', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ INV-M-STATE');
    expect(r.stdout).toContain('✗ INV-M-ROWS');
    expect(r.stdout).toContain('not applicable to a black box');
    expect(r.stdout).toMatch(/FAILED: \d+ failure signature/);
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(2);
  }, 420_000);

  it('a kernel that shows a stale capital fails INV-M-STATE; its counterexample replays over the protocol (exit 1) and passes on the exact kernel (exit 0)', async () => {
    const dir = tmp();
    const r = await slow(['gate', '--kernel-cmd', STALE, '--profile', 'smoke', '--workers', '1', '--no-corpus', '--counterexamples', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ INV-M-STATE');
    expect(r.stdout).toMatch(/capital: the ledger model expects [\d.]+, the system gave 25000/);
    expect(r.stdout).toMatch(/replay: npx workbench replay \S+INV-M-STATE-seed1-0\.json --kernel-cmd/);
    expect(r.stdout).toContain(`--kernel-cmd 'python3 tests/fixtures/children/staleCapitalKernel.py'`);
    const file = join(dir, readdirSync(dir).find((f) => f.includes('INV-M-STATE'))!);
    const again = workbench(['replay', file, '--kernel-cmd', STALE]);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('✗ INV-M-STATE');
    expect(again.stdout).toContain('black box: 7 invariants apply');
    const fixed = workbench(['replay', file, '--kernel-cmd', DECIMAL]);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('holds now');
    // The same file replays in Python, in-process (pytest's assert_parity): the spec's outputs are in it.
    const env = { ...process.env, PYTHONPATH: [join(ROOT, 'python/src'), join(ROOT, 'tests/fixtures/children'), join(ROOT, 'examples/python')].join(':') };
    const replayPy = (kernel: string) => spawnSync('python3', ['-m', 'dita_workbench', 'replay', file, kernel], { cwd: ROOT, encoding: 'utf8', env });
    const py = replayPy('staleCapitalKernel');
    expect(py.status).toBe(1);
    expect(JSON.parse(py.stdout).divergences[0]).toMatchObject({ where: 'account', column: 'capital', candidate: '25000' });
    expect(replayPy('decimal_kernel').status).toBe(0);
  }, 420_000);

  it('a child that crashes on its first run is a named finding (INV-K-STEP-RETURNS, protocol crash, its stderr), exit 1', async () => {
    const r = await slow(['gate', '--kernel-cmd', 'python3 tests/fixtures/children/crash.py', '--profile', 'smoke', '--workers', '1', '--no-corpus', '--no-counterexamples'].filter((a) => a !== '--no-counterexamples').concat(['--counterexamples', tmp()]));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ INV-K-STEP-RETURNS');
    expect(r.stdout).toContain('protocol crash');
    expect(r.stdout).toContain('boom: the candidate crashed');
  }, 420_000);

  it('a command that cannot say hello, or --kernel with --kernel-cmd, is bad usage: one line, exit 2', () => {
    const r = workbench(['gate', '--kernel-cmd', 'python3 -c "pass"', '--profile', 'smoke']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--kernel-cmd');
    const both = workbench(['gate', '--kernel-cmd', DECIMAL, '--kernel', 'x.ts', '--profile', 'smoke']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('at most one of --kernel');
  });

  it('report --kernel-cmd writes a "Black-box kernel" section listing the applied and the not-applicable invariants', async () => {
    const dir = tmp();
    const out = join(dir, 'r.md');
    const r = await slow(['report', '--title', 'Python kernel', '--out', out, '--kernel-cmd', DECIMAL, '--profile', 'smoke', '--runs', '60', '--workers', '1', '--no-corpus', '--no-charts', '--counterexamples', dir]);
    expect(r.status).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('## Black-box kernel');
    expect(md).toMatch(/\| `INV-M-STATE` +\| black-box form/);
    expect(md).toMatch(/\| `INV-K-IDEMPOTENT` +\| needs the kernel's internal state/);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(json.blackBox.notApplicable.length).toBe(14);
  }, 420_000);
});
