// The Content-Type of a stored file, by its extension: sent by the file route, and stored with
// each object in a bucket so that a bucket or CDN serving them directly sends the same.
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.avif': 'image/avif',
  '.gif': 'image/gif', '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.webm': 'video/webm', '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska', '.ts': 'video/mp2t', '.m3u8': 'application/vnd.apple.mpegurl', '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.wav': 'audio/wav',
  '.flac': 'audio/flac', '.vtt': 'text/vtt', '.srt': 'application/x-subrip', '.json': 'application/json',
};

export const contentTypeOf = (key: string) => contentTypes[path.extname(key).toLowerCase()] ?? 'application/octet-stream';

/** Not `public`: a shared cache would keep serving a file after deleteTask removed it. */
export const storedFileCacheControl = 'private, max-age=31536000, immutable';
