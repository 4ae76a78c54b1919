/** What a quiet digest knows about why it is quiet. */
export interface QuietDay {
  /** arXiv announcements since the target's last digest (see ArxivCalendar). */
  announcements: number;
  /** New papers the target's picks were chosen from, none of them above the threshold. */
  newPapers: number;
  /** The digest's local weekday, e.g. "Saturday". */
  weekday: string;
}

/**
 * The note of a digest with no picks, saying which of three things happened: arXiv announced
 * nothing, nothing new arrived from any source, or nothing new cleared the relevance threshold.
 */
export function quietNote({ announcements, newPapers, weekday }: QuietDay): string {
  const looked = `${newPapers} new paper${newPapers === 1 ? "" : "s"}`;
  if (announcements === 0) {
    const schedule = "(it announces Sunday to Thursday evenings, US Eastern)";
    return newPapers === 0
      ? `arXiv announced no new papers for ${weekday} ${schedule}. The next digest brings its next announcement.`
      : `arXiv announced no new papers for ${weekday} ${schedule}, and none of the ${looked} from other sources matched your interests closely enough.`;
  }
  if (newPapers === 0)
    return "Nothing new arrived from any source since your last digest. /status shows when each source last brought papers.";
  return `Nothing above your threshold today: none of the ${looked} matched your interests closely enough.`;
}
