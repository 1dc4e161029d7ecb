#!/usr/bin/env node
// Entry point for `npx workbench`: registers tsx once, installs the SIGINT/SIGTERM handling, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { installSignalHandlers } = await import('../src/cli/interrupt.ts');
installSignalHandlers();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
// Every command exits once it has printed its result or error: anything still holding the event loop (a
// child's pipe, a stray timer) gets 2 s, then the process exits anyway (children are killed on 'exit').
setTimeout(() => process.exit(), 2000).unref();
