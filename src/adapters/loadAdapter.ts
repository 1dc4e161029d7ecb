// Loads an adapter module under test: a TypeScript or JavaScript file exporting `createAdapter` (or a default
// export) of type AdapterFactory. A .ts path loads through tsx (src/cli/userModule.ts).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importUserModule } from '../cli/userModule.ts';
import type { AdapterFactory } from './contract.ts';

export class AdapterLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterLoadError';
  }
}

export async function loadAdapterFactory(path: string): Promise<AdapterFactory> {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new AdapterLoadError(`--adapter: no such file: ${path}`);
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(abs);
  } catch (e) {
    throw new AdapterLoadError(`--adapter ${path}: the module failed to load: ${(e as Error).message}`);
  }
  const factory = mod['createAdapter'] ?? mod['default'];
  if (typeof factory !== 'function') {
    throw new AdapterLoadError(`--adapter ${path}: exports no adapter factory (expected a function exported as createAdapter or default, got ${typeof factory})`);
  }
  return factory as AdapterFactory;
}
