import { readFileSync } from "node:fs";
import { parseHfPapersPage } from "../../../src/core/corpus/hf-page.js";
import type { Paper } from "../../../src/core/paper.js";
import type { Subscription } from "../../../src/core/records.js";

/** A daily digest of 5 at 08:00 in Paris that wants a note on quiet days. */
export const SUBSCRIPTION: Subscription = {
  time: "08:00",
  timezone: "Europe/Paris",
  days: "daily",
  count: 5,
  quietNote: true,
  chatId: "42",
  ownerId: "42",
  createdAt: "2024-11-01T00:00:00.000Z",
};

/** The bundled seed corpus: 119 undated papers. */
export function seedPapers(): Paper[] {
  return parseHfPapersPage(
    readFileSync(new URL("../../../data/hf-papers-page.txt", import.meta.url), "utf8"),
  );
}

export function paper(id: string, title: string, abstract: string, publishedAt?: string): Paper {
  return {
    id,
    title,
    abstract,
    authors: ["A. Author"],
    sources: ["arxiv"],
    ...(publishedAt ? { publishedAt } : {}),
  };
}

/** Small topical papers: two near-duplicates on graphs, one on reinforcement learning, fillers. */
export const TOPICAL: Paper[] = [
  paper(
    "2401.00001",
    "Graph neural networks for molecular property prediction",
    "We train graph neural networks on molecular graphs to predict molecular properties. Message passing over atoms and bonds improves graph neural networks for chemistry.",
  ),
  paper(
    "2401.00002",
    "Graph neural networks for molecular property prediction at scale",
    "We scale graph neural networks on molecular graphs to predict molecular properties. Message passing over atoms and bonds lets graph neural networks serve chemistry.",
  ),
  paper(
    "2401.00003",
    "Reinforcement learning for robot manipulation",
    "A reinforcement learning agent learns robot manipulation policies from sparse rewards, with reinforcement learning curricula for grasping.",
  ),
  paper(
    "2401.00004",
    "Protein folding with language models",
    "Language models predict protein structure from amino acid sequences.",
  ),
  paper(
    "2401.00005",
    "Weather forecasting with transformers",
    "Transformers forecast global weather from reanalysis data.",
  ),
  paper(
    "2401.00006",
    "Sparse attention for long documents",
    "Sparse attention patterns let transformers read long documents cheaply.",
  ),
  paper(
    "2401.00007",
    "Image segmentation with diffusion",
    "Diffusion models segment medical images with few labels.",
  ),
  paper(
    "2401.00008",
    "Speech recognition in noisy rooms",
    "Robust speech recognition under reverberation and noise.",
  ),
];
