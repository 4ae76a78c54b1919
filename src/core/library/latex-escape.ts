/**
 * LaTeX for characters that are markup in BibTeX values. Everything else, accents and CJK included, is
 * written as UTF-8, which biber, modern BibTeX and every reference manager read.
 */
const ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "%": "\\%",
  "&": "\\&",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // citation-js's writer would read "<i>…</i>" as markup and turn it into \textit; the text is kept.
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

/**
 * `text` as the value of a BibTeX field that is read as LaTeX (title, abstract, names): braces stay
 * balanced, and `$`, `%`, `\`, "--"… come back as the characters they were. Math in a stored title
 * ("$\alpha$") is therefore written as the text it is, not as math.
 */
export function escapeLatex(text: string): string {
  return (
    text
      .replace(/[\\{}%&$#_~^<>]/g, (char) => ESCAPES[char] ?? char)
      // TeX ligatures: "--" would come back as "–", "``" and "''" as curly quotes, "?`" as "¿".
      .replace(/-(?=-)/g, "-{}")
      .replace(/`(?=`)/g, "`{}")
      .replace(/'(?=')/g, "'{}")
      .replace(/([?!])(?=`)/g, "$1{}")
  );
}

/**
 * A URL for BibTeX's verbatim `url` field, where only braces matter: characters that could unbalance
 * them (or end the value) are percent-encoded, as they would be in any well-formed URL.
 */
export function escapeUrl(url: string): string {
  return url.replace(
    /[{}\\\s]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
