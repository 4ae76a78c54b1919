/**
 * Joins a configured API root and a path, keeping any path prefix of the root (a mirror at
 * `https://host/hf`), with query parameters encoded.
 */
export function sourceUrl(root: string, path: string, query: Record<string, string> = {}): string {
  const url = new URL(`${root.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}
