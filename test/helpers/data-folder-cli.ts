import { afterEach, beforeEach, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { makeTempDir } from "../storage/files/helpers.js";

/**
 * `paperboy` run as a user runs it, on a fresh data folder per test (and no database): call in a
 * describe block. `dir()` is the folder of the running test.
 */
export function dataFolderCli(): {
  dir(): string;
  cli(argv: string[]): Promise<{ code: number; out: string; err: string }>;
} {
  let folder: { dir: string; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => {
    folder = await makeTempDir();
    vi.stubEnv("DATA_DIR", folder.dir);
    vi.stubEnv("DATABASE_URL", "");
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await folder?.cleanup();
  });
  return {
    dir: () => folder?.dir ?? "",
    async cli(argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
      return { code, out: out.join("\n"), err: err.join("\n") };
    },
  };
}
