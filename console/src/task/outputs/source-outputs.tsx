// What one task (or one workflow step) produced, shown: media the main player does not already
// play, images, its result, and a download link for every file.
import type { ReactNode } from 'react';
import { kindLabel } from '../../ui/format.js';
import { crossOriginFor } from '../media-origin.js';
import type { OutputSource } from '../task-types.js';
import { Downloads } from './downloads.js';
import { Images, isImage } from './images.js';
import { isPlayableFile, type MediaPlan } from './media-plan.js';
import { ResultView } from './result-view.js';

function Heading({ level, children }: { level: 3 | 4; children: ReactNode }) {
  return level === 3 ? <h3>{children}</h3> : <h4>{children}</h4>;
}

/** `step`: shown as one step of a workflow (under its own heading), else as the task's own outputs. */
export function SourceOutputs({ source, plan, step }: { source: OutputSource; plan: MediaPlan; step: boolean }) {
  const level = step ? 4 : 3;
  const name = source.stepRef ?? kindLabel(source.kind);
  const otherMedia = source.outputs.filter((output) => isPlayableFile(output) && output.id !== plan.player?.outputId);
  const images = source.outputs.filter(isImage);
  const frames = source.typedResult?.__typename === 'ThumbnailsResult' ? source.typedResult.frames : null;
  const times = frames ? new Map(frames.map((frame) => [frame.filename, frame.time])) : undefined;
  const hasResult = source.typedResult != null || source.result != null;
  if (source.outputs.length === 0 && !hasResult) return null;
  return (
    <div className={step ? 'source-outputs card' : 'source-outputs'} data-step={step ? name : undefined}>
      {step && <h3>{name} <span className="kind">{kindLabel(source.kind)}</span></h3>}
      {otherMedia.map((output) => (
        <figure key={output.id} className="player">
          {isPlayableFile(output) === 'video'
            ? <video controls preload="metadata" src={output.url} crossOrigin={crossOriginFor(output.url)} />
            : <audio controls preload="metadata" src={output.url} crossOrigin={crossOriginFor(output.url)} />}
          <figcaption className="hint">{output.path}</figcaption>
        </figure>
      ))}
      {images.length > 0 && (
        <>
          <Heading level={level}>Images</Heading>
          <Images images={images} times={times} />
        </>
      )}
      {hasResult && (
        <>
          <Heading level={level}>Result</Heading>
          <ResultView source={source} played={plan.player != null} />
        </>
      )}
      {source.outputs.length > 0 && (
        <>
          <Heading level={level}>Downloads</Heading>
          <Downloads outputs={source.outputs} label={`Downloads of ${name}`} />
        </>
      )}
    </div>
  );
}
