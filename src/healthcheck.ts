/**
 * Docker's HEALTHCHECK: `node dist/healthcheck.js` exits 0 when paperboy is healthy, 1 otherwise.
 * With HEALTH_PORT set it asks GET /healthz (3 s limit); without it, it checks DATA_DIR is readable.
 */
import { ConfigError, loadConfig } from "./config.js";
import { runHealthcheck } from "./health.js";

async function main(): Promise<number> {
  try {
    const status = await runHealthcheck(loadConfig(process.env));
    process.stdout.write(`${status.ok ? "healthy" : "unhealthy"}: ${status.detail}\n`);
    return status.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stdout.write(`unhealthy: ${error.message}\n`);
    return 1;
  }
}

process.exitCode = await main();
