// Every file the workbench writes goes through here: written to a temporary file in the same folder and
// renamed over the target, so a kill mid-write leaves the old file or the new one, never a torn one; and
// never onto one of the command's own inputs.
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UsageError } from '../exitCodes.ts';

/**
 * Creates a folder and its missing parents one level at a time. Not `mkdirSync(…, {recursive: true})`: on
 * node 20 that loops forever where mkdir answers ENOENT under an existing parent (e.g. under /proc).
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Writes `data` to `path` atomically (temp file + rename), creating the folder first. */
export function writeFileAtomicSync(path: string, data: string): void {
  ensureDir(dirname(path));
  writeFileAtomic.sync(path, data);
}

/** The path a file has or would have: symlinks of the longest existing prefix resolved. */
export function canonicalPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : `${canonicalPath(parent)}/${basename(abs)}`;
  }
}

export interface NamedPath {
  /** How the command line named it, e.g. `--out` or `merge operand 2`. */
  readonly label: string;
  readonly path: string;
}

/** Refuses (exit 2) when an output would overwrite an input, or two outputs are one file; names both. */
export function refuseOverlap(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const seen = new Map<string, NamedPath>();
  for (const i of inputs) seen.set(canonicalPath(i.path), i);
  for (const o of outputs) {
    const key = canonicalPath(o.path);
    const clash = seen.get(key);
    if (clash) {
      const what = inputs.includes(clash) ? 'would overwrite the input' : 'is also written as';
      throw new UsageError(`${o.label} ${o.path} ${what} ${clash.label} ${clash.path}: choose another output path`);
    }
    seen.set(key, o);
  }
}
