#!/usr/bin/env node
// Entry point for `npx workbench`: runs the built CLI (dist/, made by `npm run build`, which `npm ci` runs) when it
// is at least as new as the sources; otherwise registers tsx and runs the TypeScript sources (a checkout being
// edited). An installed package ships dist/ without src/: it always runs dist/. Either way nothing heavy loads
// before the command needs it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSourceMs } from './sourceStamp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function builtIsCurrent() {
  try {
    return Number(readFileSync(join(root, 'dist', '.stamp'), 'utf8')) >= newestSourceMs(root);
  } catch {
    return false;
  }
}

let main;
let installSignalHandlers;
const hasSources = existsSync(join(root, 'src'));
if (!hasSources || (process.env['WORKBENCH_FROM_SOURCES'] !== '1' && builtIsCurrent())) {
  ({ installSignalHandlers } = await import('../dist/src/cli/interrupt.js'));
  ({ main } = await import('../dist/src/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ installSignalHandlers } = await import('../src/cli/interrupt.ts'));
  ({ main } = await import('../src/cli/main.ts'));
}
installSignalHandlers();
process.exitCode = await main(process.argv.slice(2));
// Every command exits once it has printed its result or error: anything still holding the event loop (a
// child's pipe, a stray timer) gets 2 s, then the process exits anyway (children are killed on 'exit').
setTimeout(() => process.exit(), 2000).unref();
