// Replay files: a shrunk adapter-fuzz counterexample as JSON, re-played exactly by `workbench fuzz --replay`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzCase } from './fuzzCase.ts';

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

export function writeReplayFile(dir: string, file: ReplayFile): string {
  mkdirSync(dir, { recursive: true });
  const name = `fuzz-${file.primary}-seed${file.seed}.json`;
  const out = join(dir, name);
  writeFileSync(out, JSON.stringify(file, null, 2) + '\n');
  return out;
}

export function readReplayFile(path: string): ReplayFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReplayFileError(`--replay ${path}: cannot read it as JSON: ${(e as Error).message}`);
  }
  const r = parsed as Partial<ReplayFile> | null;
  if (!r || typeof r !== 'object' || r.kind !== REPLAY_KIND) throw new ReplayFileError(`--replay ${path}: field "kind" must be "${REPLAY_KIND}", got ${JSON.stringify(r?.kind)}`);
  if (r.version !== 1) throw new ReplayFileError(`--replay ${path}: field "version" must be 1, got ${JSON.stringify(r.version)}`);
  const c = r.case as Partial<FuzzCase> | undefined;
  if (!c || !Array.isArray(c.actions) || !Array.isArray(c.scripts) || typeof c.swarm !== 'object' || typeof c.finerKernelGrid !== 'boolean') {
    throw new ReplayFileError(`--replay ${path}: field "case" must hold finerKernelGrid, swarm, actions[] and scripts[]`);
  }
  return r as ReplayFile;
}
