import { describe, expect, it } from "vitest";
import type { Harvest } from "../src/harvest";
import { scanWants, shopMyWantsUrl, type ScanDeps, type ScanProgress } from "../src/scan";
import { sandboxPage } from "./pages";

const BASE = "http://127.0.0.1:8765/discogs-web";

interface World {
  deps: ScanDeps;
  fetched: string[];
  sent: Harvest[];
  waits: number[];
  reports: ScanProgress[];
  stopAfterPages: number | null;
}

/** Three pages of two listings each; what the walker does is recorded, and nothing sleeps. */
function world(options: { stopAfterPages?: number; loginRedirect?: boolean; failSend?: boolean } = {}): World {
  const state: World = { fetched: [], sent: [], waits: [], reports: [], stopAfterPages: options.stopAfterPages ?? null, deps: undefined as never };
  state.deps = {
    fetchPage: (url) => {
      state.fetched.push(url);
      const page = Number(new URL(url).searchParams.get("page") ?? "1");
      if (options.loginRedirect) {
        return Promise.resolve({ doc: new DOMParser().parseFromString("<p>Log in</p>", "text/html"), url: `${BASE}/login?return_to=x` });
      }
      const html = sandboxPage("/discogs-web", page, 3, [[page * 10 + 1, page], [page * 10 + 2, page]]);
      return Promise.resolve({ doc: new DOMParser().parseFromString(html, "text/html"), url });
    },
    send: (harvest) => {
      if (options.failSend) return Promise.reject(new Error("VinylDigger refused the import token."));
      state.sent.push(harvest);
      return Promise.resolve({ importIds: [state.sent.length] });
    },
    wait: (ms) => {
      state.waits.push(ms);
      return Promise.resolve();
    },
    shouldStop: () => Promise.resolve(state.stopAfterPages !== null && state.fetched.length >= state.stopAfterPages),
    report: (progress) => {
      state.reports.push(progress);
      return Promise.resolve();
    },
  };
  return state;
}

describe("Scan my wants", () => {
  it("walks every page in order, sending each page's ids, waiting between pages", async () => {
    const w = world();
    const result = await scanWants(shopMyWantsUrl(`${BASE}/`), w.deps, { intervalMs: 3000, maxPages: 50 });
    expect(w.fetched).toEqual([
      `${BASE}/sell/mywants?limit=250`,
      `${BASE}/sell/mywants?page=2&limit=250`,
      `${BASE}/sell/mywants?page=3&limit=250`,
    ]);
    expect(w.sent.map((h) => h.listingIds)).toEqual([[11, 12], [21, 22], [31, 32]]);
    expect(w.waits).toEqual([3000, 3000]);
    expect(result).toEqual({ state: "done", pages: 3, listings: 6, releases: 3, importIds: [1, 2, 3] });
    expect(w.reports.map((r) => r.state)).toEqual(["running", "running", "running", "done"]);
    expect(w.reports.map((r) => r.pages)).toEqual([0, 1, 2, 3]);
  });

  it("stops when asked, between pages", async () => {
    const w = world({ stopAfterPages: 1 });
    const result = await scanWants(shopMyWantsUrl(BASE), w.deps, { intervalMs: 10, maxPages: 50 });
    expect(result.state).toBe("stopped");
    expect(w.fetched).toHaveLength(1);
    expect(result.listings).toBe(2);
  });

  it("never walks past its page bound", async () => {
    const w = world();
    const result = await scanWants(shopMyWantsUrl(BASE), w.deps, { intervalMs: 10, maxPages: 2 });
    expect(result).toMatchObject({ state: "done", pages: 2 });
  });

  it("reports a Discogs login page instead of scanning it", async () => {
    const w = world({ loginRedirect: true });
    const result = await scanWants(shopMyWantsUrl(BASE), w.deps, { intervalMs: 10, maxPages: 50 });
    expect(result).toMatchObject({ state: "failed", pages: 0, error: "Log in to Discogs in this browser first." });
    expect(w.sent).toEqual([]);
  });

  it("fails with VinylDigger's reason when a page cannot be sent", async () => {
    const w = world({ failSend: true });
    const result = await scanWants(shopMyWantsUrl(BASE), w.deps, { intervalMs: 10, maxPages: 50 });
    expect(result).toMatchObject({ state: "failed", pages: 0, error: "VinylDigger refused the import token." });
  });
});
