// Imports a module named on the command line (--kernel, --adapter, --candidate). The workbench itself may run
// as built JavaScript, so a TypeScript module goes through tsx, registered for that import only.
import { pathToFileURL } from 'node:url';

const TS_FILE = /\.[cm]?tsx?$/;

export async function importUserModule(absPath: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(absPath).href;
  // Running from the TypeScript sources, tsx is already registered for the whole process.
  if (TS_FILE.test(absPath) && !import.meta.url.endsWith('.ts')) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}
