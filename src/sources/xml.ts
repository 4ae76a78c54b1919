import { XMLParser, XMLValidator } from "fast-xml-parser";
import { MalformedPayloadError } from "./errors.js";

/** One parsed XML element: child elements by local name, attributes as `@_name`, text as `#text`. */
export type XmlNode = Record<string, unknown>;

/**
 * Parses a feed into plain objects after checking it is well-formed, so a truncated or garbled
 * answer fails loudly instead of yielding half a feed. Namespace prefixes are dropped
 * (`arxiv:primary_category` → `primary_category`) and values stay strings.
 */
export function parseXml(xml: string, what: string, repeatedTags: readonly string[]): XmlNode {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line } = verdict.err;
    throw new MalformedPayloadError(`${what} is not well-formed XML: ${msg} (line ${line})`);
  }
  const repeated = new Set(repeatedTags);
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (tagName) => repeated.has(tagName),
  });
  const parsed: unknown = parser.parse(xml);
  return isNode(parsed) ? parsed : {};
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The child element, if it is an element. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  return isNode(value) ? value : undefined;
}

/** The repeated children (declared in `repeatedTags`), skipping anything that is not an element or text. */
export function children(node: XmlNode, name: string): unknown[] {
  const value = node[name];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The text of an element, whether or not it carries attributes; "" when there is none. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isNode(value)) return textOf(value["#text"]);
  return "";
}

export function attr(value: unknown, name: string): string | undefined {
  if (!isNode(value)) return undefined;
  const found = value[`@_${name}`];
  return typeof found === "string" ? found : undefined;
}
