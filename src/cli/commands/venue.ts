// `workbench venue serve`: the wire venue alone, for a team's own integration tests. A plain, scripted
// (--schedule FILE: one OrderScript per order) or seeded (--seed N: the fuzz's generated scripts) venue on
// 127.0.0.1. Outside a fuzz there is no schedule of deliveries: stream updates go out right after the request
// that caused them, the market trades one resting order's next piece every --match-every-ms, and the
// virtual clock follows real time since start (so a ban lasts its Retry-After in real seconds).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withDefaultSignals } from '../interrupt.ts';
import fc from 'fast-check';
import { makeSimulatorConfig } from '../../venue/simulator/config.ts';
import { PLAIN_SCRIPT, SWARM_ALL_ON, type OrderScript } from '../../venue/simulator/schedule.ts';
import { VenueSimulator, type PositionMode } from '../../venue/simulator/simulator.ts';
import { wireScriptArb, WIRE_FUZZ_PROFILE } from '../../venue/wire/wireFuzz.ts';
import { WireSession } from '../../venue/wire/wireSession.ts';
import { WireVenue } from '../../venue/wire/wireVenue.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { intOption } from './fuzz.ts';

export interface VenueServeOptions {
  readonly port?: string;
  readonly seed?: string;
  readonly schedule?: string;
  readonly positionMode?: string;
  readonly matchEveryMs?: string;
  readonly json?: boolean;
}

const SCRIPT_KEYS = new Set(Object.keys(PLAIN_SCRIPT).concat(['lost', 'unavailable']));

function readSchedule(path: string): OrderScript[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--schedule ${path}: cannot read it as JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`--schedule ${path}: must be a JSON array of order scripts, got ${typeof parsed}`);
  return parsed.map((s: unknown, i) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new UsageError(`--schedule ${path}: entry ${i} must be an object, got ${JSON.stringify(s)}`);
    const unknown = Object.keys(s).find((k) => !SCRIPT_KEYS.has(k));
    if (unknown) throw new UsageError(`--schedule ${path}: entry ${i} has unknown field "${unknown}" (fields: ${[...SCRIPT_KEYS].join(', ')})`);
    return { ...PLAIN_SCRIPT, ...(s as Partial<OrderScript>) };
  });
}

export async function serveVenue(opts: VenueServeOptions, out: (s: string) => void, until: Promise<void>): Promise<number> {
  const port = intOption('--port', opts.port, 0, 65535) ?? 0;
  const matchEveryMs = intOption('--match-every-ms', opts.matchEveryMs, 10, 3_600_000) ?? 1000;
  const mode = opts.positionMode ?? 'one-way';
  if (mode !== 'one-way' && mode !== 'hedge') throw new UsageError(`--position-mode must be one-way or hedge, got ${JSON.stringify(mode)}`);
  if (opts.seed !== undefined && opts.schedule !== undefined) throw new UsageError('give at most one of --seed N and --schedule FILE');
  const seed = intOption('--seed', opts.seed, -2147483648, 2147483647);
  const scripts = opts.schedule ? readSchedule(opts.schedule) : seed !== undefined ? fc.sample(wireScriptArb(WIRE_FUZZ_PROFILE), { seed, numRuns: 200 }) : [];
  const sim = new VenueSimulator(scripts, SWARM_ALL_ON, makeSimulatorConfig(), mode as PositionMode);
  let venue: WireVenue;
  try {
    venue = await WireVenue.start(undefined, port);
  } catch (e) {
    throw new UsageError(`--port ${port}: cannot listen on 127.0.0.1: ${(e as Error).message}`);
  }
  const started = Date.now();
  const tick = () => {
    sim.nowMs = Date.now() - started;
  };
  let flushing = Promise.resolve();
  const flush = () => {
    flushing = flushing.then(async () => {
      const batch = [];
      for (let m = sim.take(0); m; m = sim.take(0)) if (m.channel === 'stream') batch.push(m.message);
      await venue.sendStream(batch);
    });
  };
  venue.begin(new WireSession(sim, mode as PositionMode, 1), { onHttp: () => setImmediate(flush) });
  const timer = setInterval(() => {
    tick();
    sim.match(0);
    sim.resync();
    flush();
  }, matchEveryMs);
  const env = venue.env(mode);
  if (opts.json) out(JSON.stringify({ ...env, scripts: scripts.length }));
  else {
    out(`workbench venue: Binance USD-M on ${venue.restUrl} (stream ${venue.wsUrl}), position mode ${mode}, ${scripts.length > 0 ? `${scripts.length} order scripts` : 'plain venue'}; Ctrl-C stops it`);
    for (const [k, v] of Object.entries(env)) out(`export ${k}=${v}`);
  }
  try {
    await until;
  } finally {
    clearInterval(timer);
    await flushing;
    await venue.close();
  }
  return EXIT.OK;
}

export function registerVenue(program: Command): void {
  const venue = program.command('venue').description('the adversarial venue on its own');
  venue
    .command('serve')
    .description('serve the venue on 127.0.0.1 in Binance USD-M\'s format (REST + user-data stream) until interrupted; prints the environment an adapter needs')
    .option('--port <n>', 'port (default: an ephemeral one)')
    .option('--seed <n>', 'play the fuzz\'s generated order scripts for this seed')
    .option('--schedule <file>', 'play these order scripts (a JSON array of spec/venue.md §4 scripts; missing fields are plain)')
    .option('--position-mode <one-way|hedge>', 'the account\'s position mode (default one-way)')
    .option('--match-every-ms <n>', 'the market trades one resting order\'s next piece this often (default 1000)')
    .option('--json', 'print the environment as one JSON line')
    .action(async (opts: VenueServeOptions) => {
      // A signal is how a served venue is stopped (exit 0), not an interruption: the workbench's own
      // interrupt handlers step aside while it serves.
      process.exitCode = await withDefaultSignals(() => {
        const stop = new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        return serveVenue(opts, (s) => process.stdout.write(s + '\n'), stop);
      });
    });
}
