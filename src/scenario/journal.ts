// An input journal: the scenario format one step a line (NDJSON), as a production system appends it. The first
// line may be a header {"config": …, "venue"?: …, "description"?: …, "strategy"?: …}; every other line is a
// scenario step ({"at", "intent"} / {"at", "venueEvent"} / {"at", "balanceReport"} / {"at", "control"}).
// It is assembled into the scenario document and validated by the same schema, so a journal and a scenario
// file accept exactly the same inputs (spec/audit.md §5).
import { ScenarioError } from './loadScenario.ts';

export interface JournalDocument {
  readonly doc: Record<string, unknown>;
  /** The strategy its rows were recorded under (header `strategy`, default `pink`). */
  readonly strategy: string;
}

const HEADER_KEYS = new Set(['config', 'venue', 'description', 'strategy']);

export function journalDocument(text: string, file: string): JournalDocument {
  const steps: unknown[] = [];
  const header: Record<string, unknown> = {};
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new ScenarioError(file, [`line ${lineNo}: not valid JSON: ${(e as Error).message}`]);
    }
    const isHeader = steps.length === 0 && Object.keys(header).length === 0 && value !== null && typeof value === 'object' && !Array.isArray(value) &&
      Object.keys(value).length > 0 && Object.keys(value).every((k) => HEADER_KEYS.has(k));
    if (isHeader) Object.assign(header, value);
    else steps.push(value);
  }
  const strategy = header['strategy'] ?? 'pink';
  if (typeof strategy !== 'string' || strategy === '') throw new ScenarioError(file, [`strategy must be a non-empty string, got ${JSON.stringify(strategy)}`]);
  const { strategy: _s, ...rest } = header;
  // A production journal records the venue's events as inputs: the replay's venue only answers cancels.
  const venue = rest['venue'] ?? { acknowledge: false, emitFillOnSubmit: false };
  return { doc: { ...rest, venue, steps }, strategy };
}
