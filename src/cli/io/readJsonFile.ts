// Reading a user's JSON file with the limits stated in spec/reliability.md: at most 16 MB, nested at most
// 64 levels deep (checked iteratively, so a 5 000-deep file is refused rather than overflowing the stack of
// whatever walks it later). Errors name the file and the problem on one line.
import { readFileSync, statSync } from 'node:fs';
import { formatIssue, type SchemaIssue } from '../../schema/ajv.ts';
import { oneLine } from '../showValue.ts';

export const JSON_FILE_BYTES_MAX = 16 * 1024 * 1024;
export const JSON_DEPTH_MAX = 64;

export class JsonFileError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'JsonFileError';
  }
}

/** The deepest nesting of arrays/objects, walked with an explicit stack. */
export function depthOf(value: unknown, limit = JSON_DEPTH_MAX): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** Reads, size-checks, parses and depth-checks a JSON file; throws JsonFileError (one line) on any problem. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > JSON_FILE_BYTES_MAX) throw new JsonFileError(file, `is ${size} bytes; files up to ${JSON_FILE_BYTES_MAX} bytes (16 MB) are read`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof JsonFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new JsonFileError(file, code === 'ENOENT' ? 'cannot read file: ENOENT (it does not exist)' : code === 'EISDIR' ? 'cannot read file: EISDIR (it is a folder)' : `cannot read file: ${code ?? oneLine((e as Error).message)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new JsonFileError(file, `not valid JSON: ${oneLine((e as Error).message, 160)}`);
  }
  if (depthOf(data) > JSON_DEPTH_MAX) throw new JsonFileError(file, `nested more than ${JSON_DEPTH_MAX} levels deep (the limit for every file the workbench reads)`);
  return data;
}

/**
 * Schema issues as one line: the most specific issue in full (for a failed oneOf/anyOf ajv reports every
 * branch; the deepest concrete issue is the one the author meant), then how many more there are.
 */
export function issuesLine(issues: readonly SchemaIssue[]): string {
  const concrete = issues.filter((i) => i.rule !== 'oneOf' && i.rule !== 'anyOf');
  const depth = (i: SchemaIssue) => i.path.split('/').length;
  const first = [...(concrete.length > 0 ? concrete : issues)].sort((a, b) => depth(b) - depth(a))[0];
  if (!first) return '';
  return `${formatIssue(first)}${issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : ''}`;
}
