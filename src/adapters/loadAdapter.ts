// Loads an adapter module under test: a TypeScript or JavaScript file exporting `createAdapter` (or a default
// export) of type AdapterFactory. TypeScript loads wherever it lives (src/cli/io/loadModule.ts).
import { loadModule, ModuleLoadError } from '../cli/io/loadModule.ts';
import type { AdapterFactory } from './contract.ts';

export class AdapterLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterLoadError';
  }
}

export async function loadAdapterFactory(path: string): Promise<AdapterFactory> {
  let mod: Record<string, unknown>;
  try {
    mod = await loadModule('--adapter', path);
  } catch (e) {
    if (e instanceof ModuleLoadError) throw new AdapterLoadError(e.message);
    throw e;
  }
  const factory = mod['createAdapter'] ?? mod['default'];
  if (typeof factory !== 'function') {
    throw new AdapterLoadError(`--adapter ${path}: exports no adapter factory (expected a function exported as createAdapter or default, got ${typeof factory})`);
  }
  return factory as AdapterFactory;
}
