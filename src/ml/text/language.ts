// Language of a text (ISO 639-1), or `und` when there is too little to tell.
import { detect } from 'tinyld';

export function detectLanguage(text: string): string {
  if (text.trim().length < 3) return 'und';
  return detect(text) || 'und';
}
