import { describe, expect, it } from "vitest";
import { runFind } from "../../src/cli/find.js";
import { runPaper } from "../../src/cli/paper.js";
import { paperReaderOf } from "../../src/core/corpus/paper-reader.js";
import { Corpus } from "../../src/core/corpus/corpus.js";
import type { Paper } from "../../src/core/paper.js";
import { forbiddenCharacterIn, HOSTILE_STRINGS, oneLine } from "../helpers/hostile-strings.js";

/** A paper with the hostile text in its title, authors and abstract; "graph" makes every one a match. */
function hostilePaper(text: string): Paper {
  return {
    id: "2501.00001",
    title: `Graph title ${text}`,
    abstract: `Graph abstract ${text}`,
    authors: [`Author ${text}`],
    url: "https://arxiv.org/abs/2501.00001",
    sources: ["arxiv"],
  };
}

async function find(args: string[], papers: Paper[]): Promise<string> {
  const printed: string[] = [];
  const code = await runFind(args, {
    out: (line) => printed.push(line),
    err: (line) => printed.push(line),
    withDefaultPapers: (use) => use(paperReaderOf(papers)),
  });
  expect(code).toBe(0);
  return printed.join("\n");
}

async function paper(args: string[], corpus: Corpus): Promise<string> {
  const printed: string[] = [];
  const code = await runPaper(args, {
    papers: paperReaderOf(corpus.all()),
    out: (line) => void printed.push(line),
    err: (line) => void printed.push(line),
  });
  expect(code).toBe(0);
  return printed.join("\n");
}

describe.each(HOSTILE_STRINGS)("CLI, with $name", ({ input, shows, absent }) => {
  const papers = [hostilePaper(input)];
  const corpus = new Corpus();
  corpus.upsert(papers);

  it("`find` prints nothing hostile and the visible title intact", async () => {
    const printed = await find(["graph"], papers);
    expect(forbiddenCharacterIn(printed)).toBeUndefined();
    for (const gone of absent ?? []) expect(printed).not.toContain(gone);
    expect(printed).toContain(`Graph title ${oneLine(shows)}`);
  });

  it("`paper` prints nothing hostile and the visible text intact", async () => {
    const printed = await paper(["2501.00001"], corpus);
    expect(forbiddenCharacterIn(printed)).toBeUndefined();
    for (const gone of absent ?? []) expect(printed).not.toContain(gone);
    expect(printed).toContain(`Graph title ${oneLine(shows)}`);
    expect(printed).toContain(`Author ${oneLine(shows)}`);
    expect(printed).toContain(`Graph abstract ${shows}`);
  });

  it("`--json` prints nothing hostile raw, and the exact record once parsed", async () => {
    const found = await find(["graph", "--json"], papers);
    expect(forbiddenCharacterIn(found)).toBeUndefined();
    expect(JSON.parse(found)).toMatchObject([{ id: "2501.00001", title: `Graph title ${input}` }]);
    const record = await paper(["2501.00001", "--json"], corpus);
    expect(forbiddenCharacterIn(record)).toBeUndefined();
    expect(JSON.parse(record)).toEqual(papers[0]);
  });
});
