import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CHECK_FILES, type Figure, FLOORS, judge, missingData, runCheck } from "../../scripts/eval/check.js";

const iclr = (value: number): Figure => ({
  name: "ICLR 2021 keyword nDCG@10",
  value,
  floor: FLOORS.iclrKeywords,
});
const sciFact = (value: number): Figure => ({ name: "SciFact nDCG@10", value, floor: FLOORS.sciFact });

/** A data folder holding the files the check looks for (empty: the tests measure nothing). */
function dataFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-check-"));
  for (const file of Object.values(CHECK_FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), "");
  }
  return dir;
}

function captured() {
  const logged: string[] = [];
  const errors: string[] = [];
  return {
    logged,
    errors,
    out: { log: (l: string) => logged.push(l), error: (l: string) => errors.push(l) },
  };
}

describe("relevance check decision", () => {
  it("has the floors CI guards: ICLR keywords 0.44, SciFact 0.60", () => {
    expect(FLOORS).toEqual({ iclrKeywords: 0.44, sciFact: 0.6 });
  });

  it("passes today's figures and prints each beside its floor", () => {
    const verdict = judge([iclr(0.4407), sciFact(0.6061)]);
    expect(verdict.passed).toBe(true);
    expect(verdict.failures).toEqual([]);
    expect(verdict.lines[0]).toMatch(/ICLR 2021 keyword nDCG@10 +0\.4407 +floor 0\.4400 +ok/);
    expect(verdict.lines[1]).toMatch(/SciFact nDCG@10 +0\.6061 +floor 0\.6000 +ok/);
  });

  it("passes a figure exactly at its floor", () => {
    expect(judge([iclr(0.44), sciFact(0.6)]).passed).toBe(true);
  });

  it("fails an ICLR figure below its floor and names only that figure", () => {
    const verdict = judge([iclr(0.4312), sciFact(0.6061)]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual(["ICLR 2021 keyword nDCG@10 is 0.4312, below its floor 0.4400."]);
    expect(verdict.lines[0]).toMatch(/BELOW$/);
  });

  it("fails a SciFact figure below its floor and names only that figure", () => {
    const verdict = judge([iclr(0.4407), sciFact(0.5999)]);
    expect(verdict.failures).toHaveLength(1);
    expect(verdict.failures[0]).toMatch(/^SciFact nDCG@10 is 0\.5999, below its floor 0\.6000/);
  });

  it("names both figures when both are below", () => {
    const failures = judge([iclr(0.1), sciFact(0.2)]).failures.join("\n");
    expect(failures).toContain("ICLR 2021 keyword nDCG@10");
    expect(failures).toContain("SciFact nDCG@10");
  });

  it("does not print a figure just under its floor rounded up to the floor", () => {
    const verdict = judge([iclr(0.43996), sciFact(0.6061)]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures[0]).toContain("is 0.43996,");
  });

  it("fails a figure that is not a number", () => {
    expect(judge([iclr(Number.NaN), sciFact(0.6061)]).passed).toBe(false);
  });
});

describe("runCheck", () => {
  it("exits 0 when every figure is at its floor or above", () => {
    const { logged, errors, out } = captured();
    expect(runCheck(dataFolder(), out, () => [iclr(0.4407), sciFact(0.6061)])).toBe(0);
    expect(errors).toEqual([]);
    expect(logged.join("\n")).toMatch(/0\.4407 +floor 0\.4400[\s\S]*0\.6061 +floor 0\.6000[\s\S]*passed/);
  });

  it("exits 1 and says which figure fell below its floor", () => {
    const { errors, out } = captured();
    expect(runCheck(dataFolder(), out, () => [iclr(0.4407), sciFact(0.59)])).toBe(1);
    expect(errors).toEqual(["Relevance check failed: SciFact nDCG@10 is 0.5900, below its floor 0.6000."]);
  });

  it("exits 2 without the eval data, naming the folder and the missing files, before measuring", () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "paperboy-check-empty-"));
    const { errors, out } = captured();
    const measure = () => {
      throw new Error("measured without data");
    };
    expect(runCheck(empty, out, measure)).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(empty);
    expect(errors[0]).toContain(CHECK_FILES.paperlist);
    expect(errors[0]).toContain(CHECK_FILES.sciFact);
  });

  it("requires SciFact too, though plain eval runs without it", () => {
    const dir = dataFolder();
    const onlyIclr = mkdtempSync(path.join(os.tmpdir(), "paperboy-check-iclr-"));
    mkdirSync(path.join(onlyIclr, path.dirname(CHECK_FILES.paperlist)));
    writeFileSync(path.join(onlyIclr, CHECK_FILES.paperlist), "");
    expect(missingData(dir)).toBeUndefined();
    expect(missingData(onlyIclr)).toMatch(/scifact/);
    expect(missingData(onlyIclr)).not.toContain("paperlist");
  });
});

describe("npm run eval -- --check", () => {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const run = promisify(execFile);

  it("exits non-zero without eval data and names the folder it looked in", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "paperboy-check-cli-"));
    const failed = await run(process.execPath, [tsx, "scripts/eval.ts", "--check", "--data", empty]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(`no eval data in ${empty}`);
  });
});
