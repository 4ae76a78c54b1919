/**
 * Returns the URL, normalized, when it is an absolute http(s) URL no longer than `maxLength`: the
 * only kind worth linking. Anything else (javascript:, relative, malformed, too long) gives undefined.
 */
export function safeHttpUrl(url: string | undefined, maxLength = Infinity): string | undefined {
  if (!url || url.length > maxLength) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
