import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: the Postgres tests start PGlite (seconds on a busy 2-core machine) when no server is set.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
