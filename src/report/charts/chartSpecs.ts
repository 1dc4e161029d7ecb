// The report's pictures as Vega-Lite specs, pure: Report parts in, a spec with its data inline out. Counts and
// amounts are plotted as numbers; the exact values stay in the report's tables.
import type { TopLevelSpec } from 'vega-lite';
import { transitionLabel } from '../stateDiagram.ts';
import type { CounterexampleSection, CoverageSection, ParitySection } from '../model.ts';

const RED = '#c0392b';
const GREEN = '#2e7d32';
const BLUE = '#1f5fa8';
const GREY = '#9e9e9e';

const BASE = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white', config: { font: 'sans-serif', view: { stroke: null } } } as const;

/** Whether the counterexample's steps carry the numbers to plot (results from before they did, do not). */
export function hasSeries(cx: CounterexampleSection): boolean {
  return cx.steps.length > 0 && cx.steps.every((s) => s.size !== undefined && s.capital !== undefined);
}

/** Position size and capital after each step, one panel each, the violating step marked in red on both. */
export function counterexampleSpec(cx: CounterexampleSection): TopLevelSpec {
  const values = cx.steps.map((s) => ({ step: s.step, size: Number(s.size), capital: Number(s.capital), input: s.input, violated: s.step === cx.stepIndex }));
  const panel = (field: 'size' | 'capital', title: string, color: string) => ({
    width: 520, height: 150,
    layer: [
      { mark: { type: 'line' as const, color, point: { color, size: 40 } }, encoding: {
        x: { field: 'step', type: 'quantitative' as const, title: 'step', axis: { tickMinStep: 1, format: 'd' } },
        y: { field, type: 'quantitative' as const, title, scale: { zero: field === 'size' } },
        tooltip: [{ field: 'step', type: 'quantitative' as const }, { field: 'input', type: 'nominal' as const }, { field, type: 'quantitative' as const }],
      } },
      { transform: [{ filter: 'datum.violated' }], mark: { type: 'rule' as const, color: RED, strokeWidth: 2, strokeDash: [4, 3] }, encoding: { x: { field: 'step', type: 'quantitative' as const } } },
      { transform: [{ filter: 'datum.violated' }], mark: { type: 'point' as const, color: RED, filled: true, size: 120, shape: 'diamond' }, encoding: {
        x: { field: 'step', type: 'quantitative' as const }, y: { field, type: 'quantitative' as const },
      } },
    ],
  });
  return {
    ...BASE,
    title: { text: `${cx.invariantId}: position size and capital per step`, subtitle: `red: step ${cx.stepIndex}, where the rule broke` },
    data: { values },
    vconcat: [panel('size', 'open position (all slots)', BLUE), panel('capital', 'capital', GREEN)],
  };
}

/** Every declared transition with its count; the ones never taken in red, labelled NEVER. */
export function transitionsSpec(c: CoverageSection): TopLevelSpec {
  const values = c.transitions.map((t) => ({ transition: `${t.from} → ${t.to} (${t.trigger})`, count: t.count, never: t.count === 0, label: t.count === 0 ? 'NEVER' : transitionLabel(t).split(' × ')[1] ?? '' }));
  const y = { field: 'transition', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 400 } };
  return {
    ...BASE,
    title: 'Declared transitions: times taken',
    data: { values }, width: 360, height: { step: 18 },
    layer: [
      { mark: 'bar', encoding: { y, x: { field: 'count', type: 'quantitative', title: 'times taken' }, color: { condition: { test: 'datum.never', value: RED }, value: BLUE } } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { y, x: { field: 'count', type: 'quantitative' }, text: { field: 'label' }, color: { condition: { test: 'datum.never', value: RED }, value: '#333' } } },
    ],
  };
}

/** Reach matrix per dimension: cells reached, possible but never reached, and cells that cannot happen. */
export function reachSpec(c: CoverageSection): TopLevelSpec {
  const values = c.reach.dimensions.flatMap((d) => [
    { dimension: `${d.dimension}: ${d.title}`, kind: 'reached', cells: d.reached, order: 0 },
    { dimension: `${d.dimension}: ${d.title}`, kind: 'never reached', cells: d.possible - d.reached, order: 1 },
    { dimension: `${d.dimension}: ${d.title}`, kind: 'cannot happen', cells: d.impossible, order: 2 },
  ]);
  return {
    ...BASE,
    title: 'Reach matrix: cells per dimension',
    data: { values }, width: 360, height: { step: 22 },
    mark: 'bar',
    encoding: {
      y: { field: 'dimension', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } },
      x: { field: 'cells', type: 'quantitative', stack: 'zero', title: 'cells' },
      color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['reached', 'never reached', 'cannot happen'], range: [GREEN, RED, GREY] } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

export function legsSpec(c: CoverageSection): TopLevelSpec {
  return {
    ...BASE,
    title: 'Closed trades by number of exit legs',
    data: { values: c.legCounts.map((l) => ({ legs: l.legs, trades: l.trades })) }, width: 300, height: 160,
    mark: { type: 'bar', color: BLUE },
    encoding: {
      x: { field: 'legs', type: 'ordinal', sort: null, title: 'exit legs', axis: { labelAngle: 0 } },
      y: { field: 'trades', type: 'quantitative', title: 'closed trades' },
    },
  };
}

/** Divergent columns of a parity run: one bar per family.column, its length the divergences found there. */
export function paritySpec(p: ParitySection): TopLevelSpec {
  const byColumn = new Map<string, number>();
  for (const d of p.divergences) {
    const key = d.family === null ? 'protocol fault' : `${d.family}.${d.column ?? '?'}`;
    byColumn.set(key, (byColumn.get(key) ?? 0) + d.occurrences);
  }
  return {
    ...BASE,
    title: { text: `Parity: divergent columns of ${p.candidate}`, subtitle: `${p.divergences.length} distinct divergence(s)` },
    data: { values: [...byColumn].map(([column, divergences]) => ({ column, divergences })) }, width: 320, height: { step: 22 },
    mark: { type: 'bar', color: RED },
    encoding: {
      y: { field: 'column', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } },
      x: { field: 'divergences', type: 'quantitative', title: 'divergences', axis: { tickMinStep: 1, format: 'd' } },
    },
  };
}
