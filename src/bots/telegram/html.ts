/**
 * A tiny tree of Telegram HTML. Text stays plain until `toHtml` escapes it, so a message can be
 * measured by what the reader sees (Telegram's 4096 limit counts text after entity parsing) and
 * cut anywhere without breaking a tag or an `&amp;`.
 */
import { safeHttpUrl } from "../url.js";

export type HtmlNode =
  | string
  | { tag: "b" | "i" | "code"; children: HtmlNode[] }
  | { tag: "a"; href: string; children: HtmlNode[] };

const ELLIPSIS = "…";

/** Escapes text for Telegram's HTML parse mode, including `"` so it is also safe inside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export const bold = (...children: HtmlNode[]): HtmlNode => ({ tag: "b", children });
export const italic = (...children: HtmlNode[]): HtmlNode => ({ tag: "i", children });
export const code = (...children: HtmlNode[]): HtmlNode => ({ tag: "code", children });

/** A link when the URL is a safe http(s) URL, the bare text otherwise. */
export function link(url: string | undefined, ...children: HtmlNode[]): HtmlNode {
  const href = safeHttpUrl(url);
  return href ? { tag: "a", href, children } : { tag: "b", children };
}

/** The number of UTF-16 units the reader sees once Telegram has parsed the HTML. */
export function visibleLength(nodes: HtmlNode[]): number {
  let total = 0;
  for (const node of nodes) total += typeof node === "string" ? node.length : visibleLength(node.children);
  return total;
}

export function toHtml(nodes: HtmlNode[]): string {
  return nodes.map(nodeToHtml).join("");
}

function nodeToHtml(node: HtmlNode): string {
  if (typeof node === "string") return escapeHtml(node);
  const inner = toHtml(node.children);
  if (node.tag === "a") return `<a href="${escapeHtml(node.href)}">${inner}</a>`;
  return `<${node.tag}>${inner}</${node.tag}>`;
}

/**
 * Keeps at most `budget` visible UTF-16 units, ending with "…" when something was cut. Tags stay
 * balanced because whole nodes are kept or rebuilt, and a surrogate pair is never split.
 */
export function truncateNodes(nodes: HtmlNode[], budget: number): HtmlNode[] {
  if (visibleLength(nodes) <= budget) return nodes;
  if (budget < ELLIPSIS.length) return [];
  const kept = keepPrefix(nodes, budget - ELLIPSIS.length);
  return [...kept, ELLIPSIS];
}

function keepPrefix(nodes: HtmlNode[], budget: number): HtmlNode[] {
  const kept: HtmlNode[] = [];
  let left = budget;
  for (const node of nodes) {
    if (left <= 0) break;
    const length = visibleLength([node]);
    if (length <= left) {
      kept.push(node);
      left -= length;
      continue;
    }
    const cut =
      typeof node === "string" ? cutText(node, left) : { ...node, children: keepPrefix(node.children, left) };
    if (visibleLength([cut]) > 0) kept.push(cut);
    break;
  }
  return kept;
}

function cutText(text: string, budget: number): string {
  let end = Math.min(budget, text.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd();
}
