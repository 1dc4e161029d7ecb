// `workbench run FILE`: a scenario through the kernel and the mock venue, shown step by step.
import type { Command } from 'commander';
import { plain } from '../../kernel/decimal.ts';
import { initialState, makeConfig } from '../../kernel/state.ts';
import { KernelDriver } from '../../driver/driver.ts';
import { describeInput, describeOutcome, describeSlot } from '../../driver/describe.ts';
import { loadScenario, ScenarioError } from '../../scenario/loadScenario.ts';
import { MockVenueAdapter } from '../../venue/mockVenue.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, paint, paintCell, renderTable } from '../output.ts';
import { registerRunExtensions, runExtensions, type RunExtensionOptions } from './runExtensions.ts';

export interface RunOptions extends RunExtensionOptions {
  readonly json?: boolean;
}

export function runScenarioFile(file: string, options: RunOptions, out: (s: string) => void): number {
  let scenario;
  try {
    scenario = loadScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    throw e;
  }
  let config;
  let venue;
  try {
    config = makeConfig(scenario.config);
    venue = new MockVenueAdapter(scenario.venue, scenario.config.instruments);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const driver = new KernelDriver(initialState(config), venue);
  for (const input of scenario.inputs) driver.process(input);
  const extra = runExtensions(driver, scenario, options);
  const state = driver.state;
  if (options.json) {
    out(JSON.stringify({
      steps: driver.records.map((r) => ({
        index: r.index, origin: r.origin, input: describeInput(r.input), accepted: r.result.outcome.accepted,
        code: r.result.outcome.diagnosticCode, severity: r.result.outcome.severity, state: r.result.outcome.state,
        transitions: r.result.journal.transitions, details: r.result.outcome.details,
      })),
      capital: plain(state.account.capital),
      realizedPnl: plain(state.account.realizedPnl),
      notes: extra,
    }, null, 2));
    return EXIT.OK;
  }
  const color = colorEnabled();
  const stepRows = driver.records.map((r) => {
    const o = r.result.outcome;
    const verdict = describeOutcome(o);
    const tint = !o.accepted ? (o.severity === 'ERROR' ? 'red' : 'yellow') : o.severity === 'WARN' ? 'yellow' : 'green';
    return [
      String(r.index), r.origin === 'venue' ? '  ' + describeInput(r.input) : describeInput(r.input), paintCell(color, tint, verdict),
      r.result.journal.transitions.map((t) => t.replace(/ --(\w+)--> /, ' →[$1]→ ')).join('; ') || '-',
      o.slotId === null ? '-' : describeSlot(r.result.state, o.slotId),
    ];
  });
  out(scenario.description ? `${paint(color, 'bold', scenario.description)}\n` : '');
  out(renderTable(['step', 'input', 'outcome', 'transitions', 'slot after'], stepRows, ['right']));
  const slotRows = state.slots.map((s) => {
    const t = s.trade;
    if (!t) return [String(s.slotId), '-', '-', 'IDLE', '0', '0', '-', '0', '0'];
    return [
      String(s.slotId), t.tradeId, `${t.side} ${t.asset}`, t.stage, plain(t.size), plain(t.initialSize),
      t.initialSize.isZero() ? '-' : plain(t.entryPrice.toSignificantDigits(12)), plain(t.realizedPnl), String(t.activeLegIndex),
    ];
  });
  out('\n' + renderTable(['slot', 'trade', 'position', 'stage', 'size', 'initial', 'entry', 'realized', 'legs'], slotRows, ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right']));
  const a = state.account;
  out(`\ncapital ${plain(a.capital)} = initial ${plain(a.initialCapital)} + realized ${plain(a.realizedPnl)}` +
    (a.lastVenueBalance ? ` (last venue balance ${plain(a.lastVenueBalance)}, not authoritative)` : ''));
  for (const line of extra) out(line);
  return EXIT.OK;
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run a scenario file (JSON list of intents, or {config, venue, steps}) through the kernel and the mock venue')
    .argument('<file>', 'scenario JSON file (see examples/scenarios/)')
    .option('--json', 'print the steps as JSON instead of tables');
  registerRunExtensions(cmd);
  cmd.action((file: string, opts: RunOptions) => {
    process.exitCode = runScenarioFile(file, opts, (s) => process.stdout.write(s.endsWith('\n') || s === '' ? s : s + '\n'));
  });
}
