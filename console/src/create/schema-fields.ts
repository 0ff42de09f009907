// A kind's options schema (JSON Schema from Query.kinds) as form fields, and the form's drafts
// back into options. Only what the user changed is sent, so the server's defaults apply to the
// rest; ranges are left to the server, whose BAD_USER_INPUT names the field it refused.

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  maxLength?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

export type FieldControl =
  | { type: 'select'; choices: string[] }
  | { type: 'checkbox' }
  | ({ type: 'number'; integer: boolean } & Range)
  | { type: 'text'; maxLength?: number }
  /** A number or one of a few named presets (Quality = 0–100 | very_low … very_high). */
  | ({ type: 'number-or-preset'; presets: string[]; integer: boolean } & Range)
  /** An array of numbers, typed as "1, 2.5, 4". */
  | { type: 'number-list' }
  /** Anything else (objects, arrays of objects, mixed unions): JSON, checked on submit. */
  | { type: 'json' };

export interface OptionField {
  name: string;
  label: string;
  /** The schema's description, with its default and range when it does not say them. */
  help: string;
  required: boolean;
  default: unknown;
  control: FieldControl;
}

/** What a field holds while being edited: text (numbers too), or a checkbox's state. */
export type Draft = Record<string, string | boolean>;

/** How number-or-preset drafts mark a typed number: "#42"; a preset is stored as its name. */
export const customNumber = '#';

/** "segmentDuration" → "Segment duration". */
export function readableName(name: string): string {
  const words = name.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The key a kind's options go under in TaskOptions: the kind's name in lower case (ADAPTIVE_VIDEO → adaptive_video). */
export function optionsKey(kind: string): string {
  return kind.toLowerCase();
}

export function fieldsOf(schema: unknown): OptionField[] {
  const root = (schema ?? {}) as JsonSchema;
  const required = new Set(root.required ?? []);
  return Object.entries(root.properties ?? {}).map(([name, property]) => {
    const control = controlOf(property);
    return {
      name,
      label: readableName(name),
      help: helpOf(property, control),
      required: required.has(name),
      default: property.default,
      control,
    };
  });
}

function typesOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

function controlOf(schema: JsonSchema): FieldControl {
  const types = typesOf(schema);
  if (schema.enum && schema.enum.every((choice) => typeof choice === 'string')) return { type: 'select', choices: schema.enum as string[] };
  if (types.includes('boolean') && types.length === 1) return { type: 'checkbox' };
  if (types.length === 1 && (types[0] === 'integer' || types[0] === 'number')) {
    return { type: 'number', integer: types[0] === 'integer', ...rangeOf(schema) };
  }
  if (types.length === 1 && types[0] === 'string') return { type: 'text', maxLength: schema.maxLength };
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const numeric = union.find((part) => typesOf(part).some((type) => type === 'integer' || type === 'number'));
    const presets = union.find((part) => part.enum?.every((choice) => typeof choice === 'string'));
    if (numeric && presets && union.length === 2) {
      return { type: 'number-or-preset', presets: presets.enum as string[], integer: typesOf(numeric).includes('integer'), ...rangeOf(numeric) };
    }
  }
  if (types.length === 1 && types[0] === 'array' && schema.items && typesOf(schema.items).every((type) => type === 'number' || type === 'integer')) {
    return { type: 'number-list' };
  }
  return { type: 'json' };
}

interface Range {
  min?: number;
  max?: number;
  /** The minimum itself is refused (a duration above 0). */
  aboveMin?: boolean;
}

function rangeOf(schema: JsonSchema): Range {
  const aboveMin = schema.minimum === undefined && schema.exclusiveMinimum !== undefined;
  return { min: schema.minimum ?? schema.exclusiveMinimum, max: schema.maximum ?? schema.exclusiveMaximum, ...(aboveMin && { aboveMin }) };
}

function helpOf(schema: JsonSchema, control: FieldControl): string {
  const description = schema.description?.trim() ?? '';
  const parts = [description];
  if (control.type === 'number' || control.type === 'number-or-preset') parts.push(rangeText(control));
  if (control.type === 'number-list') parts.push('Numbers separated by commas.');
  if (control.type === 'json') parts.push('JSON.');
  if (schema.default !== undefined && !/Default:/i.test(description)) parts.push(`Default: ${formatValue(schema.default)}.`);
  return parts.filter(Boolean).join(' ');
}

function rangeText({ min, max, aboveMin }: Range): string {
  if (min !== undefined && max !== undefined) return `(${min}–${max})`;
  if (min !== undefined) return aboveMin ? `(above ${min})` : `(at least ${min})`;
  if (max !== undefined) return `(at most ${max})`;
  return '';
}

export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The form as it starts: every field at its default (or empty, for the server to choose). */
export function initialDraft(fields: OptionField[]): Draft {
  return Object.fromEntries(fields.map((field) => [field.name, draftOf(field)]));
}

function draftOf(field: OptionField): string | boolean {
  const value = field.default;
  if (field.control.type === 'checkbox') return value === true;
  if (value === undefined || value === null) return '';
  if (field.control.type === 'number-or-preset' && typeof value === 'number') return `${customNumber}${value}`;
  if (field.control.type === 'number-list' && Array.isArray(value)) return value.join(', ');
  if (field.control.type === 'json') return JSON.stringify(value);
  return String(value);
}

export interface ReadOptions {
  /** The options that differ from their defaults, ready for TaskOptions[key]. */
  options: Record<string, unknown>;
  /** Field name → what is wrong with what was typed. */
  errors: Record<string, string>;
}

export function readDraft(fields: OptionField[], draft: Draft): ReadOptions {
  const options: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const read = readField(field, draft[field.name] ?? draftOf(field));
    if ('error' in read) errors[field.name] = read.error;
    else if (read.value !== undefined && !sameValue(read.value, field.default)) options[field.name] = read.value;
    else if (read.value === undefined && field.required && field.default === undefined) errors[field.name] = `${field.label} is required.`;
  }
  return { options, errors };
}

type Read = { value: unknown } | { error: string };

function readField(field: OptionField, raw: string | boolean): Read {
  const { control } = field;
  if (control.type === 'checkbox') return { value: raw === true };
  const text = String(raw).trim();
  if (text === '') return { value: undefined };
  switch (control.type) {
    case 'select':
    case 'text':
      return { value: text };
    case 'number':
      return readNumber(text, control);
    case 'number-or-preset':
      return text.startsWith(customNumber) ? (text.length > 1 ? readNumber(text.slice(1), control) : { value: undefined }) : { value: text };
    case 'number-list': {
      const numbers = text.split(/[\s,;]+/).filter(Boolean).map(Number);
      return numbers.some((number) => !Number.isFinite(number)) ? { error: 'Enter numbers separated by commas, e.g. 1, 2.5, 4.' } : { value: numbers };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) };
      } catch (error) {
        return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
  }
}

/**
 * A number inside the schema's range: checked here so that a file is not uploaded only to be
 * refused for its options (the server checks again, and has the last word).
 */
function readNumber(text: string, { integer, min, max, aboveMin }: Range & { integer: boolean }): Read {
  const number = Number(text);
  if (!Number.isFinite(number)) return { error: 'Enter a number.' };
  if (integer && !Number.isInteger(number)) return { error: 'Enter a whole number.' };
  const tooLow = min !== undefined && (aboveMin ? number <= min : number < min);
  if (tooLow || (max !== undefined && number > max)) return { error: `Enter a ${integer ? 'whole number' : 'number'} ${rangeRule({ min, max, aboveMin })}.` };
  return { value: number };
}

function rangeRule({ min, max, aboveMin }: Range): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return aboveMin ? `above ${min}` : `of at least ${min}`;
  return `of at most ${max}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
