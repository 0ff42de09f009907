// Keywords of a text without a model: frequent content words (stop words removed), ties broken
// by first appearance, so a transcript's or a title's main words become tags.
const stopWords = new Set(`a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just let me more most my myself no nor not now of off on once only
or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves today thank thanks welcome hello going get got make made like also well really
one two three okay yeah yes oh um uh us lot things thing way say said see`.split(/\s+/));

export function keyPhrases(text: string, limit: number): string[] {
  const counts = new Map<string, { count: number; first: number }>();
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
  words.forEach((raw, position) => {
    const word = raw.replace(/'s$/, '');
    if (word.length < 3 || stopWords.has(word) || /^\d+$/.test(word)) return;
    const entry = counts.get(word);
    if (entry) entry.count++;
    else counts.set(word, { count: 1, first: position });
  });
  return [...counts.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map(([word]) => word);
}
