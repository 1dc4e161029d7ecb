// `workbench replay FILE`: re-runs a saved counterexample step by step and says whether the rule still breaks.
import type { Command } from 'commander';
import { CATALOGUE } from '../../invariants/catalogue.ts';
import { configOf, CounterexampleFileError, readCounterexample } from '../../gate/counterexampleFile.ts';
import { executeInputs } from '../../gate/execute.ts';
import { loadSystem } from '../../gate/options.ts';
import { checkExecution, stepTable } from '../../gate/runner.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, paint, renderTable } from '../output.ts';
import { escapeControls, showValue } from '../showValue.ts';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a saved counterexample (.workbench/counterexamples/*.json or corpus/*.json) step by step')
    .argument('<file>', 'counterexample JSON (schemas/counterexample.schema.json)')
    .option('--kernel <module>', 'replay against this system under test (default: the reference kernel; a file never names code to run)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { kernel?: string; json?: boolean }) => {
      let data;
      try {
        data = readCounterexample(file);
      } catch (e) {
        if (e instanceof CounterexampleFileError) throw new UsageError(e.message);
        throw e;
      }
      const sut = await loadSystem(opts.kernel ?? null);
      const exec = executeInputs(sut, configOf(data), data.inputs);
      const { violations } = checkExecution(exec, CATALOGUE);
      const steps = stepTable(exec);
      process.exitCode = violations.length > 0 ? EXIT.VIOLATION : EXIT.OK;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ file, kernel: sut.name, recorded: data.invariantId, violations, steps }, null, 2)}\n`);
        return;
      }
      const color = colorEnabled();
      const failingStep = violations[0]?.stepIndex ?? -1;
      process.stdout.write(`replay ${escapeControls(file)}: ${data.inputs.length} input(s) on ${escapeControls(sut.name)}; recorded failure ${data.invariantId} on ${showValue(data.kernel)}\n`);
      if (opts.kernel === undefined && data.kernel !== sut.name) process.stdout.write(`note: recorded on ${showValue(data.kernel)}; give --kernel MODULE to replay on that system\n`);
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
