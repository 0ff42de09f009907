// The files to send: a drop zone around a real file input (keyboard users tab to it and press
// Enter or Space), and the chosen files with their size, a Remove button and, while sending,
// their progress.
import { useEffect, useState, type DragEvent } from 'react';
import { formatBytes } from '../ui/format.js';
import { SendStatus } from './send-status.js';
import type { SendState } from './upload-queue.js';

export interface ChosenFile {
  id: string;
  file: File;
  state: SendState;
}

interface DropZoneProps {
  id: string;
  files: ChosenFile[];
  busy: boolean;
  onAdd(files: File[]): void;
  onRemove(id: string): void;
  onCancel(id: string): void;
}

export function DropZone({ id, files, busy, onAdd, onRemove, onCancel }: DropZoneProps) {
  const [over, setOver] = useState(false);
  useDropsOutsideIgnored();

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files.length) onAdd([...event.dataTransfer.files]);
  };

  return (
    <div className="files">
      <div className={over ? 'drop-zone over' : 'drop-zone'} data-testid="drop-zone"
        onDragOver={onDragOver} onDragEnter={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        <label htmlFor={id}>Files</label>
        <p id={`${id}-hint`} className="hint">Drop files here, or choose them. Each file becomes a task; files from 8 MiB upload resumably.</p>
        <input id={id} type="file" multiple aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            // Cleared so that choosing the same file again (after removing it) still adds it.
            event.target.value = '';
            if (chosen.length) onAdd(chosen);
          }} />
      </div>
      {files.length > 0 && (
        <ul className="chosen-files">
          {files.map(({ id: fileId, file, state }) => (
            <li key={fileId} className="chosen-file" data-state={state.phase}>
              <div className="file-line">
                <span className="file-name">{file.name}</span>
                <span className="file-size">{formatBytes(file.size)}</span>
                {!busy && state.phase !== 'created' && (
                  <button type="button" className="small" aria-label={`Remove ${file.name}`} onClick={() => onRemove(fileId)}>Remove</button>
                )}
              </div>
              <SendStatus name={file.name} state={state} onCancel={() => onCancel(fileId)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A file dropped beside the zone would make the browser open it, leaving the console. */
function useDropsOutsideIgnored(): void {
  useEffect(() => {
    const ignore = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);
}
