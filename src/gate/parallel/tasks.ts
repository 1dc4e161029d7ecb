// The messages between the gate and its worker threads: plain, structured-clone-safe data only.
import type { KernelConfig } from '../../kernel/types.ts';
import type { MessagePort } from 'node:worker_threads';
import type { KernelInput } from '../../kernel/types.ts';
import type { GateCase } from '../actions.ts';
import type { Coverage } from '../coverage.ts';
import type { Failure } from '../result.ts';

/** A KernelConfig as text (Decimals do not survive structured clone). */
export interface ConfigText {
  readonly slotCount: number;
  readonly initialCapital: string;
  readonly quoteAsset: string;
  readonly instruments: Readonly<Record<string, { priceTick: string; qtyStep: string; minQty: string; minNotional: string }>>;
}

/** What every task needs to rebuild the pass context inside a worker. */
export interface SystemSpec {
  /** Null: the reference kernel. Otherwise an absolute module path exporting `sut`. */
  readonly kernelModule: string | null;
  /** A kernel child (`--kernel-cmd`): each worker thread starts its own. */
  readonly kernelCommand?: string | null;
  /** Its reply deadline. */
  readonly timeoutMs?: number;
  readonly config: ConfigText;
  readonly seed: number;
  readonly runs: number;
  readonly stepCountMax: number;
  /** Action kinds switched off in every generated run (`gate --without`). */
  readonly without: readonly string[];
  /** Replay command with `{file}` where the file goes. */
  readonly replayTemplate: string;
  /** The watchdog's heartbeat: the worker posts each input here before stepping it. */
  readonly port?: MessagePort;
}

export interface Heartbeat {
  readonly run: number;
  readonly step: number;
  readonly input: KernelInput;
}

export interface DescribeTask extends SystemSpec {
  readonly kind: 'describe';
}

export interface ChunkTask extends SystemSpec {
  readonly kind: 'chunk';
  /** Index of the first case in the pass. */
  readonly start: number;
  readonly cases: readonly GateCase[];
  /** Runs with index below this are executed twice (pass 0's determinism sample). */
  readonly determinismRuns: number;
  /** Invariants not checked at all (already failed in the corpus). */
  readonly skip: readonly string[];
}

export interface RunFailure {
  readonly index: number;
  /** Invariants violated (first violation each), determinism excluded. */
  readonly ids: readonly string[];
  readonly determinismFailed: boolean;
  /** The system threw or broke its contract: the run fails in every pass. */
  readonly fault: boolean;
}

export interface ChunkResult {
  readonly failures: readonly RunFailure[];
  /** Pass 0's counts over the chunk's runs up to and including its first failing run. */
  readonly coverage: Coverage;
  readonly exercised: Readonly<Record<string, number>>;
  readonly determinismRuns: number;
  readonly counted: number;
}

export interface ShrinkTask extends SystemSpec {
  readonly kind: 'shrink';
  readonly index: number;
  readonly skip: readonly string[];
  readonly determinism: boolean;
  readonly timeLimitMs: number | null;
}

export interface ShrinkResult {
  readonly failure: Failure | null;
  readonly interrupted: boolean;
}

export interface CorpusTask extends SystemSpec {
  readonly kind: 'corpus';
  readonly files: readonly { readonly file: string; readonly inputs: readonly KernelInput[] }[];
}

export type Task = DescribeTask | ChunkTask | ShrinkTask | CorpusTask;

/** A kernel configuration as plain text, to cross into a worker thread. */
export function configText(c: KernelConfig): ConfigText {
  const instruments: Record<string, ConfigText['instruments'][string]> = {};
  for (const [asset, i] of Object.entries(c.instruments)) {
    instruments[asset] = { priceTick: i.priceTick.toFixed(), qtyStep: i.qtyStep.toFixed(), minQty: i.minQty.toFixed(), minNotional: i.minNotional.toFixed() };
  }
  return { slotCount: c.slotCount, initialCapital: c.initialCapital.toFixed(), quoteAsset: c.quoteAsset, instruments };
}
