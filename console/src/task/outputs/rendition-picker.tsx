// The HLS rendition switch: Auto or one rendition, and the one actually playing.
import { useId } from 'react';
import type { HlsPlayback } from './use-hls.js';

export function RenditionPicker({ playback }: { playback: HlsPlayback }) {
  const id = useId();
  if (playback.native) return <p className="hint">The browser plays this HLS stream itself and picks the rendition.</p>;
  const byHeight = [...playback.renditions].sort((a, b) => b.height - a.height);
  return (
    <div className="rendition">
      <div className="field">
        <label htmlFor={id}>Rendition</label>
        <select id={id} value={playback.choice} disabled={byHeight.length === 0} onChange={(event) => playback.choose(Number(event.target.value))}>
          <option value={-1}>Auto</option>
          {byHeight.map((rendition) => <option key={rendition.index} value={rendition.index}>{rendition.name}</option>)}
        </select>
      </div>
      <p className="rendition-playing">
        Playing <strong data-testid="current-rendition">{playback.playing?.name ?? '—'}</strong>
        {playback.choice === -1 && playback.playing && <span className="hint"> (chosen by bandwidth)</span>}
      </p>
    </div>
  );
}
