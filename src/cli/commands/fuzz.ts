// `workbench fuzz --adapter PATH`: the adapter-fuzz profile against an adapter module, reported like the gate
// (exit 0 held, 1 finding, 2 usage), with capabilities, conformance, coverage, a timeline and a replay file.
import type { Command } from 'commander';
import { AdapterLoadError, loadAdapterFactory } from '../../adapters/loadAdapter.ts';
import { PROFILES } from '../../adapters/fuzz/profile.ts';
import { readReplayFile, replayPathOf, ReplayFileError, writeReplayFile, type ReplayFile } from '../../adapters/fuzz/replayFile.ts';
import { fuzzReportJson, renderFuzzReport } from '../../adapters/fuzz/report.ts';
import { replayAsResult, runAdapterFuzz, type FuzzResult } from '../../adapters/fuzz/runFuzz.ts';
import type { AdapterFactory } from '../../adapters/contract.ts';
import { protocolAdapter, type ProtocolAdapter } from '../../protocol/protocolAdapter.ts';
import { ProtocolFault } from '../../protocol/jsonLinesChild.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, ProgressLine } from '../output.ts';
import { runProgress } from '../runProgress.ts';
import { runWireFuzzCommand } from './fuzzWire.ts';
import { refuseOverlap } from '../io/atomicWrite.ts';
import { onInterruptReport } from '../interrupt.ts';
import { oneLine, showValue } from '../showValue.ts';
import { trySave, warn } from '../warn.ts';
import { publishFuzz } from '../../ci/publish.ts';
import { runAdapterFuzzOnPool } from '../../adapters/fuzz/fuzzOnPool.ts';
import { addPoolOptions, poolSettings, type PoolSettings, type RawPoolOptions } from '../../runner/poolOptions.ts';

export interface FuzzCliOptions extends RawPoolOptions {
  readonly adapter?: string;
  readonly adapterCmd?: string;
  readonly profile: string;
  readonly seed?: string;
  readonly runs?: string;
  readonly json?: boolean;
  readonly replay?: string;
  readonly out: string;
  readonly callTimeoutMs?: string;
  /** `sim` (default): the adapter answers events in-process or over the pipe; `wire`: it talks HTTP/WebSocket to the venue. */
  readonly venue?: string;
  readonly positionMode?: string;
}

type FuzzProfileWithTimeout = (typeof PROFILES)[string] & { callTimeoutMs: number };

export function intOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer in [${min}, ${max}], got ${showValue(raw)}`);
  }
  return n;
}

export async function runFuzzCommand(opts: FuzzCliOptions, out: (s: string) => void): Promise<number> {
  if (opts.venue !== undefined && opts.venue !== 'sim' && opts.venue !== 'wire') throw new UsageError(`--venue must be sim or wire, got ${JSON.stringify(opts.venue)}`);
  if (opts.venue === 'wire') return runWireFuzzCommand(opts, out);
  if (!opts.adapter === !opts.adapterCmd) throw new UsageError('give exactly one of --adapter PATH (a module exporting createAdapter) and --adapter-cmd "COMMAND" (a program speaking spec/protocol.md)');
  const base = PROFILES[opts.profile];
  if (!base) throw new UsageError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got ${showValue(opts.profile)}`);
  const seed = intOption('--seed', opts.seed, -2147483648, 2147483647) ?? 1;
  const runs = intOption('--runs', opts.runs, 1, 1_000_000) ?? base.runs;
  const callTimeoutMs = intOption('--call-timeout-ms', opts.callTimeoutMs, 1, 600_000) ?? base.callTimeoutMs;
  const pool = poolSettings(opts);
  const profile = { ...base, callTimeoutMs, ...(pool.timeBudgetMs !== null ? { timeBudgetMs: pool.timeBudgetMs } : {}) };
  // Everything read from files first: a bad replay file is refused before any child is started.
  let replay: ReplayFile | null;
  try {
    replay = opts.replay ? readReplayFile(opts.replay) : null;
  } catch (e) {
    if (e instanceof ReplayFileError) throw new UsageError(e.message);
    throw e;
  }
  // A case found on the wire means HTTP faults the in-process venue cannot play: replaying it here would pass.
  if (replay && (replay as { venue?: string }).venue === 'wire') throw new UsageError(`--replay ${opts.replay}: the case was found with --venue wire; replay it with --venue wire --adapter-cmd "COMMAND"`);
  let factory;
  let child: ProtocolAdapter | null = null;
  const progress = new ProgressLine();
  const offInterrupt = onInterruptReport(() => progress.lastStatus || 'fuzz: starting the adapter, no run finished');
  try {
    try {
      if (opts.adapterCmd) {
        child = await protocolAdapter(opts.adapterCmd, callTimeoutMs);
        factory = child.factory;
      } else if (!replay) {
        // A module is fuzzed in the pool's workers under the watchdog: never loaded on this thread.
        factory = null;
      } else {
        factory = await loadAdapterFactory(opts.adapter!);
      }
    } catch (e) {
      if (e instanceof AdapterLoadError) throw new UsageError(e.message);
      if (e instanceof ProtocolFault) throw new UsageError(`--adapter-cmd ${showValue(opts.adapterCmd, 200)}: ${oneLine(e.message)}${e.stderrTail ? ` (stderr: ${oneLine(e.stderrTail, 200)})` : ''}`);
      throw e;
    }
    return await fuzzWith(opts, factory, replay, profile, seed, runs, out, progress, pool);
  } finally {
    progress.done();
    offInterrupt();
    await child?.close();
  }
}

export async function fuzzWith(
  opts: FuzzCliOptions, factory: AdapterFactory | null, replay: ReplayFile | null, profile: FuzzProfileWithTimeout, seed: number, runs: number, out: (s: string) => void,
  progress: ProgressLine, pool: PoolSettings,
): Promise<number> {
  const adapterLabel = opts.adapter ?? opts.adapterCmd!;
  const adapterFlag = opts.adapter ? `--adapter ${opts.adapter}` : `--adapter-cmd ${JSON.stringify(opts.adapterCmd)}`;
  let result: FuzzResult;
  progress.update(replay ? 'fuzz: replaying 1 case' : `fuzz: 0/${runs} runs`);
  try {
    const onProgress = runProgress(progress, 'fuzz');
    if (factory === null) {
      result = await runAdapterFuzzOnPool({
        adapterModule: opts.adapter!, profile, seed, runs, workers: pool.workers, timeBudgetMs: profile.timeBudgetMs, stepDeadlineMs: pool.stepDeadlineMs, onProgress,
      });
    } else if (replay) {
      result = await replayAsResult(replay.case, factory, profile, replay.seed);
    } else {
      result = await runAdapterFuzz(factory, { profile, seed, runs, onProgress });
    }
  } finally {
    progress.done();
  }
  let replayFile: string | null = opts.replay ?? null;
  let toSave: ReplayFile | null = null;
  if (!replay && result.counterexample) {
    toSave = {
      kind: 'adapter-fuzz-counterexample', version: 1, adapter: adapterLabel, profile: profile.name, seed, path: result.path,
      primary: result.counterexample.primary, case: result.counterexample.fuzzCase,
    };
    replayFile = replayPathOf(opts.out, toSave);
  }
  const meta = { adapterPath: adapterLabel, adapterFlag, replayFile, color: !opts.json && colorEnabled() };
  // The finding is printed first; a replay file that cannot be written is a warning beside it.
  publishFuzz(result, adapterLabel, replayFile ? `npx workbench fuzz ${adapterFlag} --replay ${replayFile}` : null);
  out(opts.json ? JSON.stringify(fuzzReportJson(result, meta), null, 2) : renderFuzzReport(result, meta));
  if (toSave) {
    const file = toSave;
    const inputs = opts.adapter ? [{ label: '--adapter', path: opts.adapter }] : [];
    try {
      refuseOverlap([{ label: '--out', path: replayFile! }], inputs);
      trySave('replay file', replayFile!, () => writeReplayFile(opts.out, file));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      warn(`replay file not saved: ${e.message}`);
    }
  }
  return result.status === 'passed' ? EXIT.OK : EXIT.VIOLATION;
}

export function registerFuzz(program: Command): void {
  const fuzz = program.command('fuzz').description('fuzz a venue adapter: adversarial but legal venue behaviour, adapter conformance and kernel invariants');
  addPoolOptions(fuzz, '--adapter module (an --adapter-cmd child stays one process)')
    .option('--adapter <path>', 'adapter module (.ts/.js) exporting createAdapter(config) or a default factory')
    .option('--adapter-cmd <command>', 'an adapter in any language speaking the JSON-lines protocol (spec/protocol.md), e.g. "python3 examples/python/example_adapter.py"')
    .option('--profile <name>', 'fuzz profile', 'adapter-fuzz')
    .option('--seed <n>', 'fast-check seed (default 1)')
    .option('--runs <n>', 'number of generated runs (default: the profile\'s)')
    .option('--replay <file>', 're-play a saved counterexample instead of fuzzing')
    .option('--out <dir>', 'where counterexample replay files go', '.workbench/counterexamples')
    .option('--call-timeout-ms <n>', 'longest wait for one adapter answer (default: the profile\'s)')
    .option('--venue <sim|wire>', 'sim: the simulator in-process (default); wire: the venue on loopback, Binance USD-M over HTTP and WebSocket (needs --adapter-cmd; spec/venue.md §7)')
    .option('--position-mode <one-way|hedge>', 'wire: the account\'s position mode (default one-way)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: FuzzCliOptions) => {
      process.exitCode = await runFuzzCommand(opts, (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'));
    });
}
