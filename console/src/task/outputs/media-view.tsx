// The one player of a task page: the planned media with its caption track, the storyboard seek
// bar, the HLS rendition switch, and beside it the chapters and transcript that seek it.
import { useRef, useState } from 'react';
import { formatMediaTime } from '../../ui/format.js';
import { crossOriginFor } from '../media-origin.js';
import { Chapters } from './chapters.js';
import type { MediaPlan, PlayableMedia } from './media-plan.js';
import { RenditionPicker } from './rendition-picker.js';
import { parseStoryboard } from './storyboard.js';
import { StoryboardSeek } from './storyboard-seek.js';
import { Transcript, type Segment } from './transcript.js';
import { useHls } from './use-hls.js';
import { useParsedFile } from './use-text-file.js';
import { parseVtt } from './vtt.js';

const languageNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'language' }) : null;

function languageName(code: string): string {
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

export function MediaView({ plan, player, fallbackDuration }: { plan: MediaPlan; player: PlayableMedia; fallbackDuration: number | null }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const playback = useHls(videoRef, player.hls ? player.src : null);
  const tiles = useParsedFile(player.element === 'video' ? plan.storyboard?.url : null, parseStoryboard);
  // Without a speech result (a subtitles task alone), the captions are the transcript.
  const captionCues = useParsedFile(plan.segments ? null : plan.captions?.url, parseVtt);
  const segments: Segment[] | null = plan.segments ?? (captionCues && captionCues.length > 0 ? captionCues : null);

  const media = () => videoRef.current ?? audioRef.current;
  const seek = (to: number, play: boolean) => {
    const element = media();
    if (!element) return;
    element.currentTime = to;
    setTime(to);
    if (play) element.play().catch(() => {});
  };
  const events = {
    onTimeUpdate: () => setTime(media()?.currentTime ?? 0),
    onSeeking: () => setTime(media()?.currentTime ?? 0),
    onDurationChange: () => {
      const value = media()?.duration;
      setDuration(value != null && Number.isFinite(value) ? value : null);
    },
  };
  const knownDuration = duration ?? fallbackDuration ?? 0;
  const captions = player.element === 'video' ? plan.captions : null;
  const side = plan.chapters || segments;

  return (
    <div className={['media-view', side && 'with-side', !player.outputId && !player.hls && 'of-input'].filter(Boolean).join(' ')}>
      <div className="media-main">
        <figure className="player">
          {player.element === 'video'
            ? (
              <video
                ref={videoRef}
                controls
                playsInline
                preload="metadata"
                poster={player.poster ?? undefined}
                src={player.hls ? undefined : player.src}
                crossOrigin={crossOriginFor(player.src, captions?.url)}
                data-testid="player"
                {...events}
              >
                {captions && <track kind="captions" src={captions.url} srcLang={captions.language} label={languageName(captions.language)} default />}
              </video>
            )
            : <audio ref={audioRef} controls preload="metadata" src={player.src} crossOrigin={crossOriginFor(player.src)} data-testid="player" {...events} />}
          <figcaption className="hint">
            Playing {player.label}
            {captions && `, captions in ${languageName(captions.language)}`}
            {knownDuration > 0 && ` · ${formatMediaTime(knownDuration)}`}
          </figcaption>
        </figure>
        {tiles && tiles.length > 0 && <StoryboardSeek tiles={tiles} time={time} duration={knownDuration} onSeek={(to) => seek(to, false)} />}
        {player.hls && <RenditionPicker playback={playback} />}
        {playback.error && <p role="alert" className="error">{playback.error}</p>}
      </div>
      {side && (
        <div className="media-side">
          {plan.chapters && <Chapters chapters={plan.chapters} time={time} onSeek={(to) => seek(to, true)} />}
          {segments && <Transcript segments={segments} time={time} note={plan.segments ? undefined : 'From the captions.'} onSeek={(to) => seek(to, true)} />}
        </div>
      )}
    </div>
  );
}
