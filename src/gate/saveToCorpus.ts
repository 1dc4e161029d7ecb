// `replay FILE --save-to-corpus`: a counterexample (gate or parity) becomes a committed regression case.
import { writeFileSync } from 'node:fs';
import { ensureDir } from '../cli/io/atomicWrite.ts';
import { basename, join, relative } from 'node:path';
import { UsageError } from '../cli/exitCodes.ts';
import type { CounterexampleFile } from './counterexampleFile.ts';

export function saveToCorpus(file: string, data: CounterexampleFile, dir: string): string {
  const target = join(dir, basename(file));
  try {
    ensureDir(dir);
    writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
  } catch (e) {
    throw new UsageError(`--save-to-corpus ${dir}: cannot write ${target} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return relative(process.cwd(), target) || target;
}
