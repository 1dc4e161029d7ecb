// One place that builds ajv (draft 2020-12, strict, formats) and turns its errors into plain issues.
// ajv is loaded and schemas are compiled on first use, never at import: `workbench --help` and a usage error
// must not pay for compiling schemas they never use.
import { createRequire } from 'node:module';
import type Ajv2020Module from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { escapeControls, showValue } from '../cli/showValue.ts';

export type Ajv = InstanceType<typeof Ajv2020Module.default>;

const require = createRequire(import.meta.url);

export function createAjv(): Ajv {
  const Ajv2020 = (require('ajv/dist/2020.js') as typeof Ajv2020Module).default;
  const addFormats = (require('ajv-formats') as typeof addFormatsModule).default;
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

/**
 * A validator that compiles `schema` the first time it is called (with `build`'s ajv, default createAjv()).
 * It behaves as ajv's ValidateFunction: call it, then read `errors` (copied from the compiled function).
 */
export function lazyValidator<T = unknown>(schema: object, build: () => Ajv = createAjv): ValidateFunction<T> {
  let compiled: ValidateFunction<T> | null = null;
  const validate = ((data: unknown) => {
    compiled ??= build().compile<T>(schema);
    const ok = compiled(data);
    validate.errors = ok ? null : compiled.errors ?? null;
    return ok;
  }) as ValidateFunction<T>;
  validate.errors = null;
  return validate;
}

/** One broken rule, copied out of ajv at once (ajv reuses `errors` on the next call). */
export interface SchemaIssue {
  /** JSON pointer to the offending value ('' for the root). */
  readonly path: string;
  /** The column or field the rule is about (for a missing or extra property, that property). */
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
  readonly message: string;
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function issuesOf(errors: readonly ErrorObject[] | null | undefined, data: unknown): SchemaIssue[] {
  if (!errors) return [];
  return errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra = typeof params['additionalProperty'] === 'string' ? params['additionalProperty'] : undefined;
    const missing = typeof params['missingProperty'] === 'string' ? params['missingProperty'] : undefined;
    const named = extra ?? missing;
    const path = named !== undefined ? `${e.instancePath}/${named}` : e.instancePath;
    const field = path.split('/').filter(Boolean).join('.') || '(root)';
    const value = missing !== undefined ? undefined : valueAt(data, path);
    const message = extra !== undefined ? 'is not an allowed column' : missing !== undefined ? 'is required' : (e.message ?? e.keyword);
    return { path, field, value, rule: e.keyword, message };
  });
}

export function validateWith<T>(validate: ValidateFunction<T>, data: unknown): SchemaIssue[] {
  return validate(data) ? [] : issuesOf(validate.errors, data);
}

export function formatIssue(issue: SchemaIssue): string {
  // Values come from users' files: cut and escaped, so a 50 MB string or an ESC byte never reaches the terminal.
  const shown = issue.value === undefined ? '' : ` (value: ${showValue(issue.value)})`;
  return `${escapeControls(issue.field).slice(0, 120)} ${issue.message}${shown} [${issue.rule}]`;
}
