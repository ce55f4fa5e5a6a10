import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DEFAULT_SYNC_PLAN } from "./support/fakeRuns";
import { want, wants } from "./support/fixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

function linkedBackend() {
  const backend = startBackend();
  backend.linkDiscogs();
  backend.discogs.wants = wants(3);
  signIn(backend);
  return backend;
}

function syncPanel() {
  return within(screen.getByRole("region", { name: "Sync with Discogs" }));
}

async function openWantList() {
  const app = renderApp("/wants");
  await screen.findByRole("region", { name: "Sync with Discogs" });
  return app;
}

describe("syncing the want list", () => {
  it("shows the run's progress as it happens, then what it changed, and refreshes the table", async () => {
    const backend = linkedBackend();
    const { user } = await openWantList();
    expect(await screen.findByRole("heading", { name: "Your want list has not been synced yet" })).toBeInTheDocument();

    await user.click(syncPanel().getByRole("button", { name: "Sync now" }));
    expect(await syncPanel().findByText("Waiting to start…")).toBeInTheDocument();
    expect(syncPanel().getByRole("button", { name: "Syncing…" })).toBeDisabled();
    await waitFor(() => { expect(backend.runStore.followers(1)).toBe(1); });

    backend.runStore.advance();
    expect(await syncPanel().findByText("Starting…")).toBeInTheDocument();
    backend.runStore.advance();
    expect(await syncPanel().findByText("Page 1 of 3")).toBeInTheDocument();
    const bar = syncPanel().getByRole("progressbar", { name: "Want list sync progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "1");
    expect(bar).toHaveAttribute("aria-valuemax", "3");
    expect(bar).toHaveAttribute("aria-valuetext", "Page 1 of 3");
    backend.runStore.advance();
    await waitFor(() => { expect(bar).toHaveAttribute("aria-valuenow", "2"); });

    backend.runStore.finish();
    expect(await syncPanel().findByText(/Sync finished/)).toHaveTextContent(
      "Sync finished: 3 added, 0 updated, 0 removed (3 in total). 4 upstream calls, 1 retry, 1 time rate limited, 1.5 s waiting for the rate limit.",
    );
    expect(syncPanel().queryByRole("progressbar")).not.toBeInTheDocument();
    expect(syncPanel().getByRole("button", { name: "Sync now" })).toBeEnabled();

    const table = await screen.findByRole("table", { name: /Want list/ });
    await waitFor(() => { expect(within(table).getAllByRole("row")).toHaveLength(4); });
    expect(within(table).getByText("Tago Mago")).toBeInTheDocument();
    expect(await screen.findByText("3 wants mirrored from your Discogs want list.")).toBeInTheDocument();
    // The stream carried every change; nothing had to be polled.
    expect(backend.calls.runEvents).toContain(1);
    expect(backend.calls.runPolls).toEqual([]);
  });

  it("reports updates and removals of a later sync", async () => {
    const backend = linkedBackend();
    backend.wants = wants(3);
    backend.discogs.wants = [{ ...want(0), rating: 5 }, want(1)];
    const { user } = await openWantList();

    await user.click(syncPanel().getByRole("button", { name: "Sync now" }));
    await syncPanel().findByText("Waiting to start…");
    backend.runStore.finish();

    expect(await syncPanel().findByText(/Sync finished/)).toHaveTextContent("0 added, 1 updated, 1 removed (2 in total)");
    await waitFor(() => { expect(within(screen.getByRole("table", { name: /Want list/ })).getAllByRole("row")).toHaveLength(3); });
  });

  it("shows why a sync failed", async () => {
    const backend = linkedBackend();
    backend.syncPlan = { ...DEFAULT_SYNC_PLAN, failWith: "Discogs answered 502 five times in a row" };
    const { user } = await openWantList();

    await user.click(syncPanel().getByRole("button", { name: "Sync now" }));
    await syncPanel().findByText("Waiting to start…");
    backend.runStore.finish();

    expect(await syncPanel().findByRole("alert")).toHaveTextContent(
      "The sync failed: Discogs answered 502 five times in a row. 4 upstream calls, 1 retry",
    );
    expect(syncPanel().getByRole("button", { name: "Sync now" })).toBeEnabled();
    expect(await screen.findByRole("heading", { name: "The last sync failed" })).toBeInTheDocument();
  });

  it("follows the run by polling when the event stream is unavailable", async () => {
    const backend = linkedBackend();
    backend.eventsBroken = true;
    const { user } = await openWantList();

    await user.click(syncPanel().getByRole("button", { name: "Sync now" }));
    await waitFor(() => { expect(backend.calls.runEvents).toEqual([1]); });
    backend.runStore.advance();
    backend.runStore.advance();
    expect(await syncPanel().findByText("Page 1 of 3")).toBeInTheDocument();
    backend.runStore.finish();

    expect(await syncPanel().findByText(/Sync finished: 3 added/)).toBeInTheDocument();
    expect(backend.calls.runPolls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(backend.calls.runPolls)).toEqual(new Set([1]));
    const pollsWhenDone = backend.calls.runPolls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(backend.calls.runPolls).toHaveLength(pollsWhenDone);
  });

  it("joins a sync that is already running instead of failing", async () => {
    const backend = linkedBackend();
    const { user } = await openWantList();
    await screen.findByText("Not synced yet.");
    // Started from another tab after this page loaded.
    const elsewhere = backend.startSync("wants");
    backend.runStore.advance(elsewhere.id);

    await user.click(syncPanel().getByRole("button", { name: "Sync now" }));

    expect(await syncPanel().findByText("Starting…")).toBeInTheDocument();
    expect(backend.calls.sync).toEqual(["sync_wants"]);
    expect(backend.runStore.runs).toHaveLength(1);
    backend.runStore.finish(elsewhere.id);
    expect(await syncPanel().findByText(/Sync finished: 3 added/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("follows a sync that was running when the page opened", async () => {
    const backend = linkedBackend();
    const running = backend.startSync("wants");
    backend.runStore.advance(running.id);
    backend.runStore.advance(running.id);
    await openWantList();

    expect(await syncPanel().findByText("Page 1 of 3")).toBeInTheDocument();
    expect(syncPanel().getByRole("button", { name: "Syncing…" })).toBeDisabled();
    backend.runStore.finish(running.id);
    expect(await syncPanel().findByText(/Sync finished: 3 added/)).toBeInTheDocument();
  });

  it("offers no sync before Discogs is linked, and sends the user to Settings", async () => {
    const backend = startBackend();
    signIn(backend);
    await openWantList();

    const button = syncPanel().getByRole("button", { name: "Sync now" });
    await waitFor(() => { expect(button).toBeDisabled(); });
    expect(button).toHaveAccessibleDescription(/Link your Discogs account first; the first sync then starts by itself/);
    expect(syncPanel().getByRole("link", { name: "Go to Settings" })).toHaveAttribute("href", "/settings#credentials");
    expect(backend.runStore.runs).toHaveLength(0);
  });

  it("syncs the collection too", async () => {
    const backend = linkedBackend();
    backend.discogs.collection = [];
    const { user } = renderApp("/collection");

    const panel = within(await screen.findByRole("region", { name: "Sync with Discogs" }));
    await user.click(panel.getByRole("button", { name: "Sync now" }));
    await panel.findByText("Waiting to start…");
    backend.runStore.finish();

    expect(await panel.findByText(/Sync finished: 0 added/)).toBeInTheDocument();
    expect(backend.calls.sync).toEqual(["sync_collection"]);
    expect(await screen.findByRole("heading", { name: "Your Discogs collection is empty" })).toBeInTheDocument();
  });
});
