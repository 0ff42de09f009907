// A download link for every output, with its size; files in folders (an HLS ladder) show where.
import { formatBytes } from '../../ui/format.js';
import type { TaskOutput } from '../task-types.js';

export function Downloads({ outputs, label }: { outputs: TaskOutput[]; label: string }) {
  return (
    <ul className="downloads" aria-label={label}>
      {outputs.map((output) => {
        const folder = output.path.endsWith(output.filename) ? output.path.slice(0, -output.filename.length) : '';
        return (
          <li key={output.id}>
            {folder && <span className="folder">{folder}</span>}
            <a href={output.url} download={output.filename}>Download {output.filename}</a>
            <span className="hint"> {formatBytes(output.size)}</span>
          </li>
        );
      })}
    </ul>
  );
}
