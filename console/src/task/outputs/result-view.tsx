// A task's structured result, rendered for people by its kind; the raw JSON is folded below.
import { formatDuration, formatMediaTime } from '../../ui/format.js';
import { JsonList, RawJson } from '../json-list.js';
import type { OutputSource, TypedResult } from '../task-types.js';
import { Chapters } from './chapters.js';
import { NsfwScores } from './nsfw-scores.js';

const percent = (value: number) => `${Math.round(value * 100)} %`;

function Description({ result }: { result: Extract<TypedResult, { __typename: 'DescriptionResult' }> }) {
  return (
    <div className="description">
      <p className="description-title">{result.title}</p>
      <p>{result.description}</p>
      {result.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {result.tags.map((tag) => <li key={tag}>{tag}</li>)}
        </ul>
      )}
      <p className="hint">
        {result.objects.length > 0 && `Objects seen: ${result.objects.join(', ')} · `}
        Language {result.language} · confidence {percent(result.confidence)} · {result.model}
      </p>
    </div>
  );
}

function Prompt({ result }: { result: Extract<TypedResult, { __typename: 'PromptResult' }> }) {
  return (
    <div className="prompt">
      <p className="hint">Asked: {result.prompt}</p>
      <blockquote className="answer">{result.answer}</blockquote>
      <p className="hint">{result.model} · {result.framesShown} {result.framesShown === 1 ? 'picture' : 'frames'} shown{result.transcribed ? ' · with the transcript' : ''}</p>
    </div>
  );
}

function Speech({ result }: { result: Extract<TypedResult, { __typename: 'SpeechResult' }> }) {
  if (!result.detected) return <p>No speech in this media.</p>;
  return (
    <div className="speech">
      <blockquote className="answer">{result.text}</blockquote>
      <p className="hint">Language {result.language} · {formatDuration(result.duration * 1000)} analysed · {result.model}{result.reused ? ' · reused an earlier transcript' : ''}</p>
    </div>
  );
}

function Ladder({ result }: { result: Extract<TypedResult, { __typename: 'AdaptiveVideoResult' }> }) {
  const codecs = [...new Set(result.rungs.map((rung) => rung.codecs))];
  return (
    <>
      <table className="scores">
        <caption>HLS ladder · {formatMediaTime(result.duration)} · poster at {Number(result.posterTime.toFixed(1))} s</caption>
        <thead><tr><th scope="col">Rendition</th><th scope="col">Pixels</th><th scope="col">Bitrate</th></tr></thead>
        <tbody>
          {result.rungs.map((rung) => (
            <tr key={rung.name}>
              <th scope="row">{rung.name}</th>
              <td>{rung.width} × {rung.height}{rung.frameRate ? ` · ${rung.frameRate} fps` : ''}</td>
              <td className="number">{Math.round(rung.averageBandwidth / 1000)} kb/s<br /><span className="hint">peak {Math.round(rung.bandwidth / 1000)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint codecs">Codecs: {codecs.join('; ')}</p>
    </>
  );
}

function ChapterList({ result, played }: { result: Extract<TypedResult, { __typename: 'ChaptersResult' }>; played: boolean }) {
  return (
    <>
      <p className="hint">{result.chapters.length} {result.chapters.length === 1 ? 'chapter' : 'chapters'}{result.transcribed ? ', using the speech' : ', from the pictures only'}{played ? ' (beside the player)' : ''}</p>
      {!played && <Chapters chapters={result.chapters} time={-1} />}
    </>
  );
}

function Readable({ result, played }: { result: TypedResult; played: boolean }) {
  switch (result.__typename) {
    case 'AdaptiveVideoResult': return <Ladder result={result} />;
    case 'ChaptersResult': return <ChapterList result={result} played={played} />;
    case 'DescriptionResult': return <Description result={result} />;
    case 'PromptResult': return <Prompt result={result} />;
    case 'SpeechResult': return <Speech result={result} />;
    default: {
      // Null fields are the ones that do not apply (a storyboard's rows in frames mode): leave them out.
      // Thumbnails in frames mode are the images above, shown with their times.
      const fields = Object.fromEntries(Object.entries(result).filter(([key, value]) => key !== '__typename' && value != null
        && !(result.__typename === 'ThumbnailsResult' && key === 'frames')));
      return <JsonList value={fields} />;
    }
  }
}

/** `played`: the page has a player, which shows chapters and transcripts beside it. */
export function ResultView({ source, played }: { source: OutputSource; played: boolean }) {
  const { typedResult, result } = source;
  if (!typedResult && result == null) return null;
  return (
    <div className="result">
      {typedResult?.__typename === 'NsfwResult'
        ? <NsfwScores result={typedResult} raw={result} />
        : typedResult
          ? <Readable result={typedResult} played={played} />
          : <JsonList value={(result ?? {}) as Record<string, unknown>} />}
      <RawJson value={result} />
    </div>
  );
}
