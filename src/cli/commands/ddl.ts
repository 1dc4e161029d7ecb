// `workbench ddl`: the ClickHouse CREATE TABLE statements of the eight row families, from their schemas.
import type { Command } from 'commander';
import { ddlAll } from '../../rows/ddl.ts';
import { UsageError } from '../exitCodes.ts';

export function registerDdl(program: Command): void {
  program
    .command('ddl')
    .description('print ClickHouse CREATE TABLE statements for the eight BLUE row families (derived from schemas/)')
    .option('--database <name>', 'create the tables in this database (and the database itself)')
    .option('--drop-first', 'emit DROP TABLE IF EXISTS before each CREATE (test databases only)')
    .action((opts: { database?: string; dropFirst?: boolean }) => {
      try {
        process.stdout.write(ddlAll({ ...(opts.database !== undefined ? { database: opts.database } : {}), dropFirst: opts.dropFirst === true }));
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(`--database: ${e.message}`);
        throw e;
      }
    });
}
