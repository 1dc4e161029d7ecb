// `workbench replay FILE`: re-runs a saved counterexample step by step and says whether the rule still breaks;
// a parity counterexample is replayed through the reference and the candidate, both sides shown at the divergent step.
import type { Command } from 'commander';
import { CATALOGUE } from '../../invariants/catalogue.ts';
import { configOf, CounterexampleFileError, readCounterexample } from '../../gate/counterexampleFile.ts';
import { executeInputs } from '../../gate/execute.ts';
import { loadSystem } from '../../gate/options.ts';
import { checkExecution, stepTable } from '../../gate/runner.ts';
import { saveToCorpus } from '../../gate/saveToCorpus.ts';
import { formatParityReplay, replayParity } from '../../parity/replayParity.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { candidateFrom } from './parity.ts';
import { colorEnabled, paint, renderTable } from '../output.ts';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a saved counterexample (.workbench/counterexamples/*.json or corpus/*.json) step by step')
    .argument('<file>', 'counterexample JSON (schemas/counterexample.schema.json)')
    .option('--kernel <module>', 'replay against this system under test (default: the one recorded in the file, else the reference kernel)')
    .option('--candidate <module>', 'parity counterexample: replay against this in-process candidate (default: the one recorded in the file)')
    .option('--candidate-cmd <command>', 'parity counterexample: replay against this protocol candidate (default: the one recorded in the file)')
    .option('--save-to-corpus [dir]', 'copy the file into the corpus (default corpus/): every gate and parity run then replays it')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { kernel?: string; candidate?: string; candidateCmd?: string; saveToCorpus?: string | true; json?: boolean }) => {
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
      if (data.parity || opts.candidate !== undefined || opts.candidateCmd !== undefined) {
        const p = data.parity;
        const given = opts.candidate !== undefined || opts.candidateCmd !== undefined;
        if (!given && !p?.candidateCmd && !p?.candidateModule) throw new UsageError(`${file}: records no candidate to start; give --candidate <module> or --candidate-cmd <command>`);
        const candidate = await candidateFrom(given ? opts : { candidate: p?.candidateModule, candidateCmd: p?.candidateCmd });
        try {
          const r = await replayParity(data, candidate);
          process.exitCode = r.step === null ? EXIT.OK : EXIT.VIOLATION;
          process.stdout.write(opts.json ? `${JSON.stringify({ file, ...r }, null, 2)}\n` : `${formatParityReplay(file, r)}\n`);
        } finally {
          await candidate.close();
        }
        return;
      }
      const sut = await loadSystem(opts.kernel ?? data.kernelModule ?? null);
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
      process.stdout.write(`replay ${file}: ${data.inputs.length} input(s) on ${sut.name}; recorded failure ${data.invariantId}\n\n`);
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
