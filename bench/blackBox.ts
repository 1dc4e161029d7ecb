// Issue 16: the gate through a Python kernel child against the gate in-process. (1) Checked inputs per second on
// the same generated runs, one thread, interleaved rounds: the reference in-process, the Python decimal kernel
// with whole runs per message (`batch`), and the same child one message per step. (2) The pre-merge profile's wall
// time through the CLI (built, every core) for the reference in-process and for the Python child, and their ratio.
// Both pre-merge runs get --time-budget 1800 --enforce-coverage: on a loaded machine the profile's own 120 s
// budget would cut either short, and the figure is the time to check all 5 000 runs with coverage enforced.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runGate } from '../src/gate/runner.ts';
import { GATE_CONFIG, REFERENCE, type SystemUnderTest } from '../src/gate/systemUnderTest.ts';
import { kernelChildSut } from '../src/protocol/kernelChildSut.ts';
import { markdownTable } from '../src/report/markdownTable.ts';
import { median, spreadOf, type Spread } from './stats.ts';

export const PYTHON_KERNEL = 'python3 examples/python/decimal_kernel.py';

export interface BlackBoxFigures {
  /** Checked inputs per second, one thread, same runs. */
  readonly inProcess: Spread;
  readonly pythonBatch: Spread;
  readonly pythonPerStep: Spread;
  readonly inputsPerRound: number;
  /** Pre-merge wall (ms) through the CLI with every core; null when not measured (`--quick`). */
  readonly preMerge: { readonly inProcess: number; readonly python: number; readonly workers: number; readonly pythonPassed: boolean } | null;
}

function gateOnce(sut: SystemUnderTest, runs: number): number {
  const r = runGate({
    sut, config: GATE_CONFIG, profile: 'bench', runs, seed: 20261124, stepCountMax: 100, timeBudgetMs: null, determinismRuns: 0, shard: null,
    enforceCoverage: false, ...(sut.blackBox ? { invariants: sut.blackBox.plan.invariants } : {}),
  });
  if (r.status !== 'passed') throw new Error(`bench: the gate on ${sut.name} did not pass (${r.failures[0]?.signature ?? 'coverage'})`);
  return r.meta.inputsChecked;
}

export function benchBlackBoxThroughput(root: string, runs: number, rounds: number): Omit<BlackBoxFigures, 'preMerge'> {
  const cwd = process.cwd();
  process.chdir(root);
  const batch = kernelChildSut(PYTHON_KERNEL, { timeoutMs: 30_000 });
  const perStep = kernelChildSut(PYTHON_KERNEL, { timeoutMs: 30_000, perStep: true });
  try {
    const rates: Record<string, number[]> = { inProcess: [], pythonBatch: [], pythonPerStep: [] };
    let inputs = 0;
    const contenders: [keyof typeof rates, SystemUnderTest][] = [['inProcess', REFERENCE], ['pythonBatch', batch], ['pythonPerStep', perStep]];
    for (let r = 0; r < rounds + 1; r++) {
      for (const [name, sut] of contenders) {
        const t0 = performance.now();
        inputs = gateOnce(sut, runs);
        if (r > 0) rates[name]!.push(inputs / ((performance.now() - t0) / 1000));
      }
    }
    return { inProcess: spreadOf(rates['inProcess']!), pythonBatch: spreadOf(rates['pythonBatch']!), pythonPerStep: spreadOf(rates['pythonPerStep']!), inputsPerRound: inputs };
  } finally {
    batch.blackBox!.close();
    perStep.blackBox!.close();
    process.chdir(cwd);
  }
}

function preMergeWall(root: string, extra: readonly string[]): { ms: number; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/workbench.js'), 'gate', '--profile', 'pre-merge', '--time-budget', '1800', '--enforce-coverage', '--counterexamples', '.workbench/bench-counterexamples', ...extra], {
    cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' },
  });
  return { ms: performance.now() - t0, status: r.status };
}

/** One round each (a pre-merge run over a child takes minutes on a busy machine); in-process first. */
export function benchBlackBoxPreMerge(root: string, rounds = 1): NonNullable<BlackBoxFigures['preMerge']> {
  const workers = availableParallelism();
  const a: number[] = [];
  const b: number[] = [];
  let passed = true;
  for (let r = 0; r < rounds; r++) {
    const inProcess = preMergeWall(root, ['--workers', String(workers)]);
    if (inProcess.status !== 0) throw new Error(`bench: pre-merge in-process exited ${inProcess.status}`);
    a.push(inProcess.ms);
    const python = preMergeWall(root, ['--workers', String(workers), '--kernel-cmd', PYTHON_KERNEL]);
    passed &&= python.status === 0;
    b.push(python.ms);
  }
  return { inProcess: median(a), python: median(b), workers, pythonPassed: passed };
}

const perS = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The section of reports/bench.md. */
export function renderBlackBox(f: BlackBoxFigures): string[] {
  const lines = [
    '## The gate through a Python kernel child (issue 16)', '',
    `Checked inputs per second on the same generated runs (${f.inputsPerRound.toLocaleString('en-US')} inputs per round, one thread, rounds interleaved; median, min–max):`, '',
    markdownTable(['system under test', 'checked inputs/s', '÷ in-process'], [
      ['reference kernel, in-process (every invariant)', `${perS(f.inProcess.median)} (${perS(f.inProcess.min)}–${perS(f.inProcess.max)})`, '1'],
      [`\`${PYTHON_KERNEL}\`, a whole run per message (\`batch\`)`, `${perS(f.pythonBatch.median)} (${perS(f.pythonBatch.min)}–${perS(f.pythonBatch.max)})`, (f.pythonBatch.median / f.inProcess.median).toFixed(2)],
      ['the same child, one message per step', `${perS(f.pythonPerStep.median)} (${perS(f.pythonPerStep.min)}–${perS(f.pythonPerStep.max)})`, (f.pythonPerStep.median / f.inProcess.median).toFixed(2)],
    ], { align: ['left', 'right', 'right'] }),
    '',
  ];
  if (f.preMerge) {
    const p = f.preMerge;
    lines.push(
      `Pre-merge profile through the built CLI, ${p.workers} workers, all 5 000 runs with coverage enforced (\`--time-budget 1800 --enforce-coverage\`): ` +
      `in-process ${sec(p.inProcess)}, through the Python child ${sec(p.python)} (${p.pythonPassed ? 'PASSED' : 'did not pass'}) — ×${(p.python / p.inProcess).toFixed(2)} the in-process wall.`, '');
  } else lines.push('Pre-merge walls not measured (`--quick`).', '');
  return lines;
}
