// Plays an HLS master playlist in a <video> with hls.js (loaded on first use: the task list never
// needs it), or natively where Media Source Extensions are missing (Safari on iOS). Reports the
// renditions and the one actually playing, and lets the page pick one.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type Hls from 'hls.js';

export interface Rendition {
  /** The index in hls.levels. */
  index: number;
  /** 480p; with the bitrate when two renditions share a height. */
  name: string;
  height: number;
}

export interface HlsPlayback {
  renditions: Rendition[];
  /** The rendition playing (LEVEL_SWITCHED), null before the first. */
  playing: Rendition | null;
  /** -1: automatic. */
  choice: number;
  choose(index: number): void;
  /** The browser plays HLS itself and chooses the rendition. */
  native: boolean;
  error: string | null;
}

function renditionsOf(levels: Hls['levels']): Rendition[] {
  const heights = levels.map((level) => level.height);
  return levels.map((level, index) => {
    const shared = heights.filter((height) => height === level.height).length > 1;
    const name = level.height ? `${level.height}p` : `${Math.round(level.bitrate / 1000)} kb/s`;
    return { index, height: level.height, name: shared && level.height ? `${name} (${Math.round(level.bitrate / 1000)} kb/s)` : name };
  });
}

export function useHls(mediaRef: RefObject<HTMLVideoElement | null>, src: string | null): HlsPlayback {
  const [renditions, setRenditions] = useState<Rendition[]>([]);
  const [playing, setPlaying] = useState<Rendition | null>(null);
  const [choice, setChoice] = useState(-1);
  const [native, setNative] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const player = useRef<Hls | null>(null);

  useEffect(() => {
    const video = mediaRef.current;
    if (!video || !src) return;
    let closed = false;
    let hls: Hls | null = null;
    setRenditions([]);
    setPlaying(null);
    setChoice(-1);
    setError(null);
    setNative(false);
    let mediaRecoveries = 0;

    import('hls.js').then(({ default: HlsPlayer }) => {
      if (closed) return;
      if (!HlsPlayer.isSupported()) {
        if (video.canPlayType('application/vnd.apple.mpegurl')) {
          setNative(true);
          video.src = src;
        } else {
          setError('This browser cannot play HLS.');
        }
        return;
      }
      hls = new HlsPlayer({ capLevelToPlayerSize: false });
      player.current = hls;
      hls.on(HlsPlayer.Events.MANIFEST_PARSED, () => {
        if (hls) setRenditions(renditionsOf(hls.levels));
      });
      hls.on(HlsPlayer.Events.LEVEL_SWITCHED, (_event, data) => {
        if (hls) setPlaying(renditionsOf(hls.levels)[data.level] ?? null);
      });
      hls.on(HlsPlayer.Events.ERROR, (_event, data) => {
        if (!data.fatal || !hls) return;
        // A media error is often recoverable (a decode hiccup): once as it is, once with the other
        // audio codec, then it is given up. A network error is not ours to fix.
        if (data.type === HlsPlayer.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
          if (mediaRecoveries++ === 1) hls.swapAudioCodec();
          hls.recoverMediaError();
        } else {
          setError(`The HLS stream failed: ${data.details}`);
        }
      });
      hls.loadSource(src);
      hls.attachMedia(video);
    }, () => {
      if (!closed) setError('The HLS player could not be loaded.');
    });

    return () => {
      closed = true;
      hls?.destroy();
      player.current = null;
      if (video.src && !video.src.startsWith('blob:')) {
        video.removeAttribute('src');
        video.load();
      }
    };
  }, [mediaRef, src]);

  const choose = useCallback((index: number) => {
    setChoice(index);
    // currentLevel switches now (flushing what is buffered); -1 gives the choice back to hls.js.
    if (player.current) player.current.currentLevel = index;
  }, []);

  return { renditions, playing, choice, choose, native, error };
}
