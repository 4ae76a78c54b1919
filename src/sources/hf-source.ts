import type { Paper } from "../core/paper.js";
import { MalformedPayloadError } from "./errors.js";
import { parseHfDailyPapers } from "./hf-daily-papers.js";
import { withinDeadline } from "./deadline.js";
import type { HttpClient } from "./http.js";
import type { FetchPapersOptions, PaperSource } from "./port.js";
import { sourceUrl } from "./url.js";
import { errorMessage } from "../core/error-message.js";

export interface HfSourceOptions {
  /** `HF_API_ROOT`, e.g. `https://huggingface.co`. */
  apiRoot: string;
  http: HttpClient;
  /** Deadline of each run (INGEST_TIMEOUT); none when absent. */
  deadlineMs?: number;
}

/** Hugging Face Daily Papers: `GET <apiRoot>/api/daily_papers?date=YYYY-MM-DD` (latest list without a date). */
export class HfDailyPapersSource implements PaperSource {
  readonly name = "hf";

  constructor(private readonly options: HfSourceOptions) {}

  fetch(options: FetchPapersOptions): Promise<Paper[]> {
    return withinDeadline(options, this.options.deadlineMs, async ({ date, signal, deadline }) => {
      const url = sourceUrl(this.options.apiRoot, "api/daily_papers", date ? { date } : {});
      const text = await this.options.http.getText(url, { signal, deadline });
      return parseHfDailyPapers(parseJson(text));
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    throw new MalformedPayloadError(`The Hugging Face daily papers answer is not valid JSON: ${reason}`, {
      cause: error,
    });
  }
}
