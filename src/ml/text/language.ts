// Language of a text (ISO 639-1), or `und` when there is too little to tell. tinyld's tables
// (~45 MB in memory) load on first use, not in every process that imports this.
let detector: Promise<(text: string) => string> | undefined;

export async function detectLanguage(text: string): Promise<string> {
  if (text.trim().length < 3) return 'und';
  detector ??= import('tinyld').then((module) => module.detect);
  return (await detector)(text) || 'und';
}
