// Reads a scenario file (JSON), validates it against schemas/scenario.schema.json, and turns it into kernel inputs.
import { readFileSync } from 'node:fs';
import scenarioSchema from '../../schemas/scenario.schema.json' with { type: 'json' };
import type { KernelInput, KernelIntent, KernelMode, Verbosity } from '../kernel/types.ts';
import type { KernelConfigInput } from '../kernel/state.ts';
import type { MockVenueScenario } from '../venue/mockVenue.ts';
import { lazyValidator, formatIssue, validateWith, type SchemaIssue } from '../schema/ajv.ts';
import { journalDocument } from './journal.ts';
import { JsonFileError, readJsonFile } from '../cli/io/readJsonFile.ts';

/** Most steps a scenario may hold (spec/reliability.md); a longer run belongs in the gate. */
export const SCENARIO_STEPS_MAX = 100_000;

export interface Scenario {
  readonly description: string;
  readonly config: KernelConfigInput;
  readonly venue: Partial<MockVenueScenario>;
  readonly inputs: readonly KernelInput[];
  /** The strategy a journal's rows were recorded under; 'pink' for scenario files. */
  readonly strategy: string;
}

/** Steps without `at` are spaced one second apart from this instant. */
export const SCENARIO_EPOCH_MS = Date.UTC(2026, 4, 25, 12, 0, 0);

/** One line: the file, then the first issue (and how many more there are). */
export class ScenarioError extends Error {
  constructor(readonly file: string, readonly issues: readonly string[]) {
    super(`${file}: invalid scenario: ${issues.length > 0 ? issues.slice(0, 3).join('; ') : 'unknown problem'}${issues.length > 3 ? ` (and ${issues.length - 3} more issue${issues.length > 4 ? 's' : ''})` : ''}`);
    this.name = 'ScenarioError';
  }
}

const validate = lazyValidator(scenarioSchema);

/** The most specific issues: for a failed oneOf/anyOf, ajv reports every branch; keep the deepest. */
function pickIssues(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const concrete = issues.filter((i) => i.rule !== 'oneOf' && i.rule !== 'anyOf');
  if (concrete.length === 0) return [...issues];
  const depth = (i: SchemaIssue) => i.path.split('/').length;
  const max = Math.max(...concrete.map(depth));
  const deepest = concrete.filter((i) => depth(i) === max);
  const seen = new Set<string>();
  return deepest.filter((i) => {
    const key = formatIssue(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type RawStep =
  | { at?: string; intent: KernelIntent }
  | { at?: string; control: { mode: string; verbosity?: string } }
  | { at?: string; balanceReport: string | number }
  | { at?: string; venueEvent: Record<string, unknown> & { kind: string; orderId: string } };

function toInput(step: RawStep, tsMs: number): KernelInput {
  if ('intent' in step) {
    const defaults: Pick<KernelIntent, 'targetSize' | 'leverage' | 'exitLegRatios'> = { targetSize: null, leverage: '1', exitLegRatios: ['1'] };
    return { kind: 'intent', tsMs, intent: { ...defaults, ...(step.intent as Partial<KernelIntent>) } as KernelIntent };
  }
  if ('control' in step) {
    return { kind: 'control_changed', tsMs, mode: step.control.mode as KernelMode, verbosity: (step.control.verbosity ?? 'INFO') as Verbosity };
  }
  if ('balanceReport' in step) return { kind: 'balance_reported', tsMs, balance: step.balanceReport };
  return { ...step.venueEvent, tsMs } as unknown as KernelInput;
}

export function parseScenario(data: unknown, file = '<scenario>'): Scenario {
  const stepCount = Array.isArray(data) ? data.length : data !== null && typeof data === 'object' && Array.isArray((data as { steps?: unknown }).steps) ? (data as { steps: unknown[] }).steps.length : 0;
  if (stepCount > SCENARIO_STEPS_MAX) throw new ScenarioError(file, [`steps: ${stepCount} steps; a scenario holds at most ${SCENARIO_STEPS_MAX}`]);
  const issues = validateWith(validate, data);
  if (issues.length > 0) throw new ScenarioError(file, pickIssues(issues).map(formatIssue));
  const doc = Array.isArray(data)
    ? { steps: (data as KernelIntent[]).map((intent) => ({ intent })) }
    : (data as { description?: string; config?: KernelConfigInput; venue?: Partial<MockVenueScenario>; steps: RawStep[] });
  const steps = doc.steps as RawStep[];
  const inputs = steps.map((s, i) => {
    const tsMs = s.at !== undefined ? Date.parse(s.at) : SCENARIO_EPOCH_MS + i * 1000;
    return toInput(s, tsMs);
  });
  const d = doc as { description?: string; config?: KernelConfigInput; venue?: Partial<MockVenueScenario> };
  return { description: d.description ?? '', config: d.config ?? {}, venue: d.venue ?? {}, inputs, strategy: 'pink' };
}

export function loadScenario(file: string): Scenario {
  if (file.endsWith('.ndjson') || file.endsWith('.jsonl')) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ScenarioError(file, [`cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
    }
    const journal = journalDocument(text, file);
    return { ...parseScenario(journal.doc, file), strategy: journal.strategy };
  }
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (e) {
    if (e instanceof JsonFileError) throw new ScenarioError(file, [e.problem]);
    throw e;
  }
  return parseScenario(data, file);
}
