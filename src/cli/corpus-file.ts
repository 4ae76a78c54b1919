import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseHfPapersPage } from "../core/corpus/hf-page.js";
import type { Paper } from "../core/paper.js";

/** Papers from a .tsv (`id<TAB>title<TAB>abstract`), a .json array of Paper, or a HF papers page .txt. */
export async function loadCorpusFile(file: string): Promise<Paper[]> {
  const text = await readFile(file, "utf8");
  const extension = path.extname(file).toLowerCase();
  if (extension === ".tsv") return parseCorpusTsv(text);
  if (extension === ".json") return parsePaperArray(text);
  if (extension === ".txt") return parseHfPapersPage(text);
  throw new Error(`unknown file type “${extension || file}”: use .tsv, .json or .txt`);
}

function parseCorpusTsv(text: string): Paper[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const [id, title, abstract] = line.split("\t");
      if (!id?.trim() || !title?.trim() || abstract === undefined) {
        throw new Error(`line ${i + 1} is not id<TAB>title<TAB>abstract`);
      }
      return { id: id.trim(), title: title.trim(), abstract: abstract.trim(), authors: [], sources: [] };
    });
}

function parsePaperArray(text: string): Paper[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error("the JSON file must hold an array of papers");
  return data.map((item: unknown, i) => {
    const paper = (item ?? {}) as Partial<Paper>;
    if (
      typeof paper.id !== "string" ||
      typeof paper.title !== "string" ||
      typeof paper.abstract !== "string"
    ) {
      throw new Error(`paper ${i + 1} needs string id, title and abstract`);
    }
    return { ...paper, authors: paper.authors ?? [], sources: paper.sources ?? [] } as Paper;
  });
}
