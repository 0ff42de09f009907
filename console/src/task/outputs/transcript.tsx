// What is said, as a list of buttons: each plays the media from where its segment starts. The
// segment playing is marked (aria-current), so the list follows along.
import { useId } from 'react';
import { formatMediaTime } from '../../ui/format.js';

export interface Segment {
  start: number;
  end: number;
  text: string;
  speaker?: string | null;
}

interface Props {
  segments: Segment[];
  time: number;
  /** Where the segments come from, when not a speech result (e.g. "from the captions"). */
  note?: string;
  onSeek(time: number): void;
}

export function Transcript({ segments, time, note, onSeek }: Props) {
  const headingId = useId();
  return (
    <section className="transcript" aria-labelledby={headingId}>
      <h3 id={headingId}>Transcript</h3>
      {note && <p className="hint">{note}</p>}
      <ol className="cue-list" aria-label="Transcript">
        {segments.map((segment, index) => {
          const active = time >= segment.start && time < segment.end;
          return (
            <li key={`${segment.start}-${index}`}>
              <button type="button" className="cue" aria-current={active ? 'true' : undefined} onClick={() => onSeek(segment.start)}>
                <span className="cue-time">{formatMediaTime(segment.start)}</span>
                {segment.speaker && <span className="cue-speaker">{segment.speaker}:</span>}
                <span className="cue-text">{segment.text}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
