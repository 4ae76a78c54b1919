import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseHfPapersPage } from "../core/corpus/hf-page.js";
import type { Paper } from "../core/paper.js";

/** The demo corpus shipped with paperboy; resolves from src/app (tsx) and dist/app (built) alike. */
export const BUNDLED_PAGE_PATH = fileURLToPath(new URL("../../data/hf-papers-page.txt", import.meta.url));

/** The 119 papers of the bundled Hugging Face papers page. */
export async function loadBundledPapers(): Promise<Paper[]> {
  return parseHfPapersPage(await readFile(BUNDLED_PAGE_PATH, "utf8"));
}
