// Loading a module under test named on the command line (`--kernel`, `--candidate`, `--adapter`): the only
// way code enters a run. TypeScript loads wherever it lives (tsx's scoped tsImport, so a .ts file outside a
// "type": "module" package is not turned into CommonJS that then require()s the workbench's ES modules), and
// a module whose top-level await never settles is refused after a deadline instead of ending node with 13.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { oneLine, showValue } from '../showValue.ts';

/** Longest wait for a module's top-level code (spec/reliability.md); WORKBENCH_MODULE_LOAD_TIMEOUT_MS overrides it. */
export const MODULE_LOAD_TIMEOUT_MS = 10_000;

/** The load deadline: the environment variable when set (an integer in [100, 600000] ms), else the default. */
export function moduleLoadTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['WORKBENCH_MODULE_LOAD_TIMEOUT_MS'];
  if (raw === undefined || raw === '') return MODULE_LOAD_TIMEOUT_MS;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 100 || n > 600_000) throw new ModuleLoadError(`environment variable WORKBENCH_MODULE_LOAD_TIMEOUT_MS must be an integer in [100, 600000] (ms), got ${showValue(raw)}`);
  return n;
}

export class ModuleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

/** Whether the nearest package.json above `file` says "type": "module" (then a plain import treats .ts as ESM). */
function inModulePackage(file: string): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
    if (dirname(dir) === dir) return false;
  }
}

/** Imports the module at `path` (named by option `flag`); every failure is a one-line ModuleLoadError. */
export async function loadModule(flag: string, path: string, timeoutMs = moduleLoadTimeoutMs()): Promise<Record<string, unknown>> {
  const abs = resolve(path);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    // reported below
  }
  if (!isFile) throw new ModuleLoadError(`${flag} ${showValue(path)}: no such file`);
  const url = pathToFileURL(abs).href;
  // A TypeScript module inside a "type": "module" package, while the workbench itself runs from its sources (tsx
  // registered for the process), is imported plainly so it shares the workbench's module graph; anywhere else it
  // goes through tsx's scoped tsImport (imported only then: the built CLI runs without tsx otherwise).
  const fromSources = import.meta.url.endsWith('.ts');
  const loading = /\.[cm]?tsx?$/i.test(abs) && !(fromSources && inModulePackage(abs))
    ? import('tsx/esm/api').then(({ tsImport }) => tsImport(url, import.meta.url))
    : import(url);
  let timer: NodeJS.Timeout | undefined;
  // A ref'd timer: while it runs, node does not exit with 13 ("unsettled top-level await").
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleLoadError(`${flag} ${showValue(path)}: the module did not finish loading within ${timeoutMs} ms (a top-level await that never settles?)`)), timeoutMs);
  });
  try {
    const mod = (await Promise.race([loading, deadline])) as Record<string, unknown>;
    // A CommonJS module (or a .ts compiled as one) puts its exports under `default`.
    const inner = mod['default'];
    return inner !== null && typeof inner === 'object' && !('sut' in mod) && !('createAdapter' in mod) ? { ...(inner as Record<string, unknown>), ...mod } : mod;
  } catch (e) {
    if (e instanceof ModuleLoadError) throw e;
    throw new ModuleLoadError(`${flag} ${showValue(path)}: cannot load module (${oneLine(String((e as Error)?.message ?? e).split('\n')[0] ?? '', 200)})`);
  } finally {
    clearTimeout(timer);
  }
}
