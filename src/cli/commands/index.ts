// Every CLI command registers itself here; one line per command. Only the command being run is loaded (its
// module pulls in the kernel, the gate, ajv, …): the others are listed by name and summary for `--help`, so
// `workbench --help`, `--version` and a usage error load nothing heavy. tests/cli/startup.test.ts keeps each
// summary equal to its command's own description.
import type { Command } from 'commander';

interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'gate', summary: 'check every invariant on generated intent sequences and venue behaviour; shrink failures to a replayable counterexample', load: async () => (await import('./gate.ts')).registerGate },
  { name: 'replay', summary: 're-run a saved counterexample (.workbench/counterexamples/*.json or corpus/*.json) step by step', load: async () => (await import('./replay.ts')).registerReplay },
  { name: 'parity', summary: 'run the same generated inputs through the reference kernel and a candidate; report every distinct divergence, shrunk; exit 1 on any', load: async () => (await import('./parity.ts')).registerParity },
  { name: 'run', summary: 'run a scenario file (JSON list of intents, or {config, venue, steps}) through the kernel and the mock venue', load: async () => (await import('./run.ts')).registerRun },
  { name: 'ddl', summary: 'print ClickHouse CREATE TABLE statements for the eight BLUE row families (derived from schemas/)', load: async () => (await import('./ddl.ts')).registerDdl },
  { name: 'fuzz', summary: 'fuzz a venue adapter: adversarial but legal venue behaviour, adapter conformance and kernel invariants', load: async () => (await import('./fuzz.ts')).registerFuzz },
  { name: 'report', summary: 'write a Markdown report (and its JSON twin) of a gate run: verdict, invariants, schema parity with BLUE, coverage, counterexamples, what changed', load: async () => (await import('./report.ts')).registerReport },
  { name: 'merge', summary: 'combine the JSON of sharded gate runs into one report (Markdown + JSON twin)', load: async () => (await import('./merge.ts')).registerMerge },
  { name: 'audit', summary: 'audit recorded rows (NDJSON files or ClickHouse tables): live schema, every row, and the row invariants that need no kernel (spec/audit.md)', load: async () => (await import('./audit.ts')).registerAudit },
  { name: 'venue', summary: 'the adversarial venue on its own', load: async () => (await import('./venue.ts')).registerVenue },
];

/** The command an argument list runs (`help NAME` counts as NAME), or null. */
function invokedCommand(argv: readonly string[]): string | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? (words[1] ?? null) : (words[0] ?? null);
}

/** Registers the invoked command fully and every other one as a name and summary; `all` loads every command. */
export async function registerCommands(program: Command, argv: readonly string[] | 'all'): Promise<void> {
  const invoked = argv === 'all' ? null : invokedCommand(argv);
  for (const c of COMMANDS) {
    if (argv === 'all' || c.name === invoked) (await c.load())(program);
    else program.command(c.name).description(c.summary);
  }
}
