import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { wants } from "./support/fixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

async function setupSteps() {
  const list = await screen.findByRole("list", { name: "Setup steps" });
  return within(list)
    .getAllByRole("listitem")
    .map((item) => item.querySelector("p")!.textContent);
}

describe("dashboard", () => {
  it("starts a new account on linking Discogs", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/dashboard");

    expect(await setupSteps()).toEqual([
      "Link your Discogs account: to do",
      "Sync your want list: to do",
      "Create a saved search: to do",
      "Add your eBay API keys (optional): to do",
    ]);
    expect(screen.getByText("0 of 3 steps done.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Link Discogs" })).toHaveAttribute("href", "/settings#credentials");
    expect(screen.getByText("Starts by itself once Discogs is linked.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create a search" })).toHaveAttribute("href", "/searches/new");
    expect(within(screen.getByRole("region", { name: "Recent runs" })).getByText(/Nothing has run yet/)).toBeInTheDocument();
  });

  it("ticks off each step from the account's real state", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    signIn(backend);
    renderApp("/dashboard");

    expect(await setupSteps()).toEqual([
      "Link your Discogs account: done",
      "Sync your want list: to do",
      "Create a saved search: to do",
      "Add your eBay API keys (optional): to do",
    ]);
    expect(screen.getByText("1 of 3 steps done.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "want list" })).toHaveAttribute("href", "/wants");
  });

  it("shows the counts and the latest runs, and hides the steps once all are done", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.credentials.ebay = { ...backend.credentials.ebay, configured: true };
    backend.wants = wants(12);
    backend.runStore.add({ kind: "sync_wants", status: "succeeded", sync: { added: 12, updated: 0, removed: 0, unchanged: 0, total: 12 }, finished_at: "2025-03-01T09:00:00Z" });
    backend.runStore.add({ kind: "sync_collection", status: "failed", error: "Discogs is down", finished_at: "2025-03-01T09:05:00Z" });
    const now = backend.clock();
    backend.searches.push({
      id: 1,
      name: "Wants",
      criteria: { want_list: true, any_pressing: false, currency: "EUR", platforms: ["discogs"], keywords: null },
      check_interval_hours: 24,
      is_active: true,
      last_run_at: null,
      next_run_at: now,
      created_at: now,
      updated_at: now,
    });
    signIn(backend);
    renderApp("/dashboard");

    const runs = await screen.findByRole("list", { name: "Recent runs" });
    const [collection, wantList] = within(runs).getAllByRole("listitem");
    expect(collection).toHaveTextContent("Collection sync");
    expect(collection).toHaveTextContent("Discogs is down");
    expect(within(collection!).getByText("Failed")).toBeInTheDocument();
    expect(wantList).toHaveTextContent("12 added, 0 updated, 0 removed (12 in total)");
    expect(within(wantList!).getByText("Succeeded")).toBeInTheDocument();

    const stats = within(screen.getByRole("region", { name: "Your library" }));
    await waitFor(() => { expect(stats.getByRole("link", { name: /Want list/ })).toHaveTextContent("Want list12"); });
    expect(stats.getByRole("link", { name: /Collection/ })).toHaveTextContent("Collection0");
    expect(stats.getByRole("link", { name: /Saved searches/ })).toHaveTextContent("Saved searches1");
    expect(screen.queryByRole("region", { name: "Get set up" })).not.toBeInTheDocument();
  });

  it("shows a sync in progress live", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.discogs.wants = wants(2);
    const running = backend.startSync("wants");
    signIn(backend);
    renderApp("/dashboard");

    const runs = await screen.findByRole("list", { name: "Recent runs" });
    expect(within(runs).getByRole("listitem")).toHaveTextContent("Waiting to start…");
    backend.runStore.advance(running.id);
    backend.runStore.advance(running.id);
    await waitFor(() => { expect(within(runs).getByRole("listitem")).toHaveTextContent("Page 1 of 3"); });
    backend.runStore.finish(running.id);

    await waitFor(() => { expect(within(runs).getByRole("listitem")).toHaveTextContent("2 added"); });
    // The finished sync filled the want list: the step and the count follow.
    await waitFor(() => { expect(within(screen.getByRole("region", { name: "Your library" })).getByRole("link", { name: /Want list/ })).toHaveTextContent("Want list2"); });
    expect(await setupSteps()).toContain("Sync your want list: done");
  });
});
