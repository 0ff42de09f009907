// NSFW scores as a table with bars: the deciding scores (nudity, sexual) against the threshold,
// the model's own categories, and the worst frames of a video.
import { formatMediaTime } from '../../ui/format.js';
import { keyLabel } from '../json-list.js';
import type { ResultOf } from '../task-types.js';

type Nsfw = ResultOf<'NsfwResult'>;

const percent = (score: number) => `${(score * 100).toFixed(1)} %`;

function ScoreBar({ score, threshold }: { score: number; threshold?: number }) {
  const over = threshold != null && score >= threshold;
  return (
    <span className={over ? 'score-bar over' : 'score-bar'} aria-hidden="true">
      <span style={{ width: `${Math.min(100, score * 100)}%` }} />
    </span>
  );
}

/** The model's own categories, which the raw result carries beside the three typed scores. */
function modelCategories(raw: unknown): Array<[string, number]> {
  const scores = (raw as { scores?: Record<string, unknown> } | null)?.scores;
  if (!scores || typeof scores !== 'object') return [];
  return Object.entries(scores).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && !['nudity', 'sexual', 'suggestive'].includes(entry[0]));
}

export function NsfwScores({ result, raw }: { result: Nsfw; raw: unknown }) {
  const rows: Array<[string, number, boolean]> = [
    ['Nudity', result.scores.nudity, true],
    ['Sexual', result.scores.sexual, true],
    ['Suggestive', result.scores.suggestive, false],
    ...modelCategories(raw).map(([name, score]): [string, number, boolean] => [`${keyLabel(name)} (model)`, score, false]),
  ];
  return (
    <div className="nsfw">
      <p className={result.detected ? 'verdict verdict-flagged' : 'verdict verdict-clear'}>
        {result.detected ? 'Nudity or sexual content detected' : 'No nudity or sexual content detected'}
        <span className="hint"> · confidence {percent(result.confidence)} · threshold {percent(result.threshold)} · {result.framesAnalysed} {result.framesAnalysed === 1 ? 'picture' : 'frames'} analysed · {result.model}</span>
      </p>
      <table className="scores">
        <caption>Scores (the worst frame's)</caption>
        <thead><tr><th scope="col">Category</th><th scope="col">Score</th><th scope="col"><span className="visually-hidden">Bar</span></th></tr></thead>
        <tbody>
          {rows.map(([name, score, decides]) => (
            <tr key={name}>
              <th scope="row">{name}{decides && <span className="hint"> (decides)</span>}</th>
              <td className="number">{percent(score)}</td>
              <td className="bar-cell"><ScoreBar score={score} threshold={decides ? result.threshold : undefined} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.frames && result.frames.length > 0 && (
        <table className="scores">
          <caption>Highest-scoring frames</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Nudity</th><th scope="col">Sexual</th><th scope="col">Suggestive</th></tr></thead>
          <tbody>
            {result.frames.map((frame) => (
              <tr key={frame.time}>
                <th scope="row">{formatMediaTime(frame.time)}</th>
                <td className="number">{percent(frame.scores.nudity)}</td>
                <td className="number">{percent(frame.scores.sexual)}</td>
                <td className="number">{percent(frame.scores.suggestive)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
