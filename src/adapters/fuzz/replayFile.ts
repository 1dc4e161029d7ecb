// Replay files: a shrunk adapter-fuzz counterexample as JSON, re-played exactly by `workbench fuzz --replay`.
// Validated completely against schemas/fuzz-replay.schema.json: garbage actions are refused (exit 2), never
// replayed as a pass. Data only: the adapter comes from the command line.
import { join } from 'node:path';
import schema from '../../../schemas/fuzz-replay.schema.json' with { type: 'json' };
import { writeFileAtomicSync } from '../../cli/io/atomicWrite.ts';
import { issuesLine, JsonFileError, readJsonFile } from '../../cli/io/readJsonFile.ts';
import { createAjv, validateWith } from '../../schema/ajv.ts';
import type { FuzzCase } from './fuzzCase.ts';

const validate = createAjv().compile(schema);

export const REPLAY_KIND = 'adapter-fuzz-counterexample';

export interface ReplayFile {
  readonly kind: typeof REPLAY_KIND;
  readonly version: 1;
  readonly adapter: string;
  readonly profile: string;
  readonly seed: number;
  readonly path: string | null;
  readonly primary: string;
  readonly case: FuzzCase;
}

export class ReplayFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayFileError';
  }
}

/** Where writeReplayFile puts a file: known before the finding is printed. */
export function replayPathOf(dir: string, file: Pick<ReplayFile, 'primary' | 'seed'>): string {
  return join(dir, `fuzz-${file.primary}-seed${file.seed}.json`);
}

export function writeReplayFile(dir: string, file: ReplayFile): string {
  const out = replayPathOf(dir, file);
  writeFileAtomicSync(out, JSON.stringify(file, null, 2) + '\n');
  return out;
}

export function readReplayFile(path: string): ReplayFile {
  let parsed: unknown;
  try {
    parsed = readJsonFile(path);
  } catch (e) {
    if (e instanceof JsonFileError) throw new ReplayFileError(`--replay ${e.message}`);
    throw e;
  }
  const issues = validateWith(validate, parsed);
  if (issues.length > 0) throw new ReplayFileError(`--replay ${path}: not an adapter-fuzz replay file: ${issuesLine(issues)}`);
  return parsed as ReplayFile;
}
