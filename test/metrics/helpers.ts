import type { ConnectionState, DigestOutcome, Telemetry } from "../../src/core/telemetry.js";

/**
 * The value of the one series of `name` (a full sample name, e.g. `paperboy_digests_total` or
 * `…_bucket`) whose labels include `labels`, from Prometheus text; undefined when there is none.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const values = text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => {
      const labelText = /\{([^}]*)\}/.exec(line)?.[1] ?? "";
      const present = labelText === "" ? [] : labelText.split(",");
      return wanted.every((pair) => present.includes(pair));
    })
    .map((line) => Number(line.slice(line.lastIndexOf(" ") + 1)));
  if (values.length > 1) throw new Error(`${values.length} series of ${name} match ${wanted.join(",")}`);
  return values[0];
}

/** Telemetry that keeps every call, for tests of what is told. */
export class RecordingTelemetry implements Telemetry {
  readonly ingestRuns: Array<{ source: string; ok: boolean; added: number }> = [];
  readonly digests: Array<{ platform: string; outcome: DigestOutcome; count: number }> = [];
  readonly commands: Array<{ name: string; seconds: number; ok: boolean }> = [];
  readonly errors: Array<{ platform: string; code: string }> = [];
  readonly writes: Array<{ method: string; seconds: number }> = [];
  readonly connections: Array<{ platform: string; state: ConnectionState }> = [];

  ingestRun(source: string, outcome: { ok: boolean; added: number }): void {
    this.ingestRuns.push({ source, ...outcome });
  }
  digest(platform: string, outcome: DigestOutcome, count = 1): void {
    this.digests.push({ platform, outcome, count });
  }
  command(name: string, seconds: number, ok: boolean): void {
    this.commands.push({ name, seconds, ok });
  }
  platformError(platform: string, code: string): void {
    this.errors.push({ platform, code });
  }
  storeWrite(method: string, seconds: number): void {
    this.writes.push({ method, seconds });
  }
  connection(platform: string, state: ConnectionState): void {
    this.connections.push({ platform, state });
  }
}
