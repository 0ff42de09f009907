// Image outputs shown, each with its size in pixels and bytes.
import { formatBytes, formatMediaTime } from '../../ui/format.js';
import type { TaskOutput } from '../task-types.js';

export function isImage(output: TaskOutput): boolean {
  return output.mimeType.startsWith('image/');
}

/** `times`: where in the video each image was taken, by filename (thumbnails in frames mode). */
export function Images({ images, times }: { images: TaskOutput[]; times?: Map<string, number> }) {
  return (
    <ul className={images.length === 1 ? 'images single' : 'images'} aria-label="Images">
      {images.map((image) => (
        <li key={image.id}>
          <figure>
            <a href={image.url} className="image-link">
              <img src={image.url} alt={image.path} width={image.width ?? undefined} height={image.height ?? undefined} loading="lazy" />
            </a>
            <figcaption>
              <span className="filename">{image.path}</span>
              <span className="hint">
                {image.width && image.height ? `${image.width} × ${image.height}` : 'size unknown'} · {formatBytes(image.size)}
                {times?.has(image.filename) && ` · at ${formatMediaTime(times.get(image.filename))}`}
              </span>
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}
