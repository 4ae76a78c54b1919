/** A checked command-line value, or the message that names the valid form. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ARXIV_CATEGORY = /^[a-z]+(-[a-z]+)?(\.[A-Za-z]+(-[A-Za-z]+)?)?$/;
const MAX_CATEGORIES = 50;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1_000;
/** arXiv's first papers. */
const EARLIEST_DAY = "1991-08-01";

/** How a failed category list is told to the user, by where the list came from. */
export interface CategoryMessages {
  /** For names that are not arXiv categories (all of them, in the order given). */
  invalid(names: string[]): string;
  /** For an empty list or one longer than `max`. */
  count(max: number): string;
}

const CATEGORIES_FORM = "give arXiv categories separated by commas, e.g. --categories cs.LG,cs.CL";

/** The wording for the `--categories` command-line option. */
export const CATEGORIES_OPTION_MESSAGES: CategoryMessages = {
  invalid: (names) => `${quoted(names.slice(0, 3).join(", "))} is not an arXiv category: ${CATEGORIES_FORM}`,
  count: (max) => `--categories needs 1 to ${max} categories: ${CATEGORIES_FORM}`,
};

/**
 * `cs.LG,cs.CL` → `["cs.LG", "cs.CL"]`, duplicates dropped; 1 to 50 arXiv categories. `messages`
 * words the refusal for where the list came from (the `--categories` option by default).
 */
export function checkCategories(
  raw: string,
  messages: CategoryMessages = CATEGORIES_OPTION_MESSAGES,
): Checked<string[]> {
  const categories = [
    ...new Set(
      raw
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  const invalid = categories.filter((category) => !ARXIV_CATEGORY.test(category));
  if (invalid.length > 0) return { ok: false, message: messages.invalid(invalid) };
  if (categories.length === 0 || categories.length > MAX_CATEGORIES) {
    return { ok: false, message: messages.count(MAX_CATEGORIES) };
  }
  return { ok: true, value: categories };
}

/** A real calendar day `YYYY-MM-DD` between arXiv's first papers and tomorrow (UTC, for far-east users). */
export function checkDay(raw: string, now: Date): Checked<string> {
  const form = "give a day as YYYY-MM-DD, e.g. --date 2024-10-25";
  const match = DAY.exec(raw.trim());
  const day = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
  const time = day ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (!day || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
    return { ok: false, message: `${quoted(raw)} is not a calendar day: ${form}` };
  }
  if (time > now.getTime() + DAY_MS) return { ok: false, message: `${day} is in the future: ${form}` };
  if (day < EARLIEST_DAY)
    return { ok: false, message: `${day} is before arXiv's first papers (${EARLIEST_DAY})` };
  return { ok: true, value: day };
}

function quoted(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(short);
}
