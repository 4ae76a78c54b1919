import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_DEFAULTS, CONFIG_VARIABLES, loadConfig } from "../../src/config.js";

const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");

/** `NAME=value` lines, commented (`# NAME=value`: optional, showing its default) or not. */
const assignments = [...example.matchAll(/^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => ({
  commented: match[1] !== undefined,
  name: match[2] ?? "",
  value: match[3] ?? "",
}));

describe(".env.example", () => {
  it("lists every variable the configuration reads, and no other", () => {
    expect(new Set(assignments.map((line) => line.name))).toEqual(new Set(CONFIG_VARIABLES));
    expect(assignments).toHaveLength(CONFIG_VARIABLES.length);
  });

  it("shows each optional variable's real default", () => {
    for (const line of assignments.filter((assignment) => assignment.commented)) {
      expect({ [line.name]: line.value }).toEqual({
        [line.name]: (CONFIG_DEFAULTS as Record<string, string | undefined>)[line.name] ?? "",
      });
    }
  });

  it("explains each variable on the line above it", () => {
    const lines = example.split("\n");
    for (const { name } of assignments) {
      const index = lines.findIndex((line) => new RegExp(`^(#\\s*)?${name}=`).test(line));
      expect(lines[index - 1], name).toMatch(/^# [A-Z"a-z]/);
      expect(lines[index - 1], name).not.toMatch(/^#\s*[A-Z][A-Z0-9_]*=/);
    }
  });

  it("is a valid configuration as shipped", () => {
    const active = Object.fromEntries(assignments.filter((a) => !a.commented).map((a) => [a.name, a.value]));
    expect(() => loadConfig(active)).not.toThrow();
  });
});
