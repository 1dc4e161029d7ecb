// The state diagram really renders: the real mermaid library, in headless Chromium, turns it into SVG that
// shows every state and every transition label (counts and never-taken marks). Without Chromium this test
// says it was skipped and why; it never passes silently (under CI=true it fails instead).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECLARED_TRANSITIONS, transitionKey } from '../../src/kernel/transitions.ts';
import { STAGES } from '../../src/kernel/types.ts';
import { chromiumPath, renderMermaidSvg } from '../../src/report/renderMermaidSvg.ts';
import { main } from '../../src/cli/main.ts';
import { skipOrFail } from '../reliability/service.ts';
import { gateRun } from './gateRuns.ts';
import { countDeclared, stateDiagram, transitionLabel } from '../../src/report/stateDiagram.ts';

function textOf(svg: string): string {
  return svg.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describe('Mermaid state diagram in headless Chromium', () => {
  it('renders to SVG with every state and every labelled transition', async (ctx) => {
    // Some transitions taken (one over a thousand times, to exercise digit grouping), the rest never.
    const counts = Object.fromEntries(DECLARED_TRANSITIONS.filter((_, i) => i % 3 === 0).map((t, i) => [transitionKey(t), i * 617 + 1]));
    const transitions = countDeclared(counts);
    const source = stateDiagram(transitions);
    const rendered = await renderMermaidSvg([source]);
    if (!rendered.ok && rendered.unavailable) {
      console.warn(`SKIPPED mermaid render test: ${rendered.reason}`);
      skipOrFail(ctx, 'Chromium', rendered.reason);
    }
    if (!rendered.ok) throw new Error(rendered.reason);
    const svg = rendered.svgs[0] ?? '';
    expect(svg.startsWith('<svg')).toBe(true);
    const text = textOf(svg);
    for (const s of STAGES) expect(text).toContain(s);
    for (const t of transitions) expect(text).toContain(transitionLabel(t));
    expect(transitions.some((t) => t.count === 0)).toBe(true);
    expect(transitions.some((t) => t.count > 1000)).toBe(true);
    // The states with an untaken way out carry the highlight class.
    expect(svg).toMatch(/class="[^"]*untaken/);
  });

  it('SVG-text labels (--svg): every state name on one line, never cut mid-word', async (ctx) => {
    const rendered = await renderMermaidSvg([stateDiagram(countDeclared({}))], undefined, { htmlLabels: false });
    if (!rendered.ok && rendered.unavailable) ctx.skip(rendered.reason);
    if (!rendered.ok) throw new Error(rendered.reason);
    const svg = rendered.svgs[0] ?? '';
    for (const s of STAGES) {
      const node = new RegExp(`<g class="node[^"]*"[^>]*id="[^"]*-state-${s}-\\d+"[\\s\\S]*?</text>`).exec(svg);
      expect(node, s).not.toBeNull();
      const lines = [...node![0].matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
      expect(lines, s).toEqual([s]);
    }
  });

  it('reports Mermaid\'s own error for a diagram it cannot parse', async (ctx) => {
    const rendered = await renderMermaidSvg(['stateDiagram-v2\n  [*] --> --> :::']);
    if (!rendered.ok && rendered.unavailable) skipOrFail(ctx, 'Chromium', rendered.reason);
    expect(rendered.ok).toBe(false);
    if (!rendered.ok) expect(rendered.reason).toMatch(/diagram 0/);
  });

  it('the diagram in the committed report (reports/reference-pre-merge.md) renders', async (ctx) => {
    const md = readFileSync(new URL('../../reports/reference-pre-merge.md', import.meta.url), 'utf8');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
    expect(block).toBeDefined();
    const rendered = await renderMermaidSvg([block!]);
    if (!rendered.ok && rendered.unavailable) skipOrFail(ctx, 'Chromium', rendered.reason);
    if (!rendered.ok) throw new Error(rendered.reason);
    const text = textOf(rendered.svgs[0]!);
    for (const t of DECLARED_TRANSITIONS) expect(text).toContain(t.trigger);
    expect(text).toMatch(/ENTER × \d/);
  });

  it('report --svg writes the diagram as SVG beside the report and links it', async (ctx) => {
    if (chromiumPath() === undefined) skipOrFail(ctx, 'Chromium', 'no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    const dir = mkdtempSync(join(tmpdir(), 'report-svg-'));
    const gate = join(dir, 'gate.json');
    writeFileSync(gate, JSON.stringify(gateRun()));
    const out = join(dir, 'r.md');
    expect(await main(['report', '--title', 'SVG', '--out', out, '--from', gate, '--svg'])).toBe(0);
    const svgFile = join(dir, 'r.state-machine.svg');
    expect(existsSync(svgFile)).toBe(true);
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('<foreignObject');
    expect(textOf(svg)).toContain('EXIT_FILL_LEG_DONE');
    expect(readFileSync(out, 'utf8')).toContain('](r.state-machine.svg)');
  });
});
