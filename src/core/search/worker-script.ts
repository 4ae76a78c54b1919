import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";

/** The worker entry modules of this folder. */
export type WorkerEntry = "count-worker" | "fill-worker";

const ownUrl = import.meta.url;
const bundled = new Map<WorkerEntry, string | undefined>();

/**
 * Starts a worker thread running one of this folder's worker modules: from the compiled build, or
 * when running from TypeScript sources, from the module bundled into one script (once per process).
 * A worker does not inherit the tsx loader on Node 20, and registering it in the worker delays it
 * by half a second, bundling by a tenth of that. Falls back to registering the loader if bundling fails.
 */
export function startWorker(entry: WorkerEntry): Worker {
  if (!ownUrl.endsWith(".ts")) return new Worker(new URL(`./${entry}.js`, ownUrl));
  if (!bundled.has(entry)) bundled.set(entry, bundle(entry));
  const source = bundled.get(entry);
  if (source) return new Worker(source, { eval: true });
  const loader = import.meta.resolve("tsx/esm/api");
  const module = new URL(`./${entry}.ts`, ownUrl).href;
  const boot = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); });`;
  return new Worker(boot, { eval: true });
}

/** The entry module and what it imports as one CommonJS script, or undefined when esbuild cannot bundle it. */
function bundle(entry: WorkerEntry): string | undefined {
  try {
    const output = buildSync({
      entryPoints: [fileURLToPath(new URL(`./${entry}.ts`, ownUrl))],
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    return output.outputFiles[0]?.text;
  } catch {
    return undefined;
  }
}
