import { rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Two levels below the repository, as scripts/bench is: paths the scripts derive from their own place still hold. */
const BUILD_ROOT = path.join(repoRoot, ".bench-build");

export interface CompiledChild {
  /** The compiled script, to run with plain `node`. */
  script: string;
  remove(): void;
}

/**
 * Compiles a bench child script to JavaScript the way the Docker image runs the product: ES modules
 * beside the search index's worker threads, packages loaded from node_modules. Run with plain `node`,
 * the engines are measured without tsx's loader thread (some 33 MB of memory).
 */
export function compileChild(entry: string): CompiledChild {
  const outdir = path.join(BUILD_ROOT, String(process.pid));
  const workers = path.join(repoRoot, "src", "core", "search");
  buildSync({
    entryPoints: {
      child: entry,
      "count-worker": path.join(workers, "count-worker.ts"),
      "invert-worker": path.join(workers, "invert-worker.ts"),
    },
    outdir,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  writeFileSync(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }));
  return {
    script: path.join(outdir, "child.js"),
    remove: () => {
      rmSync(outdir, { recursive: true, force: true });
      removeIfEmpty(BUILD_ROOT);
    },
  };
}

function removeIfEmpty(directory: string): void {
  try {
    rmdirSync(directory);
  } catch {
    // Another run's build is still in it.
  }
}
