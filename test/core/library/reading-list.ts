import type { Paper } from "../../../src/core/paper.js";

/** What importing an exported paper should give back: the fields `parseLibrary` reads. */
export interface ExpectedEntry {
  title: string;
  authors: string[];
  year?: number;
  arxivId?: string;
  abstract?: string;
}

const LLAMA_AUTHORS = [
  "Hugo Touvron",
  "Louis Martin",
  "Kevin Stone",
  "Peter Albert",
  "Amjad Almahairi",
  "Yasmine Babaei",
  "Nikolay Bashlykov",
  "Soumya Batra",
  "Prajjwal Bhargava",
  "Shruti Bhosale",
  "Dan Bikel",
  "Lukas Blecher",
  "Cristian Canton Ferrer",
  "Moya Chen",
  "Guillem Cucurull",
  "David Esiobu",
  "Jude Fernandes",
  "Jeremy Fu",
  "Wenyin Fu",
  "Brian Fuller",
  "Cynthia Gao",
  "Vedanuj Goswami",
  "Naman Goyal",
  "Anthony Hartshorn",
  "Saghar Hosseini",
  "Rui Hou",
  "Hakan Inan",
  "Marcin Kardas",
  "Viktor Kerkez",
  "Madian Khabsa",
];

// Wrapped the way arXiv's feeds wrap abstracts.
const LONG_ABSTRACT = `In this work, we develop and release Llama 2, a collection of pretrained and
fine-tuned large language models (LLMs) ranging in scale from 7 billion to 70 billion parameters.
Our fine-tuned LLMs, called Llama 2-Chat, are optimized for dialogue use cases. Our models
outperform open-source chat models on most benchmarks we tested, and based on our human
evaluations for helpfulness and safety, may be a suitable substitute for closed-source models. We
provide a detailed description of our approach to fine-tuning and safety improvements of Llama
2-Chat in order to enable the community to build on our work and contribute to the responsible
development of LLMs. Pretraining used 2 trillion tokens; the context length doubled to 4096 tokens,
and grouped-query attention (GQA) makes inference of the 34B and 70B models cheaper. Reward models
for helpfulness and safety were trained separately, and rejection sampling followed by PPO was
applied over five rounds of RLHF. We report results on commonsense reasoning, world knowledge,
reading comprehension, math, code, and the MMLU, BBH and AGIEval suites, with red-teaming that
involved more than 350 people from security, legal, policy, civil rights, ethics, software
engineering, machine learning, responsible AI and creative writing.`;

/**
 * A realistic reading list that exercises what an export must carry: accents and CJK, LaTeX's special
 * characters, a long wrapped abstract with thirty authors, a paper from Hugging Face without an arXiv
 * id, a paper without a date, and an old-style arXiv id with a particle and a suffix in its names.
 */
export const READING_LIST: Paper[] = [
  {
    id: "2410.01234",
    title: "Zürich to 東京: Über-Multilingual Retrieval with Müller's Estimator",
    abstract:
      "We study cross-lingual retrieval between German, Chinese (中文) and Japanese (日本語) queries.",
    authors: ["Jörg Müller", "Tomáš Kočiský", "Hervé Jégou", "王小明", "Ludwig van Beethoven"],
    publishedAt: "2024-10-03T17:59:59Z",
    url: "https://arxiv.org/abs/2410.01234",
    categories: ["cs.CL", "cs.IR"],
    sources: ["arxiv"],
  },
  {
    id: "2305.01234",
    title: `Sparse {Experts} at 100% Recall & $k$ Costs: #1 on the "A_B" Benchmark -- \`\`Almost'' ~Free^2`,
    abstract:
      "Routing cost is O(k) per token with 50% fewer FLOPs & no loss; see {appendix} #2, " +
      "file_name_v2 and the --fast flag. Costs ~$3 per run^2.",
    authors: ["Łukasz Kaiser", "Noam Shazeer"],
    publishedAt: "2023-05-02",
    categories: ["cs.LG"],
    sources: ["arxiv"],
  },
  {
    id: "2307.09288",
    title: "Llama 2: Open Foundation and Fine-Tuned Chat Models",
    abstract: LONG_ABSTRACT,
    authors: LLAMA_AUTHORS,
    publishedAt: "2023-07-18T14:31:57Z",
    categories: ["cs.CL", "cs.AI"],
    sources: ["arxiv", "hf"],
  },
  {
    id: "hf-open-reasoner-7f3a9c",
    title: "Open Reasoner: A Technical Report on Open-Weight Reasoning Models",
    abstract: "A report on training open-weight reasoning models with verifiable rewards.",
    authors: ["María José García", "Plato"],
    publishedAt: "2025-01-20T09:00:00Z",
    url: "https://huggingface.co/papers/open-reasoner?utm_source=digest&ref=a_b%20c",
    sources: ["hf"],
  },
  {
    id: "1706.03762",
    title: "Attention Is All You Need",
    abstract: "The dominant sequence transduction models are based on complex recurrent networks.",
    authors: ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Łukasz Kaiser", "Illia Polosukhin"],
    categories: ["cs.CL"],
    sources: ["seed"],
  },
  {
    id: "hep-th/9711200",
    title: "The Large N Limit of Superconformal Field Theories and Supergravity",
    abstract: "We show that the large N limit of certain conformal field theories includes gravity.",
    authors: ["Juan Martín Maldacena", "Jan de Boer", "Martin Luther King Jr."],
    publishedAt: "1997-11-27T00:00:00Z",
    categories: ["hep-th"],
    sources: ["arxiv"],
  },
];

/**
 * What an import of any export of READING_LIST gives. Everything is as stored, except that the
 * importer collapses whitespace (the long abstract's line breaks become spaces).
 */
export const EXPECTED_ENTRIES: ExpectedEntry[] = READING_LIST.map((paper, index) => ({
  title: paper.title,
  authors: paper.authors,
  ...(paper.publishedAt === undefined ? {} : { year: Number(paper.publishedAt.slice(0, 4)) }),
  ...(paper.id.startsWith("hf-") ? {} : { arxivId: paper.id }),
  abstract: index === 2 ? LONG_ABSTRACT.replace(/\s+/g, " ") : paper.abstract,
}));
