// Generates python/src/dita_workbench/messages.py (TypedDicts) from schemas/protocol/*.json, the single source of
// the protocol's message shapes. Run: node scripts/gen-python-messages.mjs (--check: exit 1 when the committed file
// is stale, as tests/python/package.test.ts does). Every object in the schemas gets a name from NAMES (keyed by its JSON pointer):
// an object without a name stops the generator, so a schema change cannot silently widen a type to a dict.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const OUTPUT = 'python/src/dita_workbench/messages.py';

// What the kernel receives (KernelConfig, KernelInput) and what it returns (StepResult) carry the same names in
// the bridge, the replay helper and the README; the protocol envelopes around them are *Request / *Reply.
const NAMES = {
  parent: {
    '/oneOf/0': 'HelloRequest',
    '/oneOf/1': 'ResetRequest',
    '/$defs/kernelConfig': 'KernelConfig',
    '/$defs/kernelConfig/properties/instruments/additionalProperties': 'Instrument',
    '/$defs/kernelInput': 'KernelInput',
    '/oneOf/1/properties/config/anyOf/1': 'AdapterConfig',
    '/oneOf/1/properties/config/anyOf/1/properties/instruments': 'open',
    '/oneOf/2': 'StepRequest',
    '/oneOf/3': 'RunRequest',
    '/oneOf/4': 'EventRequest',
    '/oneOf/4/properties/event': 'open:AdapterEvent',
    '/oneOf/5': 'ShutdownRequest',
  },
  child: {
    '/$defs/slot': 'SlotView',
    '/$defs/command': 'Command',
    '/oneOf/0': 'HelloReply',
    '/oneOf/0/properties/adapterCapabilities': 'AdapterCapabilities',
    '/oneOf/1': 'OkReply',
    '/oneOf/2': 'ErrorReply',
    '/$defs/outcome': 'Outcome',
    '/$defs/outcome/properties/transitions/items': 'Transition',
    '/$defs/stepBody': 'StepResult',
    '/$defs/stepBody/properties/rows/additionalProperties/items': 'open',
    '/oneOf/3': 'SteppedReply',
    '/oneOf/3/properties/rows/additionalProperties/items': 'open',
    '/oneOf/4': 'ReactionReply',
    '/oneOf/4/properties/reaction': 'open:Reaction',
    '/oneOf/5': 'RanReply',
  },
};
// Scalars the schemas name in $defs become aliases (a decimal travels as exact text, never as a float).
const ALIASES = { child: { '/$defs/decimal': 'DecimalText' } };
// The reply bodies a kernel or adapter returns: the envelope's properties without `type` and `id`.
// (StepResult itself is the schema's `stepBody`, which `ran` carries: named there, not derived.)
const BODIES = [];

const py = (s) => JSON.stringify(s);

class Generator {
  constructor(parent, child) {
    this.parent = parent;
    this.child = child;
    this.classes = []; // { name, doc, required: [key, type][], optional: [key, type][], open }
    this.aliases = [];
  }

  typeOf(schema, pointer, file) {
    if (schema.$ref) {
      const target = schema.$ref.replace(/^#/, '');
      const alias = ALIASES[file]?.[target];
      if (alias) return alias;
      const name = NAMES[file][target];
      if (!name) throw new Error(`${file}: ${schema.$ref} has no name in NAMES`);
      const defs = { parent: this.parent, child: this.child }[file];
      return this.objectType(target.split('/').slice(1).reduce((s, k) => s[k], defs), target, file);
    }
    if ('const' in schema) return `Literal[${py(schema.const)}]`;
    if (schema.enum) {
      const values = schema.enum.filter((v) => v !== null).map(py);
      const literal = `Literal[${values.join(', ')}]`;
      return schema.enum.includes(null) ? `Optional[${literal}]` : literal;
    }
    const union = schema.oneOf ?? schema.anyOf;
    if (union) {
      const parts = union.map((s, i) => this.typeOf(s, `${pointer}/${schema.oneOf ? 'oneOf' : 'anyOf'}/${i}`, file));
      const nonNull = parts.filter((p) => p !== 'None');
      const inner = nonNull.length === 1 ? nonNull[0] : `Union[${nonNull.join(', ')}]`;
      return parts.includes('None') ? `Optional[${inner}]` : inner;
    }
    if (Array.isArray(schema.type)) {
      const parts = schema.type.filter((t) => t !== 'null').map((t) => this.typeOf({ ...schema, type: t }, pointer, file));
      const inner = parts.length === 1 ? parts[0] : `Union[${parts.join(', ')}]`;
      return schema.type.includes('null') ? `Optional[${inner}]` : inner;
    }
    // A schema with no constraint at all (`{}` beside a description) accepts any JSON value.
    if (Object.keys(schema).every((k) => k === 'description' || k === 'title')) return 'Any';
    switch (schema.type) {
      case 'string': return 'str';
      case 'integer': return 'int';
      case 'number': return 'float';
      case 'boolean': return 'bool';
      case 'null': return 'None';
      case 'array': return `list[${schema.items ? this.typeOf(schema.items, `${pointer}/items`, file) : 'Any'}]`;
      case 'object': return this.objectType(schema, pointer, file);
      default: throw new Error(`${file}${pointer}: no Python type for ${JSON.stringify(schema)}`);
    }
  }

  objectType(schema, pointer, file) {
    const name = NAMES[file][pointer];
    if (!schema.properties) {
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return `dict[str, ${this.typeOf(schema.additionalProperties, `${pointer}/additionalProperties`, file)}]`;
      }
      if (!name?.startsWith('open')) throw new Error(`${file}${pointer}: an object without properties must be marked 'open' in NAMES`);
      // 'open:Name': a named alias, so what an adapter receives and returns has a name like a kernel's types.
      const alias = name.split(':')[1];
      if (alias && !this.aliases.some((a) => a.startsWith(`${alias} =`))) this.aliases.push(`${alias} = dict[str, Any]  # ${schema.description ?? 'an open object: its keys are spec/venue.md\'s'}`);
      return alias ?? 'dict[str, Any]';
    }
    if (!name || name.startsWith('open')) throw new Error(`${file}${pointer}: an object with properties has no name in NAMES`);
    if (!this.classes.some((c) => c.name === name)) {
      const cls = { name, doc: schema.description ?? schema.title ?? '', required: [], optional: [], open: schema.additionalProperties !== false };
      this.classes.push(cls);
      for (const [key, prop] of Object.entries(schema.properties)) {
        const entry = [key, this.typeOf(prop, `${pointer}/properties/${key}`, file), prop.description];
        ((schema.required ?? []).includes(key) ? cls.required : cls.optional).push(entry);
      }
    }
    return name;
  }

  unionOf(schema, file) {
    return schema.oneOf.map((s, i) => this.typeOf(s, `/oneOf/${i}`, file));
  }
}

const PYTHON_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const isIdentifier = (key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !PYTHON_KEYWORDS.has(key);

function classText(cls) {
  const field = ([key, type, description]) => `    ${key}: ${type}${description ? `  # ${description}` : ''}`;
  // An open object (no additionalProperties: false) names the keys every message has; others may come with it.
  const text = [cls.doc.replace(/([^.])$/, '$1.'), cls.open ? (cls.required.length > 0 ? 'Open: the keys below are always there, others may come with them.' : 'Open: other keys may come with the ones below.') : ''].filter(Boolean).join(' ');
  const doc = text ? [`    """${text}"""`] : [];
  if ([...cls.required, ...cls.optional].some(([key]) => !isIdentifier(key))) {
    // A key that is a Python keyword (a transition's `from`) needs TypedDict's functional form; types as strings,
    // since they are evaluated at import there.
    if (cls.optional.length > 0) throw new Error(`${cls.name}: optional keys beside a keyword key are not supported by this generator`);
    const fields = cls.required.map(([key, type]) => `${py(key)}: ${py(type)}`).join(', ');
    return [...(text ? [`# ${text}`] : []), `${cls.name} = TypedDict(${py(cls.name)}, {${fields}})`].join('\n');
  }
  if (cls.optional.length === 0) return [`class ${cls.name}(TypedDict):`, ...doc, ...cls.required.map(field)].join('\n');
  // total=False on a subclass marks only its own keys optional (NotRequired is Python 3.11+; the package runs on 3.9).
  const base = `_${cls.name}Required`;
  const required = cls.required.length === 0 ? [`class ${base}(TypedDict):`, '    pass'] : [`class ${base}(TypedDict):`, ...cls.required.map(field)];
  return [...required, '', '', `class ${cls.name}(${base}, total=False):`, ...doc, ...cls.optional.map(field)].join('\n');
}

/** The messages module as text: the same input always gives the same bytes. */
export function renderPythonMessages() {
  const parent = JSON.parse(readFileSync(join(root, 'schemas/protocol/parent-message.schema.json'), 'utf8'));
  const child = JSON.parse(readFileSync(join(root, 'schemas/protocol/child-message.schema.json'), 'utf8'));
  const g = new Generator(parent, child);
  for (const [pointer, alias] of Object.entries(ALIASES.child)) {
    const target = pointer.split('/').slice(1).reduce((s, k) => s[k], child);
    g.aliases.push(`${alias} = ${g.typeOf({ ...target, pattern: undefined }, pointer, 'child')}  # ${target.pattern ? `matches ${target.pattern}` : ''}`);
  }
  const parentUnion = g.unionOf(parent, 'parent');
  const childUnion = g.unionOf(child, 'child');
  const bodies = BODIES.map(({ of, name, doc }) => {
    const cls = g.classes.find((c) => c.name === of);
    const strip = (list) => list.filter(([key]) => key !== 'type' && key !== 'id');
    return { name, doc, required: strip(cls.required), optional: strip(cls.optional), open: false };
  });
  const enumConstants = [
    ['CAPABILITIES', child.oneOf[0].properties.capabilities.items.enum],
    ['FSM_STATES', child.$defs.slot.properties.fsm_state.enum],
    ['COMMAND_KINDS', child.$defs.command.properties.kind.enum],
    ['ROLES', parent.oneOf[0].properties.role.enum],
  ];
  return [
    '"""The JSON-lines protocol\'s messages as TypedDicts (spec/protocol.md).',
    '',
    'GENERATED by scripts/gen-python-messages.mjs from schemas/protocol/*.json — do not edit by hand; run',
    '`node scripts/gen-python-messages.mjs` after changing a schema. A kernel receives `KernelConfig` (reset) and',
    '`KernelInput` (step) and returns a `StepResult`; an adapter receives `AdapterConfig` (reset) and `AdapterEvent`',
    '(event) and returns a `Reaction`.',
    '"""',
    'from __future__ import annotations',
    '',
    'from typing import Any, Literal, Optional, TypedDict, Union',
    '',
    `PROTOCOL_VERSION: Literal[${parent.oneOf[0].properties.protocol.const}] = ${parent.oneOf[0].properties.protocol.const}`,
    ...enumConstants.map(([name, values]) => `${name} = (${values.map(py).join(', ')}${values.length === 1 ? ',' : ''})`),
    // The same lists as types, for a bridge's or a kernel's signatures.
    `Capability = Literal[${enumConstants[0][1].map(py).join(', ')}]`,
    `Role = Literal[${enumConstants[3][1].map(py).join(', ')}]`,
    '',
    ...g.aliases,
    '',
    ...[...g.classes, ...bodies].flatMap((c) => ['', classText(c), '']),
    '',
    `ParentMessage = Union[${parentUnion.join(', ')}]`,
    `ChildMessage = Union[${childUnion.join(', ')}]`,
    '',
  ].join('\n').replace(/\n{4,}/g, '\n\n\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderPythonMessages();
  if (process.argv.includes('--check')) {
    // CI: the committed module must be what the schemas generate today (exit 1 names the file to regenerate).
    const current = readFileSync(join(root, OUTPUT), 'utf8') === text;
    console.log(current ? `${OUTPUT} is current` : `${OUTPUT} is stale: run node scripts/gen-python-messages.mjs`);
    process.exit(current ? 0 : 1);
  }
  writeFileSync(join(root, OUTPUT), text);
  console.log(`wrote ${OUTPUT}`);
}
