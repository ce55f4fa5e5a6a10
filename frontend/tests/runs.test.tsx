import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FakeBackend } from "./support/fakeBackend";
import { wants } from "./support/fixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";
import { callStats, searchCounts } from "./support/fakeRuns";

function addFinishedRuns(backend: FakeBackend) {
  backend.runStore.add({
    kind: "sync_wants",
    status: "succeeded",
    created_at: "2025-02-01T09:00:00Z",
    started_at: "2025-02-01T09:00:01Z",
    finished_at: "2025-02-01T09:00:43Z",
    progress_done: 4,
    progress_total: 4,
    sync: { added: 12, updated: 2, removed: 1, unchanged: 85, total: 99 },
    stats: callStats({ calls: 5, retries: 2, http_429: 2, waited_seconds: 12.5 }),
  });
  backend.runStore.add({
    kind: "sync_collection",
    status: "failed",
    created_at: "2025-02-02T09:00:00Z",
    started_at: "2025-02-02T09:00:00Z",
    finished_at: "2025-02-02T09:03:05Z",
    attempts: 3,
    error: "Discogs did not accept the stored credentials",
    stats: callStats({ calls: 1 }),
  });
}

async function runCards() {
  const list = await screen.findByRole("list", { name: "Runs" });
  await waitFor(() => { expect(list).toHaveAttribute("aria-busy", "false"); });
  return within(list).getAllByRole("article");
}

describe("runs", () => {
  it("shows every run with its status, duration, changes, upstream cost and error", async () => {
    const backend = startBackend();
    addFinishedRuns(backend);
    signIn(backend);
    renderApp("/runs");

    const [failed, succeeded] = await runCards();
    expect(failed).toHaveAccessibleName("Collection sync #2");
    const failedCard = within(failed!);
    expect(failedCard.getByText("Failed")).toBeInTheDocument();
    expect(failedCard.getByText("Took").nextElementSibling).toHaveTextContent("3 min 5 s");
    expect(failedCard.getByText("Attempts").nextElementSibling).toHaveTextContent("3");
    expect(failedCard.getByText(/Error:/).parentElement).toHaveTextContent("Error: Discogs did not accept the stored credentials");
    expect(failedCard.queryByText("Changes")).not.toBeInTheDocument();

    expect(succeeded).toHaveAccessibleName("Want list sync #1");
    const card = within(succeeded!);
    expect(card.getByText("Succeeded")).toBeInTheDocument();
    expect(card.getByText("Took").nextElementSibling).toHaveTextContent("42 s");
    expect(card.getByText("Changes").nextElementSibling).toHaveTextContent("12 added, 2 updated, 1 removed (99 in total)");
    expect(card.getByText("Upstream").nextElementSibling).toHaveTextContent(
      "5 upstream calls, 2 retries, 2 times rate limited, 13 s waiting for the rate limit",
    );
    expect(card.queryByText("Attempts")).not.toBeInTheDocument();
    expect(card.queryByText(/Error:/)).not.toBeInTheDocument();
  });

  it("shows a search run's counts per source, with the inventories read from the shared crawl", async () => {
    const backend = startBackend();
    const counts = { results: 0, new: 0, new_listings: 0, changed: 0, gone: 0, failed_sources: 0, absent_sellers: 0 };
    backend.runStore.add({
      kind: "search",
      status: "succeeded",
      subject_id: 1,
      search: searchCounts({
        results: 40,
        new_results: 40,
        platforms: {
          ebay: { ...counts, seen: 12, new: 12 },
          discogs: { ...counts, seen: 28, new: 27, changed: 1, failed_sources: 1, absent_sellers: 3 },
        },
        stored_inventories: 3,
      }),
      stats: callStats({ calls: 9 }),
    });
    backend.runStore.add({
      kind: "search",
      status: "succeeded",
      subject_id: 1,
      search: searchCounts({ results: 2, platforms: { ebay: { ...counts, seen: 2 } } }),
    });
    signIn(backend);
    renderApp("/runs");

    const [plain, withStored] = await runCards();
    const sources = within(withStored!).getByRole("list", { name: "Counts per source" });
    expect(within(sources).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Discogs: 28 seen, 27 new, 1 changed, 0 gone (1 source failed; 3 eBay sellers not on Discogs by that name)",
      "eBay: 12 seen, 12 new, 0 changed, 0 gone",
      "3 seller inventories read from the shared crawl",
    ]);
    // A run that read no stored inventory does not mention them.
    const none = within(plain!).getByRole("list", { name: "Counts per source" });
    expect(none).not.toHaveTextContent("shared crawl");
    expect(within(none).getAllByRole("listitem")).toHaveLength(1);
  });

  it("follows a running run live and shows how it ended", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.discogs.wants = wants(1);
    addFinishedRuns(backend);
    const running = backend.startSync("wants");
    backend.runStore.advance(running.id);
    signIn(backend);
    renderApp("/runs");

    const [card] = await runCards();
    const live = within(card!);
    expect(live.getByText("Running")).toBeInTheDocument();
    expect(live.getByText("Running for")).toBeInTheDocument();
    expect(await live.findByText("Starting…")).toBeInTheDocument();

    backend.runStore.advance(running.id);
    expect(await live.findByText("Page 1 of 3")).toBeInTheDocument();
    expect(live.getByRole("progressbar", { name: "Want list sync progress" })).toHaveAttribute("aria-valuenow", "1");

    backend.runStore.finish(running.id);
    await waitFor(() => { expect(within(screen.getAllByRole("article")[0]!).getByText("Succeeded")).toBeInTheDocument(); });
    const done = within(screen.getAllByRole("article")[0]!);
    expect(done.getByText("Changes").nextElementSibling).toHaveTextContent("1 added, 0 updated, 0 removed (1 in total)");
    expect(done.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("pages through the runs and filters them by kind in the address", async () => {
    const backend = startBackend();
    for (let index = 0; index < 23; index += 1) {
      backend.runStore.add({ kind: index % 2 === 0 ? "sync_wants" : "sync_collection", status: "succeeded", sync: { added: index, updated: 0, removed: 0, unchanged: 0, total: index } });
    }
    signIn(backend);
    const { user, router } = renderApp("/runs");

    expect(await runCards()).toHaveLength(20);
    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("1–20 of 23 runs");
    await user.click(within(pagination).getByRole("link", { name: "Next page" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?page=2"); });
    await waitFor(async () => { expect(await runCards()).toHaveLength(3); });
    expect((await runCards())[0]).toHaveAccessibleName("Want list sync #3");

    await user.selectOptions(screen.getByLabelText("Show"), "sync_wants");
    await waitFor(() => { expect(router.state.location.search).toBe("?kind=sync_wants"); });
    await waitFor(() => { expect(screen.getByRole("navigation", { name: "Pagination" })).toHaveTextContent("1–12 of 12 runs"); });
    const names = (await runCards()).map((card) => within(card).getByRole("heading").textContent);
    expect(names.every((name) => name.startsWith("Want list sync"))).toBe(true);
  });

  it("says when a sync the marketplace failed is tried again", async () => {
    const backend = startBackend();
    backend.runStore.add({
      kind: "sync_wants",
      status: "queued",
      attempts: 1,
      started_at: "2025-02-01T09:00:01Z",
      retry_at: new Date(Date.now() + 120_000).toISOString(),
      error: "Discogs: the service did not answer (attempt 1 of 3; trying again shortly)",
    });
    signIn(backend);
    renderApp("/runs");

    const [waiting] = await runCards();
    const card = within(waiting!);
    expect(card.getByText("Queued")).toBeInTheDocument();
    expect(card.getByText("The marketplace failed; trying again in about 2 min")).toBeInTheDocument();
    expect(card.getByText(/Last attempt:/).parentElement).toHaveTextContent("attempt 1 of 3");
  });

  it("explains where runs come from when there are none", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/runs");

    expect(await screen.findByRole("heading", { name: "No runs yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "want list" })).toHaveAttribute("href", "/wants");
  });
});
