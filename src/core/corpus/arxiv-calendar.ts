import {
  addDays,
  dayOfWeek,
  formatLocalDate,
  instantOfLocal,
  type LocalDate,
  localTimeAt,
} from "../schedule/zoned-time.js";

/** arXiv's clock: its deadlines and announcements are US Eastern times. */
export const ARXIV_TIME_ZONE = "America/New_York";
/** New submissions are announced at 20:00 US Eastern. */
const ANNOUNCEMENT_HOUR = 20;
const SUNDAY = 0;
const FRIDAY = 5;

/**
 * arXiv's holidays, from its own schedule (arxiv-lib's Config/Holidays.pm): weekdays without a
 * submission deadline, so without the announcement that would follow it. Later years come from
 * `ARXIV_HOLIDAYS` until this list is brought up to date.
 */
export const ARXIV_HOLIDAYS: readonly string[] = [
  "2024-01-15",
  "2024-05-22",
  "2024-06-19",
  "2024-07-04",
  "2024-09-02",
  "2024-10-08",
  "2024-11-28",
  "2024-12-25",
  "2024-12-26",
  "2024-12-31",
  "2025-01-01",
  "2025-01-20",
  "2025-06-19",
  "2025-07-04",
  "2025-09-01",
  "2025-11-27",
  "2025-12-25",
  "2025-12-30",
  "2026-01-01",
  "2026-01-19",
  "2026-06-19",
  "2026-07-03",
  "2026-09-07",
  "2026-11-26",
  "2026-12-25",
  "2026-12-29",
  "2026-12-31",
];

/**
 * When arXiv announces new papers: Sunday to Thursday at 20:00 US Eastern, each announcement
 * publishing the submissions of the deadline before it (Monday to Thursday: that day's 14:00
 * deadline; Sunday: Friday's). A holiday has no deadline, so the announcement after it is skipped;
 * there are none on Friday and Saturday evenings.
 */
export class ArxivCalendar {
  readonly #holidays: ReadonlySet<string>;

  constructor(extraHolidays: readonly string[] = []) {
    this.#holidays = new Set([...ARXIV_HOLIDAYS, ...extraHolidays]);
  }

  /** The announcements after `from` and at or before `to`, oldest first. */
  announcementsBetween(from: Date, to: Date): Date[] {
    const found: Date[] = [];
    if (!(to.getTime() > from.getTime())) return found;
    const last = easternDate(to.getTime());
    for (
      let day = easternDate(from.getTime());
      formatLocalDate(day) <= formatLocalDate(last);
      day = addDays(day, 1)
    ) {
      if (!this.announces(day)) continue;
      const at = instantOfLocal(day, ANNOUNCEMENT_HOUR, 0, ARXIV_TIME_ZONE);
      if (at > from.getTime() && at <= to.getTime()) found.push(new Date(at));
    }
    return found;
  }

  /** Whether arXiv announces on the evening of `day` (a US Eastern date). */
  announces(day: LocalDate): boolean {
    const weekday = dayOfWeek(day);
    if (weekday === FRIDAY || weekday === FRIDAY + 1) return false;
    const deadline = weekday === SUNDAY ? addDays(day, -2) : day;
    return !this.#holidays.has(formatLocalDate(deadline));
  }
}

function easternDate(instant: number): LocalDate {
  const { year, month, day } = localTimeAt(instant, ARXIV_TIME_ZONE);
  return { year, month, day };
}
