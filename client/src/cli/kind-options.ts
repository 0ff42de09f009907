// `--width 320 --format webp` → `{ width: 320, format: 'webp' }`, typed by the kind's option
// schema (Query.kinds' JSON Schema), so numbers, booleans, enums and lists reach the server as
// GraphQL expects them and a typo is refused here, naming the options there are.
import { UsageError } from './usage-error.js';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
export const kebabCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Parses option tokens (what follows `create <kind> <source>`) against a kind's option schema. */
export function parseKindOptions(tokens: string[], schema: JsonSchema, kind: string): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const options: Record<string, unknown> = {};
  const valid = () => Object.keys(properties).map((name) => `--${kebabCase(name)}`).join(', ') || '(none)';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token.startsWith('--')) throw new UsageError(`unexpected argument '${token}': options of ${kind} come as --name value`);
    let [flag, inline] = splitInline(token.slice(2));
    let negated = false;
    let name = camelCase(flag);
    if (!(name in properties) && flag.startsWith('no-') && properties[camelCase(flag.slice(3))]?.type === 'boolean') {
      name = camelCase(flag.slice(3));
      negated = true;
    }
    const property = properties[name];
    if (!property) throw new UsageError(`unknown option --${flag} for ${kind}; its options are: ${valid()}`);
    if (property.type === 'boolean' && inline === undefined) {
      // A bare flag is true; an explicit true/false may follow it.
      const next = tokens[index + 1];
      if (!negated && next !== undefined && /^(true|false)$/i.test(next)) inline = tokens[++index];
      options[name] = negated ? false : inline === undefined ? true : convert(inline, property, flag);
      continue;
    }
    if (inline === undefined) {
      inline = tokens[++index];
      if (inline === undefined) throw new UsageError(`--${flag} needs a value (${describeType(property)})`);
    }
    const value = convert(inline, property, flag);
    // A list flag may be repeated: --times 1 --times 2.
    options[name] = property.type === 'array' && Array.isArray(options[name]) ? [...(options[name] as unknown[]), ...(value as unknown[])] : value;
  }
  return options;
}

function splitInline(flag: string): [string, string | undefined] {
  const equals = flag.indexOf('=');
  return equals < 0 ? [flag, undefined] : [flag.slice(0, equals), flag.slice(equals + 1)];
}

function convert(text: string, schema: JsonSchema, flag: string): unknown {
  if (schema.anyOf) {
    for (const alternative of schema.anyOf) {
      try {
        return convert(text, alternative, flag);
      } catch {
        // the next alternative may take it
      }
    }
    throw new UsageError(`--${flag} takes ${describeType(schema)}, not '${text}'`);
  }
  if (schema.enum) {
    if (!schema.enum.includes(text)) throw new UsageError(`--${flag} takes one of ${schema.enum.join(', ')}, not '${text}'`);
    return text;
  }
  switch (schema.type) {
    case 'integer':
      if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} takes an integer, not '${text}'`);
      return Number(text);
    case 'number': {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) throw new UsageError(`--${flag} takes a number, not '${text}'`);
      return number;
    }
    case 'boolean':
      if (!/^(true|false)$/i.test(text)) throw new UsageError(`--${flag} takes true or false, not '${text}'`);
      return text.toLowerCase() === 'true';
    case 'array':
      // Lists of objects (workflow steps) come as JSON; others as comma-separated values.
      if (!schema.items || isStructured(schema.items)) return parseJson(text, flag);
      return text.split(',').map((item) => convert(item.trim(), schema.items!, flag));
    case 'string':
      return text;
    default:
      return parseJson(text, flag);
  }
}

const isStructured = (schema: JsonSchema) => schema.$ref !== undefined || schema.type === 'object' || schema.type === undefined && !schema.enum && !schema.anyOf;

function parseJson(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag} takes JSON, not '${text}'`);
  }
}

/** `integer 1–16384`, `one of jpeg, png`, … for help texts and errors. */
export function describeType(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(describeType).join(' or ');
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  const range = schema.minimum !== undefined || schema.maximum !== undefined ? ` ${schema.minimum ?? ''}–${schema.maximum ?? ''}` : '';
  if (schema.type === 'array') return schema.items && !isStructured(schema.items) ? `comma-separated ${describeType(schema.items)}` : 'JSON list';
  if (schema.type === 'integer' || schema.type === 'number') return `${schema.type === 'integer' ? 'an integer' : 'a number'}${range}`;
  if (schema.type === 'boolean') return 'a flag (true/false)';
  if (schema.type === 'string') return 'text';
  return 'JSON';
}
