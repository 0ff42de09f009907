// What probing found about the input (ffprobe for media, sharp for pictures), and the stored file.
import { useId, type ReactNode } from 'react';
import { formatBytes, formatMediaTime } from '../ui/format.js';
import { isTerminal } from '../ui/status-badge.js';
import type { TaskDetail } from './task-types.js';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return <div className="fact"><dt>{term}</dt><dd>{children}</dd></div>;
}

function bitrate(bits: number): string {
  return bits >= 1_000_000 ? `${(bits / 1_000_000).toFixed(1)} Mb/s` : `${Math.round(bits / 1000)} kb/s`;
}

function streams(input: NonNullable<TaskDetail['input']>): string | null {
  // A picture has neither stream; saying "none" would read as a fault.
  if ((input.hasVideo == null && input.hasAudio == null) || input.mimeType?.startsWith('image/')) return null;
  const parts = [input.hasVideo ? 'video' : null, input.hasAudio ? 'audio' : null].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'none';
}

export function InputFacts({ task }: { task: TaskDetail }) {
  const headingId = useId();
  const input = task.input;
  return (
    <section className="card input-facts" aria-labelledby={headingId}>
      <h2 id={headingId}>Input</h2>
      {!input ? <p className="hint">{isTerminal(task.status) ? 'Never probed: the task ended before its input was read.' : 'Not probed yet: the facts appear once the input is validated.'}</p> : (
        <dl className="facts">
          {input.filename && <Fact term="File name">{input.filename}</Fact>}
          {input.mimeType && <Fact term="Type">{input.mimeType}{input.container ? ` (${input.container})` : ''}</Fact>}
          {input.size != null && <Fact term="Size">{formatBytes(input.size)}</Fact>}
          {input.duration != null && <Fact term="Duration">{formatMediaTime(input.duration)} ({input.duration.toFixed(2)} s)</Fact>}
          {input.width != null && input.height != null && <Fact term="Dimensions">{input.width} × {input.height}{input.rotation ? `, turned ${input.rotation}°` : ''}</Fact>}
          {streams(input) && <Fact term="Streams">{streams(input)}</Fact>}
          {input.videoCodec && <Fact term="Video codec">{input.videoCodec}</Fact>}
          {input.audioCodec && <Fact term="Audio codec">{input.audioCodec}</Fact>}
          {input.fps != null && <Fact term="Frame rate">{Number(input.fps.toFixed(3))} fps</Fact>}
          {input.bitrate != null && <Fact term="Bitrate">{bitrate(input.bitrate)}</Fact>}
        </dl>
      )}
      <ul className="links">
        {input?.url && <li><a href={input.url}>Stored input{input.filename ? `: ${input.filename}` : ''}</a></li>}
        {task.url && <li><span className="hint">From </span><a href={task.url} className="url">{task.url}</a></li>}
      </ul>
    </section>
  );
}
