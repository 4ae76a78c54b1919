import type { ConfigVariable } from "./variables.js";

/** One thing wrong with the environment: the variable, what is wrong, and how to fix it. */
export interface ConfigProblem {
  variable: ConfigVariable;
  /** A full sentence starting with the variable's name, e.g. `HEALTH_PORT "x" is not a port: use …`. */
  message: string;
}

/** Thrown by `loadConfig` with every problem found, so one restart is enough to fix them all. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${problem.message}`);
    super(`Invalid configuration (${count}); fix the environment or the .env file:\n${lines.join("\n")}`);
    this.problems = problems;
  }
}
