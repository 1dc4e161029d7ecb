#!/usr/bin/env node
// Entry point for `npx workbench`: registers tsx once, then loads the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
