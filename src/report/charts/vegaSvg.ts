// Vega-Lite spec → SVG text, headless: vega's View with no renderer draws straight to an SVG string, so reports
// get their pictures with no browser, no canvas package and no network (every chart carries its data inline).
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
