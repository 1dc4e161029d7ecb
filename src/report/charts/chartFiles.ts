// The report's charts as SVG files in NAME.charts/ beside NAME.md, linked from it by relative path. The one edge
// that renders and writes them; which charts exist is decided by the data (a parity chart only with divergences).
import { writeFileAtomicSync } from '../../cli/io/atomicWrite.ts';
import { warn } from '../../cli/warn.ts';
import { basename, dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { UsageError } from '../../cli/exitCodes.ts';
import type { Report } from '../model.ts';
import { counterexampleSpec, hasSeries, legsSpec, paritySpec, reachSpec, transitionsSpec } from './chartSpecs.ts';
import { vegaLiteToSvg } from './vegaSvg.ts';

/** NAME.md → NAME.charts (the folder, relative to the report's own folder). */
export function chartDirOf(out: string): string {
  return basename(out).replace(/\.md$/i, '.charts');
}

/** Chart name → spec, in the order the report shows them. */
export function chartSpecsOf(report: Report): [string, TopLevelSpec][] {
  const specs: [string, TopLevelSpec][] = [];
  report.counterexamples.forEach((cx, i) => {
    if (hasSeries(cx)) specs.push([`counterexample-${i + 1}`, counterexampleSpec(cx)]);
  });
  if (report.parity && report.parity.divergences.length > 0) specs.push(['parity', paritySpec(report.parity)]);
  specs.push(['transitions', transitionsSpec(report.coverage)], ['reach', reachSpec(report.coverage)], ['legs', legsSpec(report.coverage)]);
  return specs;
}

export async function withCharts(report: Report, out: string): Promise<Report> {
  const folder = chartDirOf(out);
  const charts: Record<string, string> = {};
  const rendered: [string, string][] = [];
  for (const [name, spec] of chartSpecsOf(report)) {
    rendered.push([name, await vegaLiteToSvg(spec)]);
    charts[name] = `${folder}/${name}.svg`;
  }
  const dir = join(dirname(out), folder);
  try {
    for (const [name, svg] of rendered) writeFileAtomicSync(join(dir, `${name}.svg`), `${svg}\n`);
  } catch (e) {
    throw new UsageError(`--out ${out}: cannot write its charts in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { ...report, charts };
}

/** The report with its charts, or without them and a warning when they cannot be written: the verdict comes first. */
export async function chartsOrWarn(report: Report, out: string): Promise<Report> {
  try {
    return await withCharts(report, out);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    warn(`charts not saved: ${e.message}`);
    return report;
  }
}
