// Counterexamples as files (schemas/counterexample.schema.json): written on failure, replayed by
// `workbench replay` and, from the committed corpus/ folder, on every gate run.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import schema from '../../schemas/counterexample.schema.json' with { type: 'json' };
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import { makeConfig } from '../kernel/state.ts';
import { lazyValidator, formatIssue, validateWith } from '../schema/ajv.ts';
import type { Failure } from './result.ts';

export interface CounterexampleFile {
  readonly version: 1;
  readonly invariantId: string;
  readonly signature: string;
  readonly message: string;
  readonly values: Readonly<Record<string, string>>;
  readonly kernel: string;
  readonly kernelModule?: string;
  readonly config: { readonly slotCount: number; readonly initialCapital: string };
  readonly seed: number;
  readonly path: string | null;
  readonly inputs: readonly KernelInput[];
}

const validate = lazyValidator(schema);

export class CounterexampleFileError extends Error {
  constructor(readonly file: string, readonly issues: readonly string[]) {
    super(`${file}: not a counterexample file\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'CounterexampleFileError';
  }
}

export function toFile(f: Failure, kernel: string, config: KernelConfig, kernelModule?: string): CounterexampleFile {
  const cx = f.counterexample;
  return {
    version: 1, invariantId: f.invariantId, signature: f.signature, message: cx.message, values: cx.values, kernel,
    ...(kernelModule ? { kernelModule } : {}),
    config: { slotCount: config.slotCount, initialCapital: config.initialCapital.toFixed() }, seed: f.seed, path: f.path,
    inputs: JSON.parse(JSON.stringify(cx.inputs)) as KernelInput[],
  };
}

export function fileNameOf(f: Failure, index: number): string {
  return `${f.invariantId}-seed${f.seed}-${index}.json`;
}

export function writeCounterexample(dir: string, name: string, file: CounterexampleFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

export function readCounterexample(path: string): CounterexampleFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CounterexampleFileError(path, [(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'cannot read file: ENOENT' : `not valid JSON: ${(e as Error).message}`]);
  }
  const issues = validateWith(validate, data);
  if (issues.length > 0) throw new CounterexampleFileError(path, issues.map(formatIssue));
  return data as CounterexampleFile;
}

export function configOf(file: CounterexampleFile): KernelConfig {
  return makeConfig({ slotCount: file.config.slotCount, initialCapital: file.config.initialCapital });
}

/** Every counterexample file in a corpus folder (none when the folder does not exist). */
export function readCorpus(dir: string): { file: string; data: CounterexampleFile }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((n) => ({ file: join(dir, n), data: readCounterexample(join(dir, n)) }));
}
