// Every CLI command registers itself here; one line per command.
import type { Command } from 'commander';
import { registerAudit } from './audit.ts';
import { registerDdl } from './ddl.ts';
import { registerFuzz } from './fuzz.ts';
import { registerGate } from './gate.ts';
import { registerParity } from './parity.ts';
import { registerMerge } from './merge.ts';
import { registerReplay } from './replay.ts';
import { registerReport } from './report.ts';
import { registerRun } from './run.ts';
import { registerVenue } from './venue.ts';

export function registerCommands(program: Command): void {
  registerGate(program);
  registerReplay(program);
  registerParity(program);
  registerRun(program);
  registerDdl(program);
  registerFuzz(program);
  registerReport(program);
  registerMerge(program);
  registerAudit(program);
  registerVenue(program);
}
