/**
 * True when a command's arguments ask for its usage: `--help` or `-h` anywhere before a `--`
 * terminator (after it, they are plain values, e.g. a query).
 */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}
