// A download link for every output, with its size; files in folders (an HLS ladder) are named with their folder.
import { formatBytes, formatMediaTime } from '../../ui/format.js';
import type { TaskOutput } from '../task-types.js';
import { isPlayableFile } from './media-plan.js';

/** Size, and for a video or audio file what it is: 163 KB · 0:08 · 854 × 480. */
function facts(output: TaskOutput): string {
  const parts = [formatBytes(output.size)];
  if (isPlayableFile(output)) {
    if (output.duration != null) parts.push(formatMediaTime(output.duration));
    if (output.width && output.height) parts.push(`${output.width} × ${output.height}`);
    if (output.bitrate) parts.push(`${Math.round(output.bitrate / 1000)} kb/s`);
  }
  return parts.join(' · ');
}

export function Downloads({ outputs, label }: { outputs: TaskOutput[]; label: string }) {
  return (
    <ul className="downloads" aria-label={label}>
      {outputs.map((output) => {
        const folder = output.path.endsWith(output.filename) ? output.path.slice(0, -output.filename.length) : '';
        return (
          <li key={output.id}>
            <a href={output.url} download={output.filename}>Download {folder}{output.filename}</a>
            <span className="hint"> {facts(output)}</span>
          </li>
        );
      })}
    </ul>
  );
}
