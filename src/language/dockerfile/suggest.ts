/** "Did you mean" for names: the closest candidate by edit distance, if it is close enough. Pure. */

/**
 * Levenshtein distance; with `transpositions`, swapping two neighbours costs 1 too (optimal string
 * alignment): "biuld" is one typo away from "build", not two.
 */
export function editDistance(a: string, b: string, transpositions = false): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * The closest candidate within a distance of about a third of the name (at least 1, at most 3).
 * BuildKit's own checks suggest by plain Levenshtein distance; Berth's errors also count a swap of
 * two neighbouring letters as one typo.
 */
export function closest(name: string, candidates: Iterable<string>, caseSensitive = true, transpositions = false): string | undefined {
  const norm = (s: string): string => (caseSensitive ? s : s.toLowerCase());
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(norm(name), norm(c), transpositions);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
