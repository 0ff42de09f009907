// Chapters as a list of buttons that seek the player to each chapter's start.
import { useId } from 'react';
import { formatMediaTime } from '../../ui/format.js';
import type { ResultOf } from '../task-types.js';

type Chapter = ResultOf<'ChaptersResult'>['chapters'][number];

export function Chapters({ chapters, time, onSeek }: { chapters: Chapter[]; time: number; onSeek?: (time: number) => void }) {
  const headingId = useId();
  return (
    <section className="chapters" aria-labelledby={headingId}>
      <h3 id={headingId}>Chapters</h3>
      <ol className="cue-list" aria-label="Chapters">
        {chapters.map((chapter) => {
          const active = time >= chapter.start && time < chapter.end;
          const times = `${formatMediaTime(chapter.start)}–${formatMediaTime(chapter.end)}`;
          return (
            <li key={chapter.index}>
              {onSeek
                ? (
                  <button type="button" className="cue" aria-current={active ? 'true' : undefined} onClick={() => onSeek(chapter.start)}>
                    <span className="cue-time">{times}</span>
                    <span className="cue-text">{chapter.title}</span>
                  </button>
                )
                : <span className="cue"><span className="cue-time">{times}</span> <span className="cue-text">{chapter.title}</span></span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
