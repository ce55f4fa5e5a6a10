import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PRESSINGS_POLL_MS } from "../src/hooks/useLibrary";
import type { components } from "../src/lib/api/schema";
import { addWantListSearch } from "./support/marketFixtures";
import { wants } from "./support/fixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

type PressingProgress = components["schemas"]["PressingProgressOut"];

const NONE: PressingProgress = { albums: 0, known: 0, waiting: 0, failed: 0, next_retry_at: null, failures: [] };

function progress(changes: Partial<PressingProgress>): PressingProgress {
  return { ...NONE, ...changes };
}

function linkedBackend(wanted: PressingProgress) {
  const backend = startBackend();
  backend.linkDiscogs();
  backend.wants = wants(3);
  backend.pressings = { wants: wanted, collection: NONE };
  signIn(backend);
  return backend;
}

async function openWantList() {
  renderApp("/wants");
  await screen.findByRole("heading", { name: "Want list", level: 1 });
}

describe("pressings known for the want list's albums", () => {
  it("says how many are known while the rest are read, and reads again until they are", async () => {
    const backend = linkedBackend(progress({ albums: 42, known: 40, waiting: 2 }));
    await openWantList();
    expect(await screen.findByText("Pressings known for 40 of 42 albums; the rest are being read from Discogs.")).toBeInTheDocument();

    backend.pressings = { wants: progress({ albums: 42, known: 42 }), collection: NONE };
    expect(
      await screen.findByText("Pressings known for every album.", {}, { timeout: PRESSINGS_POLL_MS + 2_000 }),
    ).toBeInTheDocument();
  }, 10_000);

  it("names the albums Discogs did not give and when they are tried again", async () => {
    linkedBackend(
      progress({
        albums: 42,
        known: 38,
        waiting: 1,
        failed: 3,
        next_retry_at: "2025-03-01T11:00:00Z",
        failures: [
          { master_id: 11, title: "Desertshore", artists: ["Nico"], error: "HTTP 502", next_attempt_at: "2025-03-01T11:00:00Z" },
          { master_id: 12, title: "Tago Mago", artists: ["Can"], error: "HTTP 502", next_attempt_at: "2025-03-01T12:00:00Z" },
        ],
      }),
    );
    await openWantList();
    const note = await screen.findByText(/^Pressings known for 38 of 42 albums; 1 is being read from Discogs\./);
    expect(note).toHaveTextContent("Discogs did not give the pressings of Nico – Desertshore, Can – Tago Mago and 1 more.");
    expect(within(note).getByText(/./, { selector: "time" })).toHaveAttribute("dateTime", "2025-03-01T11:00:00Z");
  });

  it("says nothing while the want list holds no album", async () => {
    const backend = linkedBackend(NONE);
    await openWantList();
    await waitFor(() => { expect(backend.calls.pressings).toBeGreaterThan(0); });
    expect(screen.queryByText(/^Pressings known/)).not.toBeInTheDocument();
  });
});

describe("the search's run panel", () => {
  it("warns that results of albums whose pressings are not known will not state them", async () => {
    const backend = linkedBackend(progress({ albums: 5, known: 3, waiting: 1, failed: 1 }));
    addWantListSearch(backend);
    renderApp("/searches/1/results");
    const panel = within(await screen.findByRole("region", { name: "Run the search" }));
    expect(
      await panel.findByText("Pressings of 2 albums are still being read; results for them will say “pressing not stated” until then."),
    ).toBeInTheDocument();
  });

  it("says nothing of pressings once all are known", async () => {
    const backend = linkedBackend(progress({ albums: 5, known: 5 }));
    addWantListSearch(backend);
    renderApp("/searches/1/results");
    const panel = within(await screen.findByRole("region", { name: "Run the search" }));
    await waitFor(() => { expect(backend.calls.pressings).toBeGreaterThan(0); });
    expect(panel.queryByText(/still being read/)).not.toBeInTheDocument();
  });
});
