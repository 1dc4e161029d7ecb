// `workbench parity`: the reference kernel and a candidate on the same generated inputs, step by step.
import type { Command } from 'commander';
import { loadSystem } from '../../gate/options.ts';
import { GATE_CONFIG } from '../../gate/systemUnderTest.ts';
import { childCandidate, inProcessCandidate, type Candidate } from '../../parity/candidate.ts';
import { formatParity } from '../../parity/renderParity.ts';
import { runParity } from '../../parity/runParity.ts';
import { ProtocolFault } from '../../protocol/jsonLinesChild.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { ProgressLine } from '../output.ts';
import { parityRerunCommand, publishParity } from '../../ci/publish.ts';

interface ParityCliOptions {
  readonly candidate?: string;
  readonly candidateCmd?: string;
  readonly runs: string;
  readonly seed: string;
  readonly maxSteps: string;
  readonly mix: string;
  readonly timeoutMs: string;
  readonly json?: boolean;
}

function int(name: string, v: string, min: number): number {
  const n = /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  return n;
}

export function registerParity(program: Command): void {
  program
    .command('parity')
    .description('run the same generated inputs through the reference kernel and a candidate; report the first divergence, shrunk')
    .option('--candidate <module>', 'a TypeScript module exporting `sut` = { name, step(state, input) } (the reference kernel\'s signature)')
    .option('--candidate-cmd <command>', 'a program in any language speaking the JSON-lines protocol (spec/protocol.md), e.g. "python3 examples/python/float_kernel.py"')
    .option('--runs <n>', 'generated runs', '200')
    .option('--seed <n>', 'seed', '1')
    .option('--max-steps <n>', 'most actions per generated run', '40')
    .option('--mix <name>', 'input mix: full (everything the gate generates) or core (entries, exits, fills, acks)', 'full')
    .option('--timeout-ms <n>', 'longest wait for one reply of a child candidate', '5000')
    .option('--json', 'print the result as JSON (feed it to `workbench report --parity FILE` for the report\'s parity section)')
    .action(async (opts: ParityCliOptions) => {
      if ((opts.candidate === undefined) === (opts.candidateCmd === undefined)) throw new UsageError('give exactly one of --candidate <module> and --candidate-cmd <command>');
      if (opts.mix !== 'full' && opts.mix !== 'core') throw new UsageError(`--mix must be full or core, got ${JSON.stringify(opts.mix)}`);
      const runs = int('--runs', opts.runs, 1);
      const seed = int('--seed', opts.seed, -(2 ** 31));
      const stepCountMax = int('--max-steps', opts.maxSteps, 1);
      const timeoutMs = int('--timeout-ms', opts.timeoutMs, 1);
      let candidate: Candidate;
      try {
        candidate = opts.candidate ? inProcessCandidate(await loadSystem(opts.candidate)) : await childCandidate(opts.candidateCmd!, timeoutMs);
      } catch (e) {
        if (e instanceof ProtocolFault) throw new UsageError(`--candidate-cmd ${JSON.stringify(opts.candidateCmd)}: ${e.message}${e.stderrTail ? `\n${e.stderrTail.trim()}` : ''}`);
        throw e;
      }
      const progress = new ProgressLine(process.stderr);
      try {
        const result = await runParity({ candidate, config: GATE_CONFIG, runs, seed, stepCountMax, mix: opts.mix, onProgress: (d, t) => progress.update(`parity: ${d}/${t} runs`) });
        progress.done();
        process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatParity(result)}\n`);
        publishParity(result, parityRerunCommand({ candidate: opts.candidate, candidateCmd: opts.candidateCmd, runs, seed, stepCountMax, mix: opts.mix }));
        process.exitCode = result.status === 'parity' ? EXIT.OK : EXIT.VIOLATION;
      } finally {
        await candidate.close();
      }
    });
}
