// citation-js ships no types. Only what src/core/library/citation-js.ts uses is declared; every value
// that comes back is `unknown` and checked where it is read.

declare module "@citation-js/core" {
  export const plugins: {
    input: {
      /** Runs the parser registered for `type` (e.g. "@biblatex/text") on `input`; throws on bad input. */
      data(input: unknown, type: string): unknown;
      /** The registered input type `input` looks like, e.g. "@ris/old+record". */
      type(input: unknown): string;
      util: {
        /** Drops or repairs fields of CSL items that do not fit the CSL schema. */
        clean(items: unknown[]): unknown[];
      };
    };
    output: {
      /**
       * Runs the writer registered as `name` ("bibtex", "ris", "data") on CSL items. `format: "object"`
       * gives the writer's structured form (BibTeX entries, RIS tag records), "text" the file text.
       */
      format(name: string, items: unknown[], options?: { format?: "object" | "text" }): unknown;
    };
    config: {
      /** A plugin's settings object, e.g. "@bibtex" → { format: { asciiOnly, … }, … }; mutable. */
      get(ref: string): unknown;
    };
  };
  export const logger: {
    /** Every message logged so far, kept even when the level is "silent". */
    _log: unknown[];
  };
}

// Imported for their side effect: registering the BibTeX and RIS formats (readers and writers).
declare module "@citation-js/plugin-bibtex" {}
declare module "@citation-js/plugin-ris" {}
