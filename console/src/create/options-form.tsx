// The chosen kind's options as a form: one labelled control per property of its JSON Schema, the
// description (with the default) as help text, and the error for that field beside it.
import { customNumber, formatValue, type Draft, type OptionField } from './schema-fields.js';

interface OptionsFormProps {
  /** Names the group, e.g. "Options for adaptive video". */
  legend: string;
  fields: OptionField[];
  draft: Draft;
  errors: Record<string, string>;
  /** Prefix of the controls' ids (field ids are `${idPrefix}-${name}`). */
  idPrefix: string;
  onChange(name: string, value: string | boolean): void;
  onReset(): void;
}

export function fieldId(idPrefix: string, name: string): string {
  return `${idPrefix}-${name}`;
}

export function OptionsForm({ legend, fields, draft, errors, idPrefix, onChange, onReset }: OptionsFormProps) {
  return (
    <fieldset className="options card">
      <legend>{legend}</legend>
      {fields.length === 0 ? (
        <p className="hint">This kind has no options.</p>
      ) : (
        <div className="option-grid">
          {fields.map((field) => (
            <OptionControl key={field.name} field={field} id={fieldId(idPrefix, field.name)} value={draft[field.name]} error={errors[field.name]}
              onChange={(value) => onChange(field.name, value)} />
          ))}
        </div>
      )}
      {fields.length > 0 && <button type="button" onClick={onReset}>Reset to defaults</button>}
    </fieldset>
  );
}

interface ControlProps {
  field: OptionField;
  id: string;
  value: string | boolean | undefined;
  error: string | undefined;
  onChange(value: string | boolean): void;
}

function OptionControl({ field, id, value, error, onChange }: ControlProps) {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const described = [field.help && helpId, error && errorId].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined, required: field.required || undefined };
  const text = typeof value === 'string' ? value : '';
  const notes = (
    <>
      {field.help && <p id={helpId} className="hint">{field.help}</p>}
      {error && <p id={errorId} className="field-error">{error}</p>}
    </>
  );
  const { control } = field;

  if (control.type === 'checkbox') {
    return (
      <div className={error ? 'option checkbox invalid' : 'option checkbox'}>
        <div className="checkbox-line">
          <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          <label htmlFor={id}>{field.label}</label>
        </div>
        {notes}
      </div>
    );
  }

  let input;
  if (control.type === 'select') {
    input = (
      <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
        {field.default === undefined && <option value="">Default (the server chooses)</option>}
        {control.choices.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
      </select>
    );
  } else if (control.type === 'number') {
    input = (
      <input {...common} type="number" inputMode={control.integer ? 'numeric' : 'decimal'} value={text} min={control.min} max={control.max}
        step={control.integer ? 1 : 'any'} placeholder={field.default === undefined ? 'Server default' : formatValue(field.default)}
        onChange={(event) => onChange(event.target.value)} />
    );
  } else if (control.type === 'number-or-preset') {
    const custom = text.startsWith(customNumber);
    input = (
      <div className="number-or-preset">
        <select {...common} value={custom ? customNumber : text} onChange={(event) => onChange(event.target.value)}>
          {field.default === undefined && <option value="">Default (the server chooses)</option>}
          {control.presets.map((preset) => <option key={preset} value={preset}>{preset}</option>)}
          <option value={customNumber}>A number…</option>
        </select>
        {custom && (
          <span className="custom-number">
            <label htmlFor={`${id}-number`}>Value {control.min !== undefined && control.max !== undefined ? `(${control.min}–${control.max})` : ''}</label>
            <input id={`${id}-number`} type="number" inputMode="numeric" value={text.slice(customNumber.length)} min={control.min} max={control.max}
              step={control.integer ? 1 : 'any'} aria-describedby={described} aria-invalid={error ? true : undefined}
              onChange={(event) => onChange(`${customNumber}${event.target.value}`)} />
          </span>
        )}
      </div>
    );
  } else if (control.type === 'json') {
    input = <textarea {...common} rows={3} spellCheck={false} value={text} onChange={(event) => onChange(event.target.value)} />;
  } else {
    input = (
      <input {...common} type="text" value={text} maxLength={control.type === 'text' ? control.maxLength : undefined}
        placeholder={field.default === undefined ? (control.type === 'number-list' ? 'e.g. 1, 2.5, 4' : 'Server default') : formatValue(field.default)}
        onChange={(event) => onChange(event.target.value)} />
    );
  }
  return (
    <div className={error ? 'option invalid' : 'option'}>
      <label htmlFor={id}>{field.label}{field.required && <span aria-hidden="true"> *</span>}</label>
      {input}
      {notes}
    </div>
  );
}
