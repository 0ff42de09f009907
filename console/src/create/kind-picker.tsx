// The Kind list: every kind the server runs (but WORKFLOW, which the recipes make), then the
// recipes; what the choice does is said under it.
import type { KindInfo } from '../api/connection.js';
import { kindLabel } from '../ui/format.js';
import { recipePrefix, type Recipe } from './recipes.js';

interface KindPickerProps {
  id: string;
  kinds: KindInfo[];
  recipes: Recipe[];
  value: string;
  error?: string;
  onChange(value: string): void;
}

export function KindPicker({ id, kinds, recipes, value, error, onChange }: KindPickerProps) {
  const recipe = recipes.find((candidate) => `${recipePrefix}${candidate.id}` === value);
  const chosen = kinds.find((info) => info.kind === value);
  // A kind nothing is configured to run stays in the list (so its reason can be read), marked.
  const description = recipe ? recipe.description : chosen?.unavailable ? `Not available on this server: ${chosen.unavailable}` : chosen?.description ?? '';
  const described = [`${id}-description`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field kind-picker">
      <label htmlFor={id}>Kind</label>
      <select id={id} value={value} aria-describedby={described} aria-invalid={error ? true : undefined} onChange={(event) => onChange(event.target.value)}>
        {kinds.filter((info) => info.kind !== 'WORKFLOW').map((info) => <option key={info.kind} value={info.kind}>{kindLabel(info.kind)}{info.unavailable ? ' (not configured)' : ''}</option>)}
        {recipes.length > 0 && (
          <optgroup label="Recipes">
            {recipes.map((candidate) => <option key={candidate.id} value={`${recipePrefix}${candidate.id}`}>{candidate.title}</option>)}
          </optgroup>
        )}
      </select>
      <p id={`${id}-description`} className="hint kind-description">{description}</p>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

/** A recipe's steps, as the workflow will run them. */
export function RecipeSteps({ recipe }: { recipe: Recipe }) {
  return (
    <div className="recipe card">
      <h2 className="recipe-title">Steps of this workflow</h2>
      <ol className="recipe-steps">
        {recipe.steps.map((step, index) => {
          const options = Object.values(step.options ?? {})[0] as Record<string, unknown> | undefined;
          const settings = options ? Object.entries(options).map(([name, setting]) => `${name}: ${String(setting)}`).join(', ') : '';
          return <li key={index}>{kindLabel(step.kind)}{settings && <span className="hint"> ({settings})</span>}</li>;
        })}
      </ol>
      <p className="hint">Each step starts on the same input; the server adds the steps they depend on (subtitles need speech). Every step uses its kind's defaults.</p>
    </div>
  );
}
