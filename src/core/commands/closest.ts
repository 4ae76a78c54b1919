/** Edit distance between two short strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `word`, when it is close enough to be a plausible typo (or when the
 * word is a prefix of it, as in `sub` → `subscribe`).
 */
export function closest(
  word: string,
  candidates: readonly string[],
  options: { prefixes?: boolean } = {},
): string | undefined {
  const needle = word.toLowerCase();
  if (needle.length === 0) return undefined;
  if (options.prefixes !== false && needle.length >= 2) {
    const prefixed = candidates.find((candidate) => candidate.toLowerCase().startsWith(needle));
    if (prefixed) return prefixed;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  const tolerance = Math.max(1, Math.floor(Math.min(needle.length, best?.length ?? 0) / 3));
  return bestDistance <= tolerance ? best : undefined;
}
