// A seek bar under the player that previews the frame at the hovered (or focused) time from the
// storyboard's sprite sheets. The range input does the seeking; the preview is decoration.
import { useId, useState, type CSSProperties, type PointerEvent } from 'react';
import { formatMediaTime } from '../../ui/format.js';
import type { StoryboardTile } from './storyboard.js';
import { cueAt } from './vtt.js';

interface Props {
  tiles: StoryboardTile[];
  time: number;
  duration: number;
  onSeek(time: number): void;
}

export function StoryboardSeek({ tiles, time, duration, onSeek }: Props) {
  const id = useId();
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const end = duration > 0 ? duration : (tiles.at(-1)?.end ?? 0);
  // An arrow key moves 1 % of the media (0.1 s at least): a long video stays keyboard-seekable.
  const step = Math.max(0.1, Math.round(end) / 100);
  const previewTime = hovered ?? (focused ? time : null);
  const tile = previewTime == null ? null : cueAt(tiles, Math.min(previewTime, Math.max(0, end - 0.001)));

  const onPointerMove = (event: PointerEvent<HTMLInputElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    setHovered(ratio * end);
  };

  const percent = end > 0 && previewTime != null ? (previewTime / end) * 100 : 0;
  const previewStyle: CSSProperties | undefined = tile
    ? {
      width: tile.width,
      left: `clamp(0px, calc(${percent}% - ${tile.width / 2}px), calc(100% - ${tile.width}px))`,
    }
    : undefined;

  return (
    <div className="storyboard-seek">
      <label htmlFor={id}>Seek</label>
      <div className="seek-track">
        {tile && previewTime != null && (
          <div className="storyboard-preview" style={previewStyle} aria-hidden="true" data-testid="storyboard-preview">
            <div
              className="storyboard-tile"
              style={{ width: tile.width, height: tile.height, backgroundImage: `url("${tile.sheet}")`, backgroundPosition: `-${tile.x}px -${tile.y}px` }}
            />
            <span>{formatMediaTime(previewTime)}</span>
          </div>
        )}
        <input
          id={id}
          type="range"
          min={0}
          max={end || 1}
          step={step}
          value={Math.min(time, end || 1)}
          aria-valuetext={`${formatMediaTime(time)} of ${formatMediaTime(end)}`}
          onChange={(event) => onSeek(Number(event.target.value))}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHovered(null)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
      </div>
      <span className="seek-times" aria-hidden="true">{formatMediaTime(time)} / {formatMediaTime(end)}</span>
    </div>
  );
}
