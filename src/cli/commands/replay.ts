// `workbench replay FILE`: re-runs a saved counterexample step by step and says whether the rule still breaks;
// a parity counterexample is replayed through the reference and the candidate, both sides shown at the divergent step.
import type { Command } from 'commander';
import { CATALOGUE } from '../../invariants/catalogue.ts';
import { configOf, CounterexampleFileError, readCounterexample } from '../../gate/counterexampleFile.ts';
import { executeInputs } from '../../gate/execute.ts';
import { loadSystem } from '../../gate/options.ts';
import { ModuleLoadError, moduleLoadTimeoutMs } from '../io/loadModule.ts';
import { guardedParityReplay, guardedReplay } from '../../gate/replayGuard.ts';
import { checkExecution, stepTable } from '../../gate/runner.ts';
import { saveToCorpus } from '../../gate/saveToCorpus.ts';
import type { SystemUnderTest } from '../../gate/systemUnderTest.ts';
import { KernelChildStartError, kernelChildSut } from '../../protocol/kernelChildSut.ts';
import { formatParityReplay, replayParity } from '../../parity/replayParity.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { candidateFrom } from './parity.ts';
import { colorEnabled, paint, renderTable } from '../output.ts';
import { escapeControls, showValue } from '../showValue.ts';

/** The child named on the command line; one that cannot start is bad usage (exit 2), as in the gate. */
function replayChild(command: string, timeoutMs: string | undefined): SystemUnderTest {
  const ms = timeoutMs === undefined ? 5000 : /^\d+$/.test(timeoutMs.trim()) ? Number(timeoutMs) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > 600_000) throw new UsageError(`--timeout-ms must be an integer in [1, 600000], got ${showValue(timeoutMs)}`);
  try {
    return kernelChildSut(command, { timeoutMs: ms });
  } catch (e) {
    if (e instanceof KernelChildStartError) throw new UsageError(e.message);
    throw e;
  }
}

/** The environment's module-load deadline is bad usage when malformed, before any module is loaded anywhere. */
function loadTimeoutChecked(): void {
  try {
    moduleLoadTimeoutMs();
  } catch (e) {
    if (e instanceof ModuleLoadError) throw new UsageError(e.message);
    throw e;
  }
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a saved counterexample (.workbench/counterexamples/*.json or corpus/*.json) step by step')
    .argument('<file>', 'counterexample JSON (schemas/counterexample.schema.json)')
    .option('--kernel <module>', 'replay against this system under test (default: the reference kernel; a file never names code to run)')
    .option('--kernel-cmd <command>', 'replay against a kernel child over the JSON-lines protocol (checked by the invariants that apply to a black box)')
    .option('--timeout-ms <ms>', 'a --kernel-cmd child\'s longest wait for one reply (default 5000)')
    .option('--candidate <module>', 'parity counterexample: replay against this in-process candidate (required: a file never names code to run)')
    .option('--candidate-cmd <command>', 'parity counterexample: replay against this protocol candidate (required: a file never names code to run)')
    .option('--save-to-corpus [dir]', 'copy the file into the corpus (default corpus/): every gate and parity run then replays it')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { kernel?: string; kernelCmd?: string; timeoutMs?: string; candidate?: string; candidateCmd?: string; saveToCorpus?: string | true; json?: boolean }) => {
      let data;
      try {
        data = readCounterexample(file);
      } catch (e) {
        if (e instanceof CounterexampleFileError) throw new UsageError(e.message);
        throw e;
      }
      if (opts.saveToCorpus !== undefined) {
        const saved = saveToCorpus(file, data, opts.saveToCorpus === true ? 'corpus' : opts.saveToCorpus);
        process.stdout.write(`saved ${saved}: every gate run (and every parity run) now replays it as a regression case\n`);
        return;
      }
      // A gate counterexample of a black box carries the spec's outputs in a parity section (for pytest);
      // with --kernel-cmd it replays as a gate counterexample: the invariants that apply to a black box.
      if ((data.parity && opts.kernelCmd === undefined) || opts.candidate !== undefined || opts.candidateCmd !== undefined) {
        // Data is data: the candidate comes from the command line only; the file's record of it is a hint.
        if (opts.candidate === undefined && opts.candidateCmd === undefined) {
          const hint = data.parity?.candidateCmd ? ` --candidate-cmd ${JSON.stringify(data.parity.candidateCmd)}` : data.parity?.candidateModule ? ` --candidate ${data.parity.candidateModule}` : ' --candidate-cmd "…"';
          throw new UsageError(`${file}: a parity counterexample replays against a candidate named on the command line (a file never names code to run): npx workbench replay ${file}${hint}`);
        }
        if (opts.candidate !== undefined) {
          loadTimeoutChecked();
          // A module candidate's steps run under the watchdog first (never a hung replay): a fault is the finding.
          const fault = await guardedParityReplay(opts.candidate, configOf(data), data.inputs, file);
          if (fault) {
            process.exitCode = EXIT.VIOLATION;
            process.stdout.write(opts.json ? `${JSON.stringify({ file, candidate: opts.candidate, fault }, null, 2)}\n` : `replay ${escapeControls(file)}: ${data.inputs.length} input(s) on ${escapeControls(opts.candidate)}\n${paint(colorEnabled(), 'red', '✗')} ${escapeControls(fault)}\n`);
            return;
          }
        }
        const candidate = await candidateFrom(opts);
        try {
          const r = await replayParity(data, candidate);
          process.exitCode = r.step === null ? EXIT.OK : EXIT.VIOLATION;
          process.stdout.write(opts.json ? `${JSON.stringify({ file, ...r }, null, 2)}\n` : `${formatParityReplay(file, r)}\n`);
        } finally {
          await candidate.close();
        }
        return;
      }
      if (opts.kernel !== undefined && opts.kernelCmd !== undefined) throw new UsageError('give at most one of --kernel <module> and --kernel-cmd <command>');
      if (opts.kernel !== undefined) {
        loadTimeoutChecked();
        // A module's steps run under the watchdog first: a step that never returns is a finding, never a hang.
        const hang = await guardedReplay(opts.kernel, configOf(data), data.inputs, file);
        if (hang) {
          process.exitCode = EXIT.VIOLATION;
          const c = hang.counterexample;
          if (opts.json) process.stdout.write(`${JSON.stringify({ file, kernel: opts.kernel, recorded: data.invariantId, violations: [{ invariantId: c.invariantId, stepIndex: c.stepIndex, message: c.message, values: c.values }], steps: c.steps }, null, 2)}\n`);
          else process.stdout.write(`replay ${escapeControls(file)}: ${data.inputs.length} input(s) on ${escapeControls(opts.kernel)}\n${paint(colorEnabled(), 'red', `✗ ${c.invariantId}`)} at step ${c.stepIndex}: ${escapeControls(c.message)}\n`);
          return;
        }
      }
      const sut = opts.kernelCmd !== undefined ? replayChild(opts.kernelCmd, opts.timeoutMs) : await loadSystem(opts.kernel ?? null);
      let exec;
      try {
        exec = executeInputs(sut, configOf(data), data.inputs);
      } finally {
        sut.blackBox?.close();
      }
      const { violations } = checkExecution(exec, sut.blackBox?.plan.invariants ?? CATALOGUE);
      const steps = stepTable(exec);
      process.exitCode = violations.length > 0 ? EXIT.VIOLATION : EXIT.OK;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ file, kernel: sut.name, recorded: data.invariantId, violations, steps }, null, 2)}\n`);
        return;
      }
      const color = colorEnabled();
      const failingStep = violations[0]?.stepIndex ?? -1;
      process.stdout.write(`replay ${escapeControls(file)}: ${data.inputs.length} input(s) on ${escapeControls(sut.name)}; recorded failure ${data.invariantId} on ${showValue(data.kernel)}\n`);
      if (opts.kernel === undefined && opts.kernelCmd === undefined && data.kernel !== sut.name) process.stdout.write(`note: recorded on ${showValue(data.kernel)}; give --kernel MODULE (or --kernel-cmd "…") to replay on that system\n`);
      if (sut.blackBox) process.stdout.write(`black box: ${sut.blackBox.plan.invariants.length} invariants apply (${sut.blackBox.plan.invariants.map((i) => i.id).join(', ')}); ${sut.blackBox.plan.notApplicable.length} do not (see \`workbench gate --kernel-cmd\`)\n`);
      process.stdout.write('\n');
      process.stdout.write(`${renderTable(['step', 'input', 'outcome', 'slot after'], steps.map((s) => [s.step === failingStep ? `▶${s.step}` : String(s.step), s.input, s.outcome, s.slot]), ['right'])}\n\n`);
      if (violations.length === 0) {
        process.stdout.write(`${paint(color, 'green', 'holds now')}: no invariant is violated by this sequence\n`);
        return;
      }
      for (const v of violations) {
        process.stdout.write(`${paint(color, 'red', `✗ ${v.invariantId}`)} at step ${v.stepIndex}: ${v.message}\n`);
        for (const [k, val] of Object.entries(v.values)) process.stdout.write(`    ${k} = ${val}\n`);
      }
    });
}
