// `workbench parity`: the reference kernel and a candidate on the same generated inputs, step by step.
import type { Command } from 'commander';
import { CounterexampleFileError, readCorpus } from '../../gate/counterexampleFile.ts';
import { loadSystem } from '../../gate/options.ts';
import { GATE_CONFIG } from '../../gate/systemUnderTest.ts';
import { childCandidate, inProcessCandidate, type Candidate } from '../../parity/candidate.ts';
import { parsePolicy } from '../../parity/comparePolicy.ts';
import { writeParityCounterexamples } from '../../parity/parityCounterexample.ts';
import { formatParity } from '../../parity/renderParity.ts';
import { FINDING_COUNT_MAX, runParity } from '../../parity/runParity.ts';
import { ProtocolFault } from '../../protocol/jsonLinesChild.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { ProgressLine } from '../output.ts';
import { runProgress } from '../runProgress.ts';
import { addJournalOptions, journalParityCommand, type JournalCliOptions } from './journalParity.ts';
import { onInterruptReport } from '../interrupt.ts';
import { oneLine, showValue } from '../showValue.ts';
import { commandLine } from '../../report/writeReport.ts';
import { parityRerunCommand, publishParity } from '../../ci/publish.ts';
import { resolve } from 'node:path';
import { fromParity } from '../../runner/result.ts';
import { runParityOnPool } from '../../parity/parityOnPool.ts';
import type { ParityResult } from '../../parity/runParity.ts';
import type { CandidateName } from '../../parity/parityCounterexample.ts';
import { addPoolOptions, poolSettings, type RawPoolOptions } from '../../runner/poolOptions.ts';

interface ParityCliOptions extends RawPoolOptions {
  readonly candidate?: string;
  readonly candidateCmd?: string;
  readonly runs: string;
  readonly seed: string;
  readonly maxSteps: string;
  readonly mix: string;
  readonly timeoutMs: string;
  readonly maxDivergences: string;
  readonly ignore: string[];
  readonly tolerance: string[];
  readonly force?: boolean;
  readonly corpus: string | false;
  readonly counterexamples: string | false;
  readonly json?: boolean;
}

function int(name: string, v: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer in [${min}, ${max}], got ${showValue(v)}`);
  return n;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Loads a candidate from exactly one of --candidate / --candidate-cmd; a child that cannot start is bad usage. */
export async function candidateFrom(opts: { candidate?: string | undefined; candidateCmd?: string | undefined }, timeoutMs = 5000): Promise<Candidate> {
  if ((opts.candidate === undefined) === (opts.candidateCmd === undefined)) throw new UsageError('give exactly one of --candidate <module> and --candidate-cmd <command>');
  try {
    return opts.candidate ? inProcessCandidate(await loadSystem(opts.candidate, '--candidate'), opts.candidate) : await childCandidate(opts.candidateCmd!, timeoutMs);
  } catch (e) {
    if (e instanceof ProtocolFault) throw new UsageError(`--candidate-cmd ${showValue(opts.candidateCmd, 200)}: ${oneLine(e.message)}${e.stderrTail ? ` (stderr: ${oneLine(e.stderrTail, 200)})` : ''}`);
    throw e;
  }
}

export function registerParity(program: Command): void {
  addPoolOptions(addJournalOptions(program.command('parity')), '--candidate module (a --candidate-cmd child stays one process)')
    .description('run the same generated inputs through the reference kernel and a candidate; report every distinct divergence, shrunk; exit 1 on any')
    .option('--candidate <module>', 'a TypeScript module exporting `sut` = { name, step(state, input), writeRows(records) | null }: its own rows are compared')
    .option('--candidate-cmd <command>', 'a program in any language speaking the JSON-lines protocol (spec/protocol.md), e.g. "python3 examples/python/float_kernel.py"')
    .option('--runs <n>', 'generated runs', '200')
    .option('--seed <n>', 'seed', '1')
    .option('--max-steps <n>', 'most actions per generated run', '40')
    .option('--mix <name>', 'input mix: full (everything the gate generates) or core (entries, exits, fills, acks)', 'full')
    .option('--timeout-ms <n>', 'longest wait for one reply of a child candidate', '5000')
    .option('--max-divergences <n>', 'distinct divergence signatures to shrink; the rest are counted', String(FINDING_COUNT_MAX))
    .option('--ignore <family.column>', 'do not compare this column (repeatable; refused for exact columns without --force)', collect, [])
    .option('--tolerance <family.column=ABS>', 'accept an absolute difference up to ABS in this column (repeatable; refused for exact columns without --force)', collect, [])
    .option('--force', 'allow --ignore / --tolerance on columns spec/rows.md makes exact (the report says so)')
    .option('--corpus <dir>', 'compare these counterexample files\' inputs first (regression cases)', 'corpus')
    .option('--no-corpus', 'do not compare the corpus first')
    .option('--counterexamples <dir>', 'where to write a counterexample file per divergence', '.workbench/counterexamples')
    .option('--no-counterexamples', 'write no counterexample files')
    .option('--json', 'print the result as JSON (feed it to `workbench report --parity FILE` for the report\'s parity section)')
    .action(async (opts: ParityCliOptions, cmd: Command) => {
      if ((opts as ParityCliOptions & JournalCliOptions).journal !== undefined) return void (process.exitCode = await journalParityCommand(opts as ParityCliOptions & JournalCliOptions, (s) => process.stdout.write(`${s}\n`)));
      if (opts.mix !== 'full' && opts.mix !== 'core') throw new UsageError(`--mix must be full or core, got ${showValue(opts.mix)}`);
      const runs = int('--runs', opts.runs, 1, 1_000_000);
      const seed = int('--seed', opts.seed, -(2 ** 31), 2 ** 31 - 1);
      const stepCountMax = int('--max-steps', opts.maxSteps, 1, 10_000);
      const timeoutMs = int('--timeout-ms', opts.timeoutMs, 1, 600_000);
      const findingCountMax = int('--max-divergences', opts.maxDivergences, 1, 1000);
      const policy = parsePolicy(opts.ignore, opts.tolerance, opts.force === true);
      let corpus;
      try {
        corpus = opts.corpus === false ? [] : readCorpus(opts.corpus).map((c) => ({ file: c.file, inputs: c.data.inputs }));
      } catch (e) {
        if (e instanceof CounterexampleFileError) throw new UsageError(`--corpus: ${e.message}`);
        throw e;
      }
      const pool = poolSettings(opts);
      if ((opts.candidate === undefined) === (opts.candidateCmd === undefined)) throw new UsageError('give exactly one of --candidate <module> and --candidate-cmd <command>');
      // A module runs in the pool's workers under the watchdog (never loaded here); a protocol child stays one process.
      const candidate = opts.candidate === undefined ? await candidateFrom(opts, timeoutMs) : null;
      const progress = new ProgressLine(process.stderr);
      const offInterrupt = onInterruptReport(() => progress.lastStatus || 'parity: no run finished');
      progress.update(`parity: 0/${runs} runs`);
      try {
        const onProgress = runProgress(progress, 'parity');
        let result: ParityResult;
        let named: CandidateName;
        if (candidate) {
          result = await runParity({ candidate, config: GATE_CONFIG, runs, seed, stepCountMax, mix: opts.mix, policy, findingCountMax, corpus, onProgress });
          named = candidate;
        } else {
          const pooled = await runParityOnPool({
            candidateModule: resolve(opts.candidate!), config: GATE_CONFIG, runs, seed, stepCountMax, mix: opts.mix, findingCountMax, corpus, onProgress,
            policy: { ignore: opts.ignore, tolerance: opts.tolerance, force: opts.force === true }, setAside: policy.setAside,
            workers: pool.workers, timeBudgetMs: pool.timeBudgetMs, stepDeadlineMs: pool.stepDeadlineMs,
          });
          result = pooled.result;
          named = { ...pooled.candidate, origin: { module: opts.candidate! } };
        }
        progress.done();
        result.command = commandLine(cmd);
        if (opts.counterexamples !== false) writeParityCounterexamples(result.findings, opts.counterexamples, named, GATE_CONFIG, policy, seed);
        process.stdout.write(opts.json ? `${JSON.stringify({ ...result, run: fromParity(result) }, null, 2)}\n` : `${formatParity(result)}\n`);
        publishParity(result, parityRerunCommand({ candidate: opts.candidate, candidateCmd: opts.candidateCmd, runs, seed, stepCountMax, mix: opts.mix }));
        process.exitCode = result.status === 'parity' ? EXIT.OK : EXIT.VIOLATION;
      } finally {
        offInterrupt();
        progress.done();
        await candidate?.close();
      }
    });
}
