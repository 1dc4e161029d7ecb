// `--svg`: the state diagram rendered to an SVG file beside the report (NAME.state-machine.svg) and linked from
// it, for viewers without Mermaid. Labels are SVG text (not HTML), so image viewers show them too.
import { basename } from 'node:path';
import { UsageError } from '../cli/exitCodes.ts';
import { writeFileAtomicSync } from '../cli/io/atomicWrite.ts';
import type { Report } from './model.ts';
import { renderMermaidSvg } from './renderMermaidSvg.ts';
import { stateDiagram } from './stateDiagram.ts';

export function svgPathOf(out: string): string {
  return out.replace(/\.md$/i, '.state-machine.svg');
}

export async function withDiagramSvg(report: Report, out: string): Promise<Report> {
  const rendered = await renderMermaidSvg([stateDiagram(report.coverage.transitions)], undefined, { htmlLabels: false });
  if (!rendered.ok && rendered.unavailable) throw new UsageError(`--svg needs Chromium to render the diagram: ${rendered.reason}`);
  if (!rendered.ok) throw new Error(`mermaid could not render the state diagram: ${rendered.reason}`);
  const file = svgPathOf(out);
  try {
    writeFileAtomicSync(file, `${rendered.svgs[0] ?? ''}\n`);
  } catch (e) {
    throw new UsageError(`--svg ${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { ...report, coverage: { ...report.coverage, diagramSvg: basename(file) } };
}

