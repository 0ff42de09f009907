import path from 'node:path';

const imageTypes: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' };

/** Images go to the API inline: the server's own URLs are rarely reachable from a hosted model. */
export function imageDataUrl(imagePath: string, bytes: Buffer): string {
  const type = imageTypes[path.extname(imagePath).toLowerCase()] ?? 'image/jpeg';
  return `data:${type};base64,${bytes.toString('base64')}`;
}
