// `workbench merge`: combines the JSON of sharded gate runs (`workbench gate --shard k/n --json`) into one
// report (Markdown + JSON twin), and optionally the merged gate JSON. Exit codes as `workbench report`.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildReport } from '../../report/buildReport.ts';
import { readGateJson } from '../../report/gateJson.ts';
import { mergeGateResults } from '../../report/mergeGateResults.ts';
import { readReportJson } from '../../report/reportJson.ts';
import { withDiagramSvg } from '../../report/diagramFile.ts';
import { withCharts } from '../../report/charts/chartFiles.ts';
import { publishGate } from '../../ci/publish.ts';
import { checkOutPath, commandLine, writeReport } from '../../report/writeReport.ts';
import { EXIT, UsageError } from '../exitCodes.ts';

interface MergeCliOptions {
  readonly out?: string;
  readonly title?: string;
  readonly compare?: string;
  readonly gateOut?: string;
  readonly svg?: boolean;
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
    .option('--svg', 'also render the state diagram to NAME.state-machine.svg (needs Chromium) and link it')
    .option('--no-charts', 'do not render the SVG charts (NAME.charts/*.svg, no browser needed)')
    .action(async (files: string[], opts: MergeCliOptions, cmd: Command) => {
      const out = checkOutPath(opts.out);
      const previous = opts.compare === undefined ? null : readReportJson(opts.compare, '--compare');
      const results = files.map((f) => readGateJson(f, 'merge'));
      const { result, shards } = mergeGateResults(results, files);
      if (opts.gateOut !== undefined) {
        try {
          writeFileSync(opts.gateOut, `${JSON.stringify(result, null, 2)}\n`);
        } catch (e) {
          throw new UsageError(`--gate-out ${opts.gateOut}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      }
      const built = buildReport(result, { title: opts.title ?? 'Gate run (merged shards)', command: commandLine(cmd, files), shards, previous });
      const charted = opts.charts === false ? built : await withCharts(built, out);
      const report = opts.svg ? await withDiagramSvg(charted, out) : charted;
      publishGate(result, { title: report.title, annotate: false });
      const written = writeReport(report, out);
      process.stdout.write(`${report.verdict}: merged ${files.length} shard(s) (${shards.join(', ')}); wrote ${written.markdown} and ${written.json}\n`);
      process.exitCode = report.verdict === 'FAIL' ? EXIT.VIOLATION : EXIT.OK;
    });
}
