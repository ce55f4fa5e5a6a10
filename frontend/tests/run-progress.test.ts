import { describe, expect, it } from "vitest";
import { aboutDuration, stepTexts, waitingText } from "../src/components/runs/liveText";
import { countsText, progressText, statsText } from "../src/components/runs/runText";
import { searchRunCounts, platformTexts, resultsText } from "../src/pages/results/searchRunText";
import type { Run } from "../src/services/runs";
import { callStats, searchCounts } from "./support/fakeRuns";

const NOW = Date.parse("2026-12-02T10:00:00Z");

function searchRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 7,
    kind: "search",
    status: "running",
    subject_id: 1,
    progress_done: 12,
    progress_total: 40,
    stats: callStats(),
    stats_by_platform: {},
    error: null,
    attempts: 1,
    created_at: "2026-12-02T09:58:00Z",
    started_at: "2026-12-02T09:58:01Z",
    finished_at: null,
    live: {
      steps: [
        { key: "ebay_searches", platform: "ebay", done: 10, total: 30 },
        { key: "discogs_releases", platform: "discogs", done: 2, total: 5 },
        { key: "discogs_inventories", platform: "discogs", done: 0, total: 0 },
      ],
      waiting: { platform: "discogs", until: "2026-12-02T10:00:55Z" },
    },
    ...overrides,
  };
}

describe("a search run's progress", () => {
  it("says what it waits for, and for about how long", () => {
    expect(waitingText(searchRun(), NOW)).toBe("Waiting for Discogs' rate limit, about 1 min");
    expect(progressText(searchRun(), NOW)).toBe("Waiting for Discogs' rate limit, about 1 min");
    const ebay = searchRun({ live: { steps: [], waiting: { platform: "ebay", until: "2026-12-02T10:00:12Z" } } });
    expect(progressText(ebay, NOW)).toBe("Waiting for eBay's rate limit, about 15 s");
  });

  it("goes back to counting sources once the wait is over", () => {
    expect(waitingText(searchRun(), NOW + 56_000)).toBeNull();
    expect(progressText(searchRun(), NOW + 56_000)).toBe("Searched 12 of 40 sources");
    expect(progressText(searchRun({ status: "succeeded" }), NOW)).not.toMatch(/Waiting for/);
  });

  it("counts per source, leaving out steps with nothing to do", () => {
    expect(stepTexts(searchRun())).toEqual(["eBay searches: 10 of 30", "Discogs releases checked: 2 of 5"]);
  });

  it("rounds a wait the way people say it", () => {
    expect(aboutDuration(2)).toBe("about 5 s");
    expect(aboutDuration(41)).toBe("about 45 s");
    expect(aboutDuration(55)).toBe("about 1 min");
    expect(aboutDuration(150)).toBe("about 3 min");
  });
});

describe("a finished search run", () => {
  it("adds up: the new listings of the platforms make the run's new listings", () => {
    const run = searchRun({
      status: "succeeded",
      live: null,
      search: searchCounts({
        results: 12,
        new_results: 8,
        gone_results: 1,
        platforms: {
          discogs: { seen: 40, results: 4, new: 2, new_listings: 1, changed: 0, gone: 1, failed_sources: 0, absent_sellers: 0 },
          ebay: { seen: 90, results: 8, new: 6, new_listings: 6, changed: 1, gone: 0, failed_sources: 0, absent_sellers: 0 },
        },
      }),
      stats: callStats({ calls: 42, retries: 1, waited_seconds: 61 }),
      stats_by_platform: { ebay: callStats({ calls: 30 }), discogs: callStats({ calls: 12 }) },
    });
    const counts = searchRunCounts(run);
    expect(resultsText(counts)).toBe("12 listings for sale: 8 new, 1 gone");
    expect(platformTexts(counts)).toEqual(["Discogs: 40 seen, 2 new, 0 changed, 1 gone", "eBay: 90 seen, 6 new, 1 changed, 0 gone"]);
    expect(statsText(run)).toBe("42 upstream calls, 1 retry, 1 min 1 s waiting for the rate limit");
    expect(countsText(run)).toBe("12 listings for sale: 8 new, 1 gone");
  });
});

describe("a run that waits", () => {
  it("says when a sync failed by the marketplace is tried again", () => {
    const run = searchRun({ kind: "sync_wants", status: "queued", live: null, retry_at: "2026-12-02T10:02:00Z", error: "Discogs: 503 (attempt 1 of 3; trying again shortly)" });
    expect(progressText(run, NOW)).toBe("The marketplace failed; trying again in about 2 min");
    expect(progressText({ ...run, retry_at: null }, NOW)).toBe("Waiting to start…");
  });

  it("counts results of sources the search no longer reads as gone", () => {
    const run = searchRun({ status: "succeeded", live: null, search: searchCounts({ results: 3, new_results: 1, gone_results: 1, ended_results: 2 }) });
    expect(resultsText(searchRunCounts(run))).toBe("3 listings for sale: 1 new, 3 gone");
    expect(countsText(run)).toBe("3 listings for sale: 1 new, 3 gone");
  });
});

describe("a basket plan run", () => {
  const planRun = (overrides: Partial<Run>) => searchRun({ kind: "basket_plan", live: null, progress_done: 0, progress_total: 2, ...overrides });

  it("says which step the solver is on, then what it planned and how long it took", () => {
    expect(progressText(planRun({}), NOW)).toBe("Working out the cheapest plan…");
    expect(progressText(planRun({ progress_done: 1 }), NOW)).toBe("Working out the cost by number of parcels…");
    const done = planRun({
      status: "succeeded",
      progress_done: 2,
      basket_plan: { plan_id: 4, status: "optimal", total: "79.50", seller_count: 2, wants_planned: 3, solve_seconds: 0.42 },
    });
    expect(countsText(done)).toBe("3 wanted records planned, from 2 sellers");
    expect(statsText(done)).toBe("Solved in 0.4 s");
  });
});
