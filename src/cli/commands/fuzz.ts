// `workbench fuzz --adapter PATH`: the adapter-fuzz profile against an adapter module, reported like the gate
// (exit 0 held, 1 finding, 2 usage), with capabilities, conformance, coverage, a timeline and a replay file.
import type { Command } from 'commander';
import { AdapterLoadError, loadAdapterFactory } from '../../adapters/loadAdapter.ts';
import { PROFILES } from '../../adapters/fuzz/profile.ts';
import { readReplayFile, ReplayFileError, writeReplayFile } from '../../adapters/fuzz/replayFile.ts';
import { fuzzReportJson, renderFuzzReport } from '../../adapters/fuzz/report.ts';
import { replayAsResult, runAdapterFuzz, type FuzzResult } from '../../adapters/fuzz/runFuzz.ts';
import type { AdapterFactory } from '../../adapters/contract.ts';
import { protocolAdapter, type ProtocolAdapter } from '../../protocol/protocolAdapter.ts';
import { ProtocolFault } from '../../protocol/jsonLinesChild.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, ProgressLine } from '../output.ts';
import { publishFuzz } from '../../ci/publish.ts';

export interface FuzzCliOptions {
  readonly adapter?: string;
  readonly adapterCmd?: string;
  readonly profile: string;
  readonly seed?: string;
  readonly runs?: string;
  readonly json?: boolean;
  readonly replay?: string;
  readonly out: string;
  readonly callTimeoutMs?: string;
}

type FuzzProfileWithTimeout = (typeof PROFILES)[string] & { callTimeoutMs: number };

function intOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  }
  return n;
}

export async function runFuzzCommand(opts: FuzzCliOptions, out: (s: string) => void): Promise<number> {
  if (!opts.adapter === !opts.adapterCmd) throw new UsageError('give exactly one of --adapter PATH (a module exporting createAdapter) and --adapter-cmd "COMMAND" (a program speaking spec/protocol.md)');
  const base = PROFILES[opts.profile];
  if (!base) throw new UsageError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got ${JSON.stringify(opts.profile)}`);
  const seed = intOption('--seed', opts.seed, -2147483648, 2147483647) ?? 1;
  const runs = intOption('--runs', opts.runs, 1, 1_000_000) ?? base.runs;
  const callTimeoutMs = intOption('--call-timeout-ms', opts.callTimeoutMs, 1, 600_000) ?? base.callTimeoutMs;
  const profile = { ...base, callTimeoutMs };
  let factory;
  let replay;
  let child: ProtocolAdapter | null = null;
  try {
    if (opts.adapterCmd) {
      child = await protocolAdapter(opts.adapterCmd, callTimeoutMs);
      factory = child.factory;
    } else {
      factory = await loadAdapterFactory(opts.adapter!);
    }
    replay = opts.replay ? readReplayFile(opts.replay) : null;
  } catch (e) {
    if (e instanceof AdapterLoadError || e instanceof ReplayFileError) throw new UsageError(e.message);
    if (e instanceof ProtocolFault) throw new UsageError(`--adapter-cmd ${JSON.stringify(opts.adapterCmd)}: ${e.message}${e.stderrTail ? `\n${e.stderrTail.trim()}` : ''}`);
    throw e;
  }
  try {
    return await fuzzWith(opts, factory, replay, profile, seed, runs, out);
  } finally {
    await child?.close();
  }
}

async function fuzzWith(
  opts: FuzzCliOptions, factory: AdapterFactory, replay: ReturnType<typeof readReplayFile> | null, profile: FuzzProfileWithTimeout, seed: number, runs: number, out: (s: string) => void,
): Promise<number> {
  const adapterLabel = opts.adapter ?? opts.adapterCmd!;
  const adapterFlag = opts.adapter ? `--adapter ${opts.adapter}` : `--adapter-cmd ${JSON.stringify(opts.adapterCmd)}`;
  let result: FuzzResult;
  if (replay) {
    result = await replayAsResult(replay.case, factory, profile, replay.seed);
  } else {
    const progress = new ProgressLine();
    result = await runAdapterFuzz(factory, { profile, seed, runs, onProgress: (done, total) => progress.update(`fuzz ${done}/${total} runs`) });
    progress.done();
  }
  let replayFile: string | null = opts.replay ?? null;
  if (!replay && result.counterexample) {
    replayFile = writeReplayFile(opts.out, {
      kind: 'adapter-fuzz-counterexample', version: 1, adapter: adapterLabel, profile: profile.name, seed, path: result.path,
      primary: result.counterexample.primary, case: result.counterexample.fuzzCase,
    });
  }
  const meta = { adapterPath: adapterLabel, adapterFlag, replayFile, color: !opts.json && colorEnabled() };
  publishFuzz(result, adapterLabel, replayFile ? `npx workbench fuzz ${adapterFlag} --replay ${replayFile}` : null);
  out(opts.json ? JSON.stringify(fuzzReportJson(result, meta), null, 2) : renderFuzzReport(result, meta));
  return result.status === 'passed' ? EXIT.OK : EXIT.VIOLATION;
}

export function registerFuzz(program: Command): void {
  program
    .command('fuzz')
    .description('fuzz a venue adapter: adversarial but legal venue behaviour, adapter conformance and kernel invariants')
    .option('--adapter <path>', 'adapter module (.ts/.js) exporting createAdapter(config) or a default factory')
    .option('--adapter-cmd <command>', 'an adapter in any language speaking the JSON-lines protocol (spec/protocol.md), e.g. "python3 examples/python/example_adapter.py"')
    .option('--profile <name>', 'fuzz profile', 'adapter-fuzz')
    .option('--seed <n>', 'fast-check seed (default 1)')
    .option('--runs <n>', 'number of generated runs (default: the profile\'s)')
    .option('--replay <file>', 're-play a saved counterexample instead of fuzzing')
    .option('--out <dir>', 'where counterexample replay files go', '.workbench/counterexamples')
    .option('--call-timeout-ms <n>', 'longest wait for one adapter answer (default: the profile\'s)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: FuzzCliOptions) => {
      process.exitCode = await runFuzzCommand(opts, (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'));
    });
}
