import { existsSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { commandWords, isIgnored, parseCopy, parseDockerfile, type Stage } from "./dockerfile.js";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const exists = (path: string) => existsSync(new URL(path, root));

const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
const dockerignore = read(".dockerignore");
const stages = parseDockerfile(read("Dockerfile"));
const runtime = stages.at(-1) as Stage;
const build = stages.find((stage) => stage.name === "build") as Stage;

const args = (stage: Stage, keyword: string) =>
  stage.instructions
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.args);
const workdir = (stage: Stage) => args(stage, "WORKDIR").at(-1) ?? "/";
const env = (stage: Stage, name: string) =>
  args(stage, "ENV")
    .map((line) => new RegExp(`^${name}=(\\S+)`).exec(line)?.[1])
    .findLast(Boolean);

/** `tsc -p <project>` in the build script → that project's outDir, relative to the repository. */
function buildOutDir(): string {
  const project = /tsc\s+-p\s+(\S+)/.exec(scripts.build ?? "")?.[1] ?? "tsconfig.json";
  const config = JSON.parse(read(project)) as { compilerOptions?: { outDir?: string } };
  return posix.normalize(config.compilerOptions?.outDir ?? "");
}

/** `dist/x.js` → `src/x.ts`, following the build's rootDir `src` → outDir mapping. */
function sourceOf(compiled: string): string {
  return compiled.replace(new RegExp(`^${buildOutDir()}/`), "src/").replace(/\.js$/, ".ts");
}

describe("Dockerfile", () => {
  it("builds in a node:20-slim stage named build, then runs in a node:20-slim stage", () => {
    expect(stages.map((stage) => stage.base)).toEqual(["node:20-slim", "node:20-slim"]);
    expect(build).toBeDefined();
    expect(args(build, "RUN")).toContain("npm ci");
  });

  it("only runs npm scripts that package.json defines", () => {
    const used = stages.flatMap((stage) =>
      stage.instructions.flatMap(({ args: line }) =>
        [...line.matchAll(/npm run (\S+)/g)].map((match) => match[1]),
      ),
    );
    expect(used).toContain("build");
    for (const script of used) expect(Object.keys(scripts), `npm run ${script}`).toContain(script);
  });

  it("copies only files that exist in the repository and reach the build context", () => {
    const copies = stages.flatMap((stage) => args(stage, "COPY").map(parseCopy)).filter((copy) => !copy.from);
    expect(copies.length).toBeGreaterThan(0);
    for (const source of copies.flatMap((copy) => copy.sources)) {
      expect(exists(source), `${source} exists`).toBe(true);
      expect(isIgnored(dockerignore, source), `${source} is not in .dockerignore`).toBe(false);
    }
  });

  it("takes the compiled code from where the build script writes it", () => {
    const fromBuild = args(runtime, "COPY")
      .map(parseCopy)
      .filter((copy) => copy.from === "build");
    const expected = posix.join(workdir(build), buildOutDir());
    expect(fromBuild.flatMap((copy) => copy.sources)).toEqual([expected]);
  });

  it("starts the compiled form of the start script's entry point", () => {
    const [command, entry = ""] = commandWords(args(runtime, "CMD").at(-1) ?? "");
    expect(command).toBe("node");
    const startEntry = /(\S+\.ts)\b/.exec(scripts.start ?? "")?.[1];
    expect(sourceOf(entry)).toBe(startEntry);
  });

  it("installs production dependencies only in the runtime stage", () => {
    expect(env(runtime, "NODE_ENV")).toBe("production");
    const installs = args(runtime, "RUN").filter((line) => /npm (ci|install|i)\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/--omit=dev/);
    expect(args(runtime, "RUN").join("\n")).not.toMatch(/npm run build/);
  });

  it("runs as a non-root user, keeps DATA_DIR on a volume and checks its health", () => {
    const user = args(runtime, "USER").at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const dataDir = env(runtime, "DATA_DIR");
    expect(dataDir).toBeDefined();
    expect(args(runtime, "VOLUME").flatMap(commandWords)).toContain(dataDir);
    const healthcheck = args(runtime, "HEALTHCHECK").at(-1) ?? "";
    const [command, script = ""] = commandWords(healthcheck.replace(/^.*?\bCMD\s+/, ""));
    expect(command).toBe("node");
    expect(exists(sourceOf(script)), `${sourceOf(script)} exists`).toBe(true);
  });
});

describe(".dockerignore", () => {
  it.each(["node_modules", "dist/main.js", ".env", ".git/HEAD", "data/state.json", "data/state.json.bak"])(
    "keeps %s out of the image",
    (path) => expect(isIgnored(dockerignore, path)).toBe(true),
  );

  it("lets the bundled demo corpus and the example environment through", () => {
    expect(isIgnored(dockerignore, "data/hf-papers-page.txt")).toBe(false);
    expect(isIgnored(dockerignore, ".env.example")).toBe(false);
  });
});
