import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";
import type * as Esbuild from "esbuild";

/** The worker entry modules of this folder. */
const ENTRIES = ["count-worker", "invert-worker"] as const;
export type WorkerEntry = (typeof ENTRIES)[number];

/** A worker of a build failed: what it was sent is lost, so the build starts again on one thread. */
export class WorkerFailed extends Error {}

const ownUrl = import.meta.url;
let bundled: Map<WorkerEntry, string> | undefined;

/**
 * Starts a worker thread running one of this folder's worker modules: from the compiled build, or
 * when running from TypeScript sources, from the module bundled into one script (every entry at
 * once, once per process). A worker does not inherit the tsx loader on Node 20, and registering it
 * in the worker delays it by half a second, bundling by a fraction of that. Falls back to
 * registering the loader if bundling fails. `resourceLimits` bound the worker's heap.
 */
export function startWorker(entry: WorkerEntry, resourceLimits: ResourceLimits = {}): Worker {
  if (!ownUrl.endsWith(".ts")) return new Worker(new URL(`./${entry}.js`, ownUrl), { resourceLimits });
  bundled ??= bundle();
  const source = bundled.get(entry);
  if (source) return new Worker(source, { eval: true, resourceLimits });
  const loader = import.meta.resolve("tsx/esm/api");
  const module = new URL(`./${entry}.ts`, ownUrl).href;
  const boot = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** Each entry module and what it imports as one CommonJS script; none when esbuild cannot bundle them. */
function bundle(): Map<WorkerEntry, string> {
  const scripts = new Map<WorkerEntry, string>();
  try {
    // Loaded here only: the compiled build never needs it.
    const { buildSync } = createRequire(ownUrl)("esbuild") as typeof Esbuild;
    const output = buildSync({
      entryPoints: ENTRIES.map((entry) => fileURLToPath(new URL(`./${entry}.ts`, ownUrl))),
      outdir: "bundled-workers",
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    for (const entry of ENTRIES) {
      const file = output.outputFiles.find((candidate) => candidate.path.endsWith(`${entry}.js`));
      if (file) scripts.set(entry, file.text);
    }
  } catch {
    // Left empty: the workers register the TypeScript loader instead.
  }
  return scripts;
}
