// `workbench merge`: combines the JSON of sharded gate runs (`workbench gate --shard k/n --json`) into one
// report (Markdown + JSON twin), and optionally the merged gate JSON. Exit codes as `workbench report`.
import type { Command } from 'commander';
import { buildReport } from '../../report/buildReport.ts';
import { readParityFiles } from '../../parity/paritySection.ts';
import { readGateJson } from '../../report/gateJson.ts';
import { mergeGateResults } from '../../report/mergeGateResults.ts';
import { readReportJson } from '../../report/reportJson.ts';
import { withDiagramSvg } from '../../report/diagramFile.ts';
import { svgPathOf } from '../../report/diagramFile.ts';
import { assertSvgAvailable } from '../../report/svgPrerequisites.ts';
import { chartsOrWarn } from '../../report/charts/chartFiles.ts';
import { publishGate } from '../../ci/publish.ts';
import { checkOutPath, commandLine, refuseReportOverlap, writeReport } from '../../report/writeReport.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { writeFileAtomicSync } from '../io/atomicWrite.ts';
import { warn } from '../warn.ts';

interface MergeCliOptions {
  readonly out?: string;
  readonly title?: string;
  readonly compare?: string;
  readonly gateOut?: string;
  readonly svg?: boolean;
  readonly partial?: boolean;
  readonly parity?: string[];
  readonly charts?: boolean;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the JSON of sharded gate runs into one report (Markdown + JSON twin)')
    .argument('<gate.json...>', 'gate results, one per shard (`workbench gate --shard k/n --json > FILE`)')
    .requiredOption('--out <file.md>', 'Markdown file to write; the JSON twin goes beside it (NAME.json)')
    .option('--title <text>', 'the report\'s title', 'Gate run (merged shards)')
    .option('--compare <previous.json>', 'a previous report\'s JSON twin: adds "what changed"')
    .option('--gate-out <file.json>', 'also write the merged gate result')
    .option('--parity <parity.json...>', 'parity runs of one candidate (`workbench parity --json`, e.g. one per shard or seed): merged into the parity section; any divergence makes the verdict FAIL')
    .option('--svg', 'also render the state diagram to NAME.state-machine.svg (needs Chromium and the optional peers mermaid and playwright-core) and link it')
    .option('--partial', 'merge an incomplete shard set (some k of n missing); the verdict is then PARTIAL')
    .option('--no-charts', 'do not render the SVG charts (NAME.charts/*.svg, no browser needed)')
    .action(async (files: string[], opts: MergeCliOptions, cmd: Command) => {
      const out = checkOutPath(opts.out);
      refuseReportOverlap(out, opts.svg ? svgPathOf(out) : null,
        [...files.map((f, i) => ({ label: `merge operand ${i + 1}`, path: f })), ...(opts.compare !== undefined ? [{ label: '--compare', path: opts.compare }] : []),
          ...(opts.parity ?? []).map((f) => ({ label: '--parity', path: f }))],
        opts.gateOut !== undefined ? [{ label: '--gate-out', path: opts.gateOut }] : []);
      if (opts.svg) assertSvgAvailable();
      const previous = opts.compare === undefined ? null : readReportJson(opts.compare, '--compare');
      const results = files.map((f) => readGateJson(f, 'merge'));
      const { result, shards, missing } = mergeGateResults(results, files, { partial: opts.partial === true });
      const parity = opts.parity === undefined ? null : readParityFiles(opts.parity);
      const built = buildReport(result, { title: opts.title ?? 'Gate run (merged shards)', command: commandLine(cmd, files), shards, previous, parity, missingShards: missing });
      const charted = opts.charts === false ? built : await chartsOrWarn(built, out);
      const report = opts.svg ? await withDiagramSvg(charted, out) : charted;
      publishGate(result, { title: report.title, annotate: false });
      // The verdict first; a file that cannot be written is a warning beside it (exit 2 unless it FAILed).
      const verdictLine = `${report.verdict}: merged ${files.length} shard(s) (${shards.join(', ')}${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''})`;
      let saved = true;
      let wrote = '';
      try {
        const written = writeReport(report, out);
        wrote = `; wrote ${written.markdown} and ${written.json}`;
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        saved = false;
        warn(`report not saved: ${e.message}`);
      }
      if (opts.gateOut !== undefined) {
        try {
          writeFileAtomicSync(opts.gateOut, `${JSON.stringify(result, null, 2)}\n`);
        } catch (e) {
          saved = false;
          warn(`--gate-out ${opts.gateOut}: not saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      }
      process.stdout.write(`${verdictLine}${wrote}${report.verdictReasons.length > 0 ? ` (${report.verdictReasons.join('; ')})` : ''}\n`);
      process.exitCode = report.verdict === 'FAIL' ? EXIT.VIOLATION : saved ? EXIT.OK : EXIT.USAGE;
    });
}
