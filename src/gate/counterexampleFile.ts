// Counterexamples as files (schemas/counterexample.schema.json): written on failure, replayed by
// `workbench replay` and, from the committed corpus/ folder, on every gate run. Data only: a file never
// names code to run; the system under test comes from the command line (`--kernel`).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import schema from '../../schemas/counterexample.schema.json' with { type: 'json' };
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import { makeConfig } from '../kernel/state.ts';
import { lazyValidator, validateWith } from '../schema/ajv.ts';
import { writeFileAtomicSync } from '../cli/io/atomicWrite.ts';
import { issuesLine, JsonFileError, readJsonFile } from '../cli/io/readJsonFile.ts';
import type { Failure } from './result.ts';

export interface CounterexampleFile {
  readonly version: 1;
  readonly invariantId: string;
  readonly signature: string;
  readonly message: string;
  readonly values: Readonly<Record<string, string>>;
  /** The system's name, a label only. */
  readonly kernel: string;
  readonly config: { readonly slotCount: number; readonly initialCapital: string };
  readonly seed: number;
  readonly path: string | null;
  readonly inputs: readonly KernelInput[];
  /** A parity divergence (src/parity/parityCounterexample.ts); absent in the gate's own files. */
  readonly parity?: ParityCounterexample;
}

export interface ParityCounterexample {
  readonly candidate: string;
  readonly candidateCmd?: string;
  readonly candidateModule?: string;
  readonly step: number;
  readonly divergences: readonly Readonly<Record<string, unknown>>[];
  readonly setAside: readonly string[];
  readonly ignore: readonly string[];
  readonly tolerance: Readonly<Record<string, string>>;
  readonly config: Readonly<Record<string, unknown>>;
  readonly comparedRows: boolean;
  readonly reference: readonly unknown[];
}

const validate = lazyValidator(schema);

/** A counterexample file that cannot be used: one line naming the file, the field and the value. */
export class CounterexampleFileError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: not a counterexample file: ${problem}`);
    this.name = 'CounterexampleFileError';
  }
}

export function toFile(f: Failure, kernel: string, config: KernelConfig): CounterexampleFile {
  const cx = f.counterexample;
  return {
    version: 1, invariantId: f.invariantId, signature: f.signature, message: cx.message, values: cx.values, kernel,
    config: { slotCount: config.slotCount, initialCapital: config.initialCapital.toFixed() }, seed: f.seed, path: f.path,
    inputs: JSON.parse(JSON.stringify(cx.inputs)) as KernelInput[],
  };
}

export function fileNameOf(f: Failure, index: number): string {
  return `${f.invariantId}-seed${f.seed}-${index}.json`;
}

export function writeCounterexample(dir: string, name: string, file: CounterexampleFile): string {
  const path = join(dir, name);
  writeFileAtomicSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

export function readCounterexample(path: string): CounterexampleFile {
  let data: unknown;
  try {
    data = readJsonFile(path);
  } catch (e) {
    if (e instanceof JsonFileError) throw new CounterexampleFileError(path, e.problem);
    throw e;
  }
  if (data !== null && typeof data === 'object' && 'kernelModule' in data) {
    throw new CounterexampleFileError(path, 'field kernelModule is refused: a counterexample file never names code to run; give the module with --kernel MODULE');
  }
  const issues = validateWith(validate, data);
  if (issues.length > 0) throw new CounterexampleFileError(path, issuesLine(issues));
  const file = data as CounterexampleFile;
  try {
    configOf(file);
  } catch (e) {
    throw new CounterexampleFileError(path, (e as Error).message);
  }
  return file;
}

export function configOf(file: CounterexampleFile): KernelConfig {
  return makeConfig({ slotCount: file.config.slotCount, initialCapital: file.config.initialCapital });
}

/**
 * Every counterexample file in a corpus folder. A folder the user named must exist and be readable (exit 2
 * otherwise: a silently skipped corpus is a false pass); the default `corpus/` may be absent.
 */
export function readCorpus(dir: string, named = true): { file: string; data: CounterexampleFile }[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new CounterexampleFileError(dir, '--corpus must name a folder of counterexample files; this is a file');
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    if (e instanceof CounterexampleFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return [];
    throw new CounterexampleFileError(dir, `--corpus folder cannot be read (${code ?? (e as Error).message})`);
  }
  return names.map((n) => ({ file: join(dir, n), data: readCounterexample(join(dir, n)) }));
}
