// Word error rate: (substitutions + deletions + insertions) / reference words, after both texts
// are normalised so that case and punctuation do not count as errors.

/** Lower-case words without punctuation; apostrophes inside words stay ("don't"). */
export function normalizedWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/**
 * Word-level Levenshtein distance over the reference length (so it can exceed 1). Against an
 * empty reference: 0 for an empty hypothesis, else 1.
 */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const expected = normalizedWords(reference);
  const actual = normalizedWords(hypothesis);
  if (expected.length === 0) return actual.length === 0 ? 0 : 1;
  // Two rows of the edit-distance table suffice.
  let previous = Array.from({ length: actual.length + 1 }, (_, index) => index);
  for (let row = 1; row <= expected.length; row++) {
    const current = [row];
    for (let column = 1; column <= actual.length; column++) {
      const substitution = previous[column - 1] + (expected[row - 1] === actual[column - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[column] + 1, current[column - 1] + 1));
    }
    previous = current;
  }
  return previous[actual.length] / expected.length;
}
