// Image outputs shown, each with its size in pixels and bytes.
import { formatBytes } from '../../ui/format.js';
import type { TaskOutput } from '../task-types.js';

export function isImage(output: TaskOutput): boolean {
  return output.mimeType.startsWith('image/');
}

export function Images({ images }: { images: TaskOutput[] }) {
  return (
    <ul className="images" aria-label="Images">
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
              </span>
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}
