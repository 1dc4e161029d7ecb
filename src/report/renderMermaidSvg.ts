// Renders Mermaid source to SVG with the real mermaid library inside headless Chromium (Debian's chromium,
// driven by playwright-core; no browser download, no network: mermaid is injected from node_modules).
// Used by the render test and, optionally, to embed the SVG in a report for viewers without Mermaid.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Mermaid wraps a label wider than state.wrappingWidth (state nodes) or flowchart.wrappingWidth (the default) and cuts a
 * word that alone is wider, so ORDER_REQUESTED came out as "ORDER_REQU" / "ESTED" in SVG-text labels. Wider than
 * any state name or transition label we draw, so none is ever cut.
 */
const LABEL_WRAP_WIDTH_PX = 640;

export type MermaidRender =
  | { readonly ok: true; readonly svgs: readonly string[] }
  | { readonly ok: false; readonly unavailable: true; readonly reason: string }
  | { readonly ok: false; readonly unavailable: false; readonly reason: string };

/** Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium; undefined when neither exists. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidate = env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM;
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Renders each source to SVG in one browser session. `unavailable` means the environment cannot render
 * (no Chromium, no playwright-core); otherwise a failure is Mermaid's own error for that source.
 */
export interface MermaidRenderOptions {
  /** false: labels as SVG text instead of HTML in foreignObject, so image viewers (not only browsers) show them. */
  readonly htmlLabels?: boolean;
}

export async function renderMermaidSvg(sources: readonly string[], executablePath = chromiumPath(), options: MermaidRenderOptions = {}): Promise<MermaidRender> {
  if (executablePath === undefined) return { ok: false, unavailable: true, reason: `no Chromium at ${process.env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` };
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    return { ok: false, unavailable: true, reason: `playwright-core is not installed (${(e as Error).message})` };
  }
  const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  const profile = mkdtempSync(join(tmpdir(), 'workbench-chromium-'));
  let context: Awaited<ReturnType<typeof playwright.chromium.launchPersistentContext>> | undefined;
  try {
    try {
      context = await playwright.chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    } catch (e) {
      return { ok: false, unavailable: true, reason: `Chromium at ${executablePath} did not start: ${(e as Error).message.split('\n')[0]}` };
    }
    // Nothing may come from the network: every request the page makes is refused.
    await context.route('**/*', (route) => route.abort());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: mermaidJs });
    const result = await page.evaluate(async ([srcs, htmlLabels, LABEL_WRAP_WIDTH_PX]: readonly [readonly string[], boolean, number]) => {
      const m = (globalThis as unknown as { mermaid: { initialize(c: object): void; render(id: string, s: string): Promise<{ svg: string }> } }).mermaid;
      m.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', htmlLabels, flowchart: { htmlLabels, wrappingWidth: LABEL_WRAP_WIDTH_PX }, state: { wrappingWidth: LABEL_WRAP_WIDTH_PX } });
      const svgs: string[] = [];
      for (const [i, src] of srcs.entries()) {
        try {
          svgs.push((await m.render(`diagram${i}`, src)).svg);
        } catch (e) {
          return { error: `diagram ${i}: ${(e as Error).message}` };
        }
      }
      return { svgs };
    }, [[...sources], options.htmlLabels ?? true, LABEL_WRAP_WIDTH_PX] as const);
    if ('error' in result) return { ok: false, unavailable: false, reason: String(result.error) };
    return { ok: true, svgs: result.svgs ?? [] };
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
