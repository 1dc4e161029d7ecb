// The `workbench` CLI: parses arguments (commander), dispatches to a command, maps failures to exit codes.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { EXIT, UsageError } from './exitCodes.ts';
import { registerCommands } from './commands/index.ts';
import { shutdown } from './shutdown.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The CLI for `argv` (only the invoked command's module loaded), or with every command loaded ('all'). */
export async function buildProgram(argv: readonly string[] | 'all' = 'all'): Promise<Command> {
  const program = new Command('workbench')
    .description('Property-based verification workbench for the DITA execution kernel')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, argv);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`workbench: error: ${e.message}\n`);
      return EXIT.USAGE;
    }
    const err = e as Error;
    process.stderr.write(`workbench: internal error: ${err.name}: ${err.message}\n`);
    if (process.env['WORKBENCH_DEBUG']) process.stderr.write(`${err.stack ?? ''}\n`);
    else process.stderr.write('(set WORKBENCH_DEBUG=1 for the stack trace; this is a workbench bug, please report it)\n');
    return EXIT.INTERNAL;
  } finally {
    await shutdown();
  }
}
