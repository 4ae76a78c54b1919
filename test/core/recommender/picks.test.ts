import { describe, expect, it } from "vitest";
import { CandidatePool } from "../../../src/core/recommender/candidate-pool.js";
import { createDigestComposer } from "../../../src/core/recommender/digest.js";
import { PICK_TUNING, picksWindowStart, rankDailyPicks } from "../../../src/core/recommender/picks.js";
import { buildProfileModel } from "../../../src/core/recommender/profile-model.js";
import { VectorCache } from "../../../src/core/recommender/vector-cache.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import type { Subscription } from "../../../src/core/records.js";
import type { TargetHistory } from "../../../src/core/store/port.js";
import { paper, seedPapers, SUBSCRIPTION, TOPICAL } from "./fixtures.js";

const subscription = SUBSCRIPTION;
const NOW = new Date("2024-12-03T07:00:00Z"); // a Tuesday

function topicalPicks(interests: string[], count: number, lambda: number) {
  const index = TfIdfIndex.build(TOPICAL);
  const vectors = new VectorCache(index);
  const pool = CandidatePool.build(TOPICAL, vectors);
  const model = buildProfileModel({ interests, liked: [], disliked: [] }, vectors);
  return rankDailyPicks(
    pool,
    index,
    { model, sent: [], since: new Date(0), count },
    { ...PICK_TUNING, lambda },
  );
}

describe("rankDailyPicks", () => {
  it("does not give two near-duplicates the top slots when a paper on another topic is close", () => {
    const interests = ["graph neural networks molecular", "reinforcement learning"];
    const plain = topicalPicks(interests, 2, 1).map((pick) => pick.paper.id);
    const diverse = topicalPicks(interests, 2, PICK_TUNING.lambda).map((pick) => pick.paper.id);
    expect([...plain].sort()).toEqual(["2401.00001", "2401.00002"]);
    expect(diverse).toContain("2401.00003");
    expect(diverse.filter((id) => id === "2401.00001" || id === "2401.00002")).toHaveLength(1);
  });

  it("explains each pick with the interest it matched and the shared terms", () => {
    const [first] = topicalPicks(["reinforcement learning"], 1, PICK_TUNING.lambda);
    expect(first?.paper.id).toBe("2401.00003");
    expect(first?.interest).toBe("reinforcement learning");
    expect(first?.terms.join(" ")).toMatch(/reinforcement/);
  });

  it("drops papers below the relevance threshold, so a quiet day sends fewer", () => {
    const picks = topicalPicks(["reinforcement learning"], 5, PICK_TUNING.lambda);
    expect(picks.length).toBeLessThan(5);
    expect(picks.every((pick) => pick.score >= PICK_TUNING.threshold)).toBe(true);
  });
});

describe("picksWindowStart", () => {
  it("looks back three days for a target that never had a digest", () => {
    expect(picksWindowStart(undefined, NOW).toISOString()).toBe("2024-11-30T07:00:00.000Z");
  });

  it("starts shortly before the last delivery, never more than a week back", () => {
    expect(picksWindowStart("2024-12-02T07:00:00Z", NOW).toISOString()).toBe("2024-11-30T07:00:00.000Z");
    expect(picksWindowStart("2024-10-01T07:00:00Z", NOW).toISOString()).toBe("2024-11-26T07:00:00.000Z");
  });
});

describe("createDigestComposer", () => {
  const key = "telegram:user:42";

  function setup(papers = seedPapers(), interests = ["large language models", "video generation", "agents"]) {
    const index = TfIdfIndex.build(papers);
    const profile = { interests, liked: [], disliked: [], updatedAt: "" };
    const history: TargetHistory = { sent: [] };
    const composer = createDigestComposer({ index, papers: () => papers });
    const compose = (sub: Subscription, options: { now: Date; late: boolean }) =>
      composer({ key, subscription: sub, profile, history }, options);
    return { history, compose };
  }

  it("titles the digest with the subscriber's local day and gives each card its buttons", () => {
    const { compose } = setup();
    const plan = compose(subscription, { now: NOW, late: false });
    expect(plan.reply?.title).toBe("Your papers for Tue 3 Dec");
    expect(plan.papers.map((p) => p.id)).toHaveLength(5);
    const card = plan.reply?.cards[0];
    expect(card?.why).toMatch(/^matches your interest “/);
    expect(card?.buttons.map((b) => b.action)).toEqual([
      `like:${card?.id}`,
      `dislike:${card?.id}`,
      `similar:${card?.id}`,
      `save:${card?.id}`,
    ]);
  });

  it("says so when the digest is late", () => {
    const { compose } = setup();
    const plan = compose(subscription, { now: NOW, late: true });
    expect(plan.reply?.lines.join(" ")).toMatch(/late/);
  });

  it("never sends a paper twice across days", () => {
    const { history, compose } = setup();
    const seen = new Set<string>();
    for (let day = 0; day < 6; day++) {
      const now = new Date(NOW.getTime() + day * 86_400_000);
      const plan = compose(subscription, { now, late: false });
      for (const { id } of plan.papers) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      history.sent.push(...plan.papers.map((p) => p.id));
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it("only picks papers new since the window start (undated ones always count)", () => {
    const papers = [
      paper(
        "2411.00001",
        "Reinforcement learning for robots",
        "Reinforcement learning for robot control.",
        "2024-11-02T00:00:00Z",
      ),
      paper(
        "2412.00001",
        "Reinforcement learning for games",
        "Reinforcement learning agents play games.",
        "2024-12-02T00:00:00Z",
      ),
      paper("2412.00002", "Reinforcement learning for chips", "Reinforcement learning places chip layouts."),
    ];
    const { compose } = setup(papers, ["reinforcement learning"]);
    expect(
      compose(subscription, { now: NOW, late: false })
        .papers.map((p) => p.id)
        .sort(),
    ).toEqual(["2412.00001", "2412.00002"]);
  });

  it("sends a short note on a quiet day when the subscriber wants one, and nothing otherwise", () => {
    const { history, compose } = setup();
    history.sent = seedPapers().map((p) => p.id);
    const withNote = compose(subscription, { now: NOW, late: false });
    expect(withNote.papers.map((p) => p.id)).toEqual([]);
    expect(withNote.reply?.lines.join(" ")).toMatch(
      /Nothing new arrived from any source since your last digest/,
    );
    expect(compose({ ...subscription, quietNote: false }, { now: NOW, late: false }).reply).toBeNull();
  });
});
