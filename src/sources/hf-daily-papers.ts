import { z } from "zod";
import type { Paper } from "../core/paper.js";
import { MalformedPayloadError } from "./errors.js";
import { arxivAbsUrl, normalizeArxivId, toIsoDate, unwrapText } from "./normalize.js";

// Only the fields paperboy reads; zod drops the many others HF adds over time.
const HfPaperSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullish(),
  authors: z.array(z.unknown()).nullish(),
  publishedAt: z.string().nullish(),
  upvotes: z.number().nullish(),
  withdrawnAt: z.string().nullish(),
});
const HfDailyItemSchema = z.object({
  paper: HfPaperSchema,
  withdrawnAt: z.string().nullish(),
});
type HfDailyItem = z.infer<typeof HfDailyItemSchema>;

/**
 * Reads the answer of Hugging Face's `/api/daily_papers`: one paper per submission, upvotes kept,
 * withdrawn papers skipped, unknown fields ignored. Entries without an arXiv id or title are skipped;
 * an answer where no entry has the expected shape throws MalformedPayloadError.
 */
export function parseHfDailyPapers(json: unknown): Paper[] {
  if (!Array.isArray(json)) throw new MalformedPayloadError(describeNonArray(json));

  const papers: Paper[] = [];
  let withdrawn = 0;
  let firstProblem: string | undefined;
  for (const element of json) {
    const parsed = HfDailyItemSchema.safeParse(element);
    const paper = parsed.success ? itemToPaper(parsed.data) : undefined;
    if (parsed.success && isWithdrawn(parsed.data)) withdrawn++;
    else if (paper) papers.push(paper);
    else firstProblem ??= parsed.success ? "paper.id is not an arXiv id" : z.prettifyError(parsed.error);
  }
  if (json.length > 0 && papers.length === 0 && withdrawn === 0) {
    throw new MalformedPayloadError(
      `None of the ${json.length} Hugging Face daily papers has the expected shape ` +
        `({ paper: { id, title, summary, authors } }): ${firstProblem ?? "unknown"}`,
    );
  }
  return papers;
}

function isWithdrawn(item: HfDailyItem): boolean {
  return Boolean(item.withdrawnAt || item.paper.withdrawnAt);
}

function itemToPaper({ paper: hf }: HfDailyItem): Paper | undefined {
  const id = normalizeArxivId(hf.id);
  const title = unwrapText(hf.title);
  if (!id || !title) return undefined;

  const paper: Paper = {
    id,
    title,
    abstract: unwrapText(hf.summary ?? ""),
    authors: (hf.authors ?? []).map(authorName).filter((name) => name !== ""),
    url: arxivAbsUrl(id),
    sources: ["hf"],
  };
  const publishedAt = toIsoDate(hf.publishedAt ?? undefined);
  if (publishedAt) paper.publishedAt = publishedAt;
  if (typeof hf.upvotes === "number" && Number.isFinite(hf.upvotes)) paper.upvotes = Math.max(0, hf.upvotes);
  return paper;
}

function authorName(author: unknown): string {
  if (typeof author === "string") return unwrapText(author);
  if (typeof author !== "object" || author === null || !("name" in author)) return "";
  return typeof author.name === "string" ? unwrapText(author.name) : "";
}

function describeNonArray(json: unknown): string {
  if (typeof json === "object" && json !== null && "error" in json && typeof json.error === "string") {
    return `Hugging Face answered an error instead of daily papers: ${json.error}`;
  }
  const kind = json === null ? "null" : typeof json;
  return `The Hugging Face daily papers answer is not a JSON array of papers (got ${kind})`;
}
