/**
 * A connection string fit for messages and logs: the URL without its password (in the user-info
 * part or as a `password` parameter). A string that is not a URL (libpq `key=value` form) keeps
 * everything but its password.
 */
export function withoutPassword(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString.replace(/\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S*)\s*/gi, "").trim();
  }
  url.password = "";
  if (url.searchParams.has("password")) url.searchParams.delete("password");
  return url.toString();
}
