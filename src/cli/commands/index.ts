// Every CLI command registers itself here; one line per command.
import type { Command } from 'commander';
import { registerDdl } from './ddl.ts';
import { registerFuzz } from './fuzz.ts';
import { registerRun } from './run.ts';

export function registerCommands(program: Command): void {
  registerRun(program);
  registerDdl(program);
  registerFuzz(program);
}
