// `workbench report`: runs the gate's checks (or reads a gate run's JSON) and writes a Markdown report plus its
// JSON twin. Exit 0 when the verdict is PASS or INCOMPLETE, 1 when FAIL (the report is written either way).
import type { Command } from 'commander';
import { runGateWith, saveCounterexamples, type RawGateOptions } from '../../gate/index.ts';
import { PROFILES } from '../../gate/profiles.ts';
import { buildReport } from '../../report/buildReport.ts';
import { withGateOptions } from './gate.ts';
import { readParityFiles } from '../../parity/paritySection.ts';
import { readGateJson } from '../../report/gateJson.ts';
import { readAuditJson, readReportJson } from '../../report/reportJson.ts';
import { withDiagramSvg } from '../../report/diagramFile.ts';
import { svgPathOf } from '../../report/diagramFile.ts';
import { assertSvgAvailable } from '../../report/svgPrerequisites.ts';
import { chartsOrWarn } from '../../report/charts/chartFiles.ts';
import { checkOutPath, commandLine, refuseReportOverlap, writeReport } from '../../report/writeReport.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { withDefaultSignals } from '../interrupt.ts';
import { warn } from '../warn.ts';
import { ProgressLine } from '../output.ts';
import { runProgress } from '../runProgress.ts';

interface ReportCliOptions extends RawGateOptions {
  readonly title?: string;
  readonly out?: string;
  readonly from?: string;
  readonly compare?: string;
  readonly parity?: string[];
  readonly audit?: string;
  readonly svg?: boolean;
  readonly charts?: boolean;
}

const GATE_FLAGS = ['profile', 'runs', 'seed', 'maxSteps', 'timeBudget', 'shard', 'determinism', 'kernel', 'kernelCmd', 'timeoutMs'] as const;

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('write a Markdown report (and its JSON twin) of a gate run: verdict, invariants, schema parity with BLUE, coverage, counterexamples, what changed')
    .requiredOption('--title <text>', 'the report\'s title')
    .requiredOption('--out <file.md>', 'Markdown file to write; the JSON twin goes beside it (NAME.json)')
    .option('--from <gate.json>', 'report on this gate run (`workbench gate --json`) instead of running the checks')
    .option('--compare <previous.json>', 'a previous report\'s JSON twin: adds "what changed"')
    .option('--parity <parity.json...>', 'a candidate\'s parity run(s) (`workbench parity --json`): adds the parity section; any divergence makes the verdict FAIL')
    .option('--audit <audit.json>', 'an audit of recorded rows (`workbench audit --json`): adds the audit section; violations make the verdict FAIL')
    .option('--svg', 'also render the state diagram to NAME.state-machine.svg (needs Chromium and the optional peers mermaid and playwright-core) and link it')
    .option('--no-charts', 'do not render the SVG charts (NAME.charts/*.svg, no browser needed)');
  withGateOptions(cmd)
    .action(async (opts: ReportCliOptions, cmd: Command) => {
      const out = checkOutPath(opts.out);
      if (opts.title === undefined || opts.title.trim() === '') throw new UsageError('--title must not be empty');
      refuseReportOverlap(out, opts.svg ? svgPathOf(out) : null, [
        ...(opts.from !== undefined ? [{ label: '--from', path: opts.from }] : []), ...(opts.compare !== undefined ? [{ label: '--compare', path: opts.compare }] : []),
        ...(opts.parity ?? []).map((f) => ({ label: '--parity', path: f })), ...(opts.audit !== undefined ? [{ label: '--audit', path: opts.audit }] : []), ...(opts.kernel !== undefined ? [{ label: '--kernel', path: opts.kernel }] : []),
      ]);
      if (opts.svg) assertSvgAvailable();
      const previous = opts.compare === undefined ? null : readReportJson(opts.compare, '--compare');
      const audit = opts.audit === undefined ? null : readAuditJson(opts.audit);
      let result;
      let gateRun: Awaited<ReturnType<typeof runGateWith>> | null = null;
      // Counterexample files are saved last, after the verdict is printed.
      const saveFiles = () => {
        for (const w of gateRun ? saveCounterexamples(gateRun) : []) warn(w);
      };
      if (opts.from !== undefined) {
        const given = GATE_FLAGS.filter((k) => cmd.getOptionValueSource(k) === 'cli');
        if (given.length > 0) throw new UsageError(`--from reads a finished gate run; gate options cannot apply to it (got --${given.map((k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join(', --')})`);
        result = readGateJson(opts.from, '--from');
      } else {
        const progress = new ProgressLine(process.stderr);
        // done() also on bad usage: a heartbeat timer left behind would write into a later command's output.
        const run = await withDefaultSignals(() => runGateWith(opts, { writeFiles: false, onProgress: runProgress(progress, 'report: gate') }))
          .finally(() => progress.done());
        result = run.result;
        gateRun = run;
      }
      const parity = opts.parity === undefined ? null : readParityFiles(opts.parity);
      const built = buildReport(result, { title: opts.title, command: commandLine(cmd), previous, parity, audit });
      const charted = opts.charts === false ? built : await chartsOrWarn(built, out);
      const report = opts.svg ? await withDiagramSvg(charted, out) : charted;
      const reasons = report.verdictReasons.length > 0 ? ` (${report.verdictReasons.join('; ')})` : '';
      try {
        const written = writeReport(report, out);
        process.stdout.write(`${report.verdict}: wrote ${written.markdown} and ${written.json}${reasons}\n`);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        // The verdict is printed even when the report cannot be saved: a FAIL is never lost.
        process.stdout.write(`${report.verdict}: report not written${reasons}\n`);
        warn(`report not saved: ${e.message}`);
        saveFiles();
        process.exitCode = report.verdict === 'FAIL' ? EXIT.VIOLATION : EXIT.USAGE;
        return;
      }
      saveFiles();
      process.exitCode = report.verdict === 'FAIL' ? EXIT.VIOLATION : EXIT.OK;
    });
}
