import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FakeBackend } from "./support/fakeBackend";
import { addWantListSearch, discogsResult, result } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

// Kind of Blue (eBay, 20 + 5), A Love Supreme (Discogs, 18 + 4, new), Tago Mago (eBay, 15,
// shipping unknown, other pressing, low confidence), Trans-Europa Express (eBay, 12 + 3,
// owned and an upgrade), Remain in Light (gone). Cheapest delivered: Trans-Europa (15, shipping
// known, so before Tago Mago's 15), Tago Mago, A Love Supreme (22), Kind of Blue (25).
const KIND_OF_BLUE = result(0);
const LOVE_SUPREME = discogsResult(1, { price: { amount: "18.00", currency: "EUR" }, shipping: { amount: "4.00", currency: "EUR" }, is_new: true });
const TAGO_MAGO = result(2, {
  price: { amount: "15.00", currency: "EUR" },
  shipping: null,
  wanted: false,
  other_pressing: true,
  media_grade: "VG",
  seller: { username: "crate_king", platform: "ebay", rating: "97.1", rating_count: 310, country: "GB" },
  is_new: true,
  match: { ...result(2).match!, score: 0.62, confidence: "low", evidence: { artist_score: 1, title_score: 0.8, label: "conflict", unexplained_words: ["tiger"] } },
});
const TRANS_EUROPA = result(3, { price: { amount: "12.00", currency: "EUR" }, shipping: { amount: "3.00", currency: "EUR" }, wanted: false, owned: true, upgrade: true, media_grade: "NM", sleeve_grade: null });
const REMAIN_IN_LIGHT = result(4, { price: { amount: "16.00", currency: "EUR" }, gone_at: "2025-02-27T10:00:00Z" });

function backendWithResults() {
  const backend = startBackend();
  const search = addWantListSearch(backend);
  backend.market.results.set(search.id, [KIND_OF_BLUE, LOVE_SUPREME, TAGO_MAGO, TRANS_EUROPA, REMAIN_IN_LIGHT]);
  signIn(backend);
  return backend;
}

async function resultRows() {
  const table = await screen.findByRole("table", { name: /^Results/ });
  await waitFor(() => { expect(table).toHaveAttribute("aria-busy", "false"); });
  return within(table).getAllByRole("row").slice(1);
}

function rowTitles(rows: HTMLElement[]): string[] {
  return rows.map((row) => within(row).getAllByRole("cell")[0]!.querySelector("p")!.textContent);
}

function lastResultQuery(backend: FakeBackend) {
  return backend.market.calls.results.at(-1);
}

function runPanel() {
  return within(screen.getByRole("region", { name: "Run the search" }));
}

afterEach(() => { vi.unstubAllGlobals(); });

describe("search results", () => {
  it("lists what is for sale, cheapest total first, with flags, prices and links", async () => {
    backendWithResults();
    renderApp("/searches/1/results");

    expect(await screen.findByRole("heading", { name: "My want list", level: 1 })).toBeInTheDocument();
    const rows = await resultRows();
    expect(rowTitles(rows)).toEqual([TRANS_EUROPA.listing.title, TAGO_MAGO.listing.title, LOVE_SUPREME.listing.title, KIND_OF_BLUE.listing.title]);
    expect(screen.getByText("4 results")).toBeInTheDocument();

    const [transEuropa, tagoMago, loveSupreme, kindOfBlue] = rows.map((row) => within(row));
    expect(transEuropa!.getByText("In collection")).toBeInTheDocument();
    expect(transEuropa!.getByText("Upgrade")).toBeInTheDocument();
    expect(transEuropa!.getByText("Media NM · Sleeve Not graded")).toBeInTheDocument();
    expect(transEuropa!.queryByText("New")).not.toBeInTheDocument();
    expect(loveSupreme!.getByText("New")).toBeInTheDocument();
    expect(loveSupreme!.getByText("Wanted")).toBeInTheDocument();
    expect(tagoMago!.getByText("Other pressing")).toBeInTheDocument();
    expect(tagoMago!.getByText("Low confidence")).toBeInTheDocument();
    expect(tagoMago!.getByText("€15.00, shipping unknown")).toBeInTheDocument();
    expect(tagoMago!.getByText("≈ €15.00 + shipping unknown")).toBeInTheDocument();
    expect(tagoMago!.queryByText(/free/i)).not.toBeInTheDocument();
    expect(kindOfBlue!.getByText("€20.00 + €5.00 shipping")).toBeInTheDocument();
    expect(kindOfBlue!.getByText("≈ €25.00 delivered")).toBeInTheDocument();
    expect(kindOfBlue!.getByText("Media VG+ · Sleeve VG")).toBeInTheDocument();
    expect(kindOfBlue!.getByText("eBay · 99.5% · 1,234 ratings")).toBeInTheDocument();
    expect(kindOfBlue!.getByText("Ships from Germany")).toBeInTheDocument();

    const listing = kindOfBlue!.getByRole("link", { name: `View on eBay: ${KIND_OF_BLUE.listing.title}` });
    expect(listing).toHaveAttribute("href", "https://www.ebay.test/itm/5000");
    expect(listing).toHaveAttribute("target", "_blank");
    expect(listing).toHaveAttribute("rel", "noopener noreferrer");
    expect(kindOfBlue!.getByRole("link", { name: `Release page for ${KIND_OF_BLUE.listing.title}` })).toHaveAttribute("href", "/releases/1000");
    // A Discogs listing names its release: there is nothing to confirm.
    expect(loveSupreme!.queryByRole("button", { name: /Confirm/ })).not.toBeInTheDocument();
    expect(screen.queryByText(REMAIN_IN_LIGHT.listing.title)).not.toBeInTheDocument();
  });

  it("filters, sorts and pages through the address", async () => {
    const backend = backendWithResults();
    const { user, router } = renderApp("/searches/1/results?platform=ebay&sort=newest");

    expect(rowTitles(await resultRows())).toEqual([TRANS_EUROPA.listing.title, TAGO_MAGO.listing.title, KIND_OF_BLUE.listing.title]);
    // Without a profile minimum, results open at Good or better, ungraded listings included.
    expect(lastResultQuery(backend)).toMatchObject({ platform: "ebay", sort: "newest", min_media_grade: "G", include_ungraded: "true" });
    expect(screen.getByRole("combobox", { name: "Marketplace" })).toHaveValue("ebay");
    expect(screen.getByRole("combobox", { name: "Sort" })).toHaveValue("newest");
    expect(screen.getByRole("heading", { name: "Filters (1 active)" })).toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Flag" }), "Already in my collection");
    await waitFor(() => { expect(router.state.location.search).toBe("?platform=ebay&sort=newest&flag=owned"); });
    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([TRANS_EUROPA.listing.title]); });

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?sort=newest"); });

    const maxPrice = screen.getByRole("textbox", { name: "Max price (EUR)" });
    await user.type(maxPrice, "cheap{Enter}");
    expect(await screen.findByText(/Enter an amount from 0/)).toBeInTheDocument();
    expect(router.state.location.search).toBe("?sort=newest");
    await user.clear(maxPrice);
    // Delivered, in the user's currency: A Love Supreme's 18 + 4 passes, Kind of Blue's 20 + 5 does not.
    await user.type(maxPrice, "22{Enter}");
    await waitFor(() => { expect(router.state.location.search).toBe("?sort=newest&max_price=22"); });
    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([TRANS_EUROPA.listing.title, TAGO_MAGO.listing.title, LOVE_SUPREME.listing.title]); });
    expect(lastResultQuery(backend)).toMatchObject({ max_price: "22", sort: "newest" });

    await user.selectOptions(screen.getByRole("combobox", { name: "Sort" }), "Cheapest total first");
    await user.click(screen.getByRole("checkbox", { name: "Include listings that are gone" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?max_price=22&include_gone=true"); });
    await waitFor(async () => { expect(await resultRows()).toHaveLength(4); });
    expect(screen.getByText(/Gone since/)).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Only new since the last run" }));
    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([TAGO_MAGO.listing.title, LOVE_SUPREME.listing.title]); });
    expect(lastResultQuery(backend)).toMatchObject({ new_only: "true", include_gone: "true", max_price: "22" });

    // Back returns to the view before.
    await router.navigate(-1);
    await waitFor(() => { expect(screen.getByRole("checkbox", { name: "Only new since the last run" })).not.toBeChecked(); });
  });

  it("starts from the profile's minimum grade, keeps ungraded listings on request and says when a rate is missing", async () => {
    const backend = startBackend();
    addWantListSearch(backend);
    const poor = result(0, { media_grade: "P", price: { amount: "2.00", currency: "EUR" } });
    const ungraded = result(1, { media_grade: null, price: { amount: "9.00", currency: "EUR" } });
    const nearMint = result(2, { media_grade: "NM" });
    const yen = result(3, { media_grade: "NM", price: { amount: "3000", currency: "JPY" }, shipping: null });
    backend.market.results.set(1, [poor, ungraded, nearMint, yen]);
    backend.user = { ...backend.user, min_media_grade: "VG+" };
    signIn(backend);
    const { user, router } = renderApp("/searches/1/results");

    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([ungraded.listing.title, nearMint.listing.title, yen.listing.title]); });
    expect(lastResultQuery(backend)).toMatchObject({ min_media_grade: "VG+", include_ungraded: "true" });
    expect(screen.getByRole("combobox", { name: "Media condition" })).toHaveValue("VG+");
    expect(screen.getByRole("heading", { name: "Filters" })).toBeInTheDocument();
    const rows = await resultRows();
    expect(within(rows[2]!).getByText("No exchange rate for JPY")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("¥3,000, shipping unknown")).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Include ungraded listings" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?include_ungraded=false"); });
    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([nearMint.listing.title, yen.listing.title]); });
    expect(screen.getByRole("heading", { name: "Filters (1 active)" })).toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Media condition" }), "Any");
    await waitFor(() => { expect(router.state.location.search).toBe("?include_ungraded=false&min_grade=any"); });
    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([poor.listing.title, ungraded.listing.title, nearMint.listing.title, yen.listing.title]); });
    expect(screen.getByRole("checkbox", { name: "Include ungraded listings" })).toBeDisabled();
    expect(lastResultQuery(backend)).not.toHaveProperty("min_media_grade");
  });

  it("keeps the filters when moving between pages", async () => {
    const backend = startBackend();
    addWantListSearch(backend);
    backend.market.results.set(1, Array.from({ length: 30 }, (_, index) => result(index, { id: index + 1, price: { amount: `${10 + index}.00`, currency: "EUR" } })));
    signIn(backend);
    const { user, router } = renderApp("/searches/1/results?seller=groovebox");

    expect(await resultRows()).toHaveLength(25);
    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("1–25 of 30 results");
    await user.click(within(pagination).getByRole("link", { name: "Next page" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?seller=groovebox&page=2"); });
    await waitFor(async () => { expect(await resultRows()).toHaveLength(5); });
    expect(lastResultQuery(backend)).toMatchObject({ seller: "groovebox", page: "2" });
    expect(screen.getByRole("textbox", { name: "Seller" })).toHaveValue("groovebox");
  });

  it("shows a confirmed match at once and keeps it once saved", async () => {
    const backend = backendWithResults();
    backend.market.decisionDelayMs = 300;
    const { user } = renderApp("/searches/1/results");
    const row = (await resultRows())[1]!;

    const stored = () => backend.market.results.get(1)!.find((item) => item.id === TAGO_MAGO.id)!.match!.decision;

    await user.click(within(row).getByRole("button", { name: `Confirm match: ${TAGO_MAGO.listing.title}` }));
    expect(await within(row).findByText("Confirmed by you")).toBeInTheDocument();
    // Shown before the backend has answered.
    expect(stored()).toBeNull();
    expect(within(row).queryByText("Low confidence")).not.toBeInTheDocument();
    expect(backend.market.calls.decisions).toEqual([{ matchId: TAGO_MAGO.match!.id, verdict: "confirmed" }]);
    await waitFor(() => { expect(stored()).toBe("confirmed"); });
    const saved = (await resultRows())[1]!;
    await waitFor(() => { expect(within(saved).getByText(/100% · by artist and title/)).toBeInTheDocument(); });
    expect(within(saved).queryByRole("button", { name: /Confirm match/ })).not.toBeInTheDocument();
  });

  it("hides a rejected listing, and puts a match back with a message when the answer is not saved", async () => {
    const backend = backendWithResults();
    const { user } = renderApp("/searches/1/results");
    let rows = await resultRows();

    await user.click(within(rows[3]!).getByRole("button", { name: `Reject match: ${KIND_OF_BLUE.listing.title}` }));
    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([TRANS_EUROPA.listing.title, TAGO_MAGO.listing.title, LOVE_SUPREME.listing.title]); });
    expect(await screen.findByText("Match rejected: the listing no longer shows in the results.")).toBeInTheDocument();
    expect(screen.getByText("3 results")).toBeInTheDocument();

    backend.market.decisionsFail = true;
    rows = await resultRows();
    await user.click(within(rows[0]!).getByRole("button", { name: `Confirm match: ${TRANS_EUROPA.listing.title}` }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Your answer was not saved. Internal server error");
    rows = await resultRows();
    expect(within(rows[0]!).getByText("High confidence")).toBeInTheDocument();
    expect(within(rows[0]!).queryByText("Confirmed by you")).not.toBeInTheDocument();
    expect(within(rows[0]!).getByRole("button", { name: `Confirm match: ${TRANS_EUROPA.listing.title}` })).toBeEnabled();
  });

  it("runs the search with live progress, then shows what it found", async () => {
    const backend = backendWithResults();
    const newListing = result(5, { price: { amount: "10.00", currency: "EUR" } });
    backend.market.upstream.set(1, [KIND_OF_BLUE, LOVE_SUPREME, newListing]);
    backend.market.sourceErrors = { "ebay:want:1009": "eBay answered 500 three times" };
    const { user } = renderApp("/searches/1/results");
    expect(await runPanel().findByText("It has not run yet.")).toBeInTheDocument();
    await resultRows();

    await user.click(runPanel().getByRole("button", { name: "Run now" }));
    expect(await runPanel().findByText("Waiting to start…")).toBeInTheDocument();
    expect(runPanel().getByRole("button", { name: "Running…" })).toBeDisabled();
    await waitFor(() => { expect(backend.runStore.followers(1)).toBe(1); });
    backend.runStore.advance();
    backend.runStore.advance();
    expect(await runPanel().findByText("Searched 1 of 4 sources")).toBeInTheDocument();
    const bar = runPanel().getByRole("progressbar", { name: "Search progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "1");
    expect(bar).toHaveAttribute("aria-valuemax", "4");

    backend.runStore.finish();
    expect(await runPanel().findByText(/Search finished/)).toHaveTextContent("Search finished: 3 listings for sale: 1 new, 2 gone.");
    expect(runPanel().getByText("Discogs: 1 seen, 0 new, 0 changed, 0 gone")).toBeInTheDocument();
    expect(runPanel().getByText("eBay: 2 seen, 1 new, 0 changed, 2 gone (1 source failed)")).toBeInTheDocument();
    expect(runPanel().getByText("eBay search for release 1009: eBay answered 500 three times")).toBeInTheDocument();
    expect(runPanel().getByRole("button", { name: "Run now" })).toBeEnabled();

    await waitFor(async () => { expect(rowTitles(await resultRows())).toEqual([newListing.listing.title, LOVE_SUPREME.listing.title, KIND_OF_BLUE.listing.title]); });
    const rows = await resultRows();
    expect(within(rows[0]!).getByText("New")).toBeInTheDocument();
    expect(within(rows[1]!).queryByText("New")).not.toBeInTheDocument();
  });

  it("follows the run by polling when the event stream is unavailable", async () => {
    const backend = backendWithResults();
    backend.eventsBroken = true;
    const { user } = renderApp("/searches/1/results");

    await user.click(await runPanel().findByRole("button", { name: "Run now" }));
    await waitFor(() => { expect(backend.calls.runEvents).toEqual([1]); });
    backend.runStore.advance();
    backend.runStore.advance();
    expect(await runPanel().findByText("Searched 1 of 5 sources")).toBeInTheDocument();
    backend.runStore.finish();
    expect(await runPanel().findByText(/Search finished/)).toHaveTextContent("Search finished: 4 listings for sale: 0 new, 0 gone.");
    expect(backend.calls.runPolls.length).toBeGreaterThan(0);
  });

  it("joins its own run already in progress", async () => {
    const backend = backendWithResults();
    const own = backend.runStore.add({ kind: "search", status: "running", subject_id: 1, progress_done: 2, progress_total: 5, started_at: "2025-03-01T09:59:00Z" });
    renderApp("/searches/1/results");

    expect(await runPanel().findByText("Searched 2 of 5 sources")).toBeInTheDocument();
    expect(runPanel().getByRole("button", { name: "Running…" })).toBeDisabled();
    backend.runStore.finish(own.id);
    expect(await runPanel().findByText(/Search finished/)).toBeInTheDocument();
    expect(runPanel().getByRole("button", { name: "Run now" })).toBeEnabled();
  });

  it("says what a run in progress is waiting for, and how far each source has got", async () => {
    const backend = backendWithResults();
    const until = new Date(Date.now() + 55_000).toISOString();
    backend.runStore.add({
      kind: "search",
      status: "running",
      subject_id: 1,
      progress_done: 31,
      progress_total: 33,
      started_at: "2025-03-01T09:59:00Z",
      live: {
        steps: [
          { key: "ebay_searches", platform: "ebay", done: 30, total: 30 },
          { key: "discogs_inventories", platform: "discogs", done: 1, total: 3 },
        ],
        waiting: { platform: "discogs", until },
      },
    });
    renderApp("/searches/1/results");

    expect(await runPanel().findByText("Waiting for Discogs' rate limit, about 1 min")).toBeInTheDocument();
    const perSource = runPanel().getByRole("list", { name: "Progress per source" });
    expect(perSource).toHaveTextContent("eBay searches: 30 of 30");
    expect(perSource).toHaveTextContent("Discogs seller inventories: 1 of 3");
    expect(runPanel().getByRole("progressbar", { name: "Search progress" })).toHaveAttribute("aria-valuetext", "Waiting for Discogs' rate limit, about 1 min");
  });

  it("says when another search is running, since one runs at a time", async () => {
    const backend = backendWithResults();
    addWantListSearch(backend, "Blue Note under 40");
    const other = backend.runStore.add({ kind: "search", status: "queued", subject_id: 2 });
    const { user } = renderApp("/searches/1/results");

    await user.click(await runPanel().findByRole("button", { name: "Run now" }));
    expect(await runPanel().findByRole("alert")).toHaveTextContent(`Another of your searches is running (run #${other.id}); one search runs at a time.`);
    expect(runPanel().getByRole("button", { name: "Run now" })).toBeEnabled();
    expect(backend.runStore.runs).toHaveLength(1);
  });

  it("shows results as cards on a phone, with the filters folded away", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    backendWithResults();
    const { user } = renderApp("/searches/1/results");

    const list = await screen.findByRole("list", { name: /^Results/ });
    const cards = within(list).getAllByRole("article");
    expect(cards.map((card) => card.getAttribute("aria-label"))).toEqual([TRANS_EUROPA.listing.title, TAGO_MAGO.listing.title, LOVE_SUPREME.listing.title, KIND_OF_BLUE.listing.title]);
    expect(within(cards[1]!).getByText("≈ €15.00 + shipping unknown")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();

    expect(screen.queryByRole("combobox", { name: "Flag" })).not.toBeInTheDocument();
    const toggle = screen.getByRole("button", { name: "Show filters" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(screen.getByRole("button", { name: "Hide filters" })).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("combobox", { name: "Flag" })).toBeVisible();
  });

  it("is reached from the list of searches", async () => {
    backendWithResults();
    const { user } = renderApp("/searches");
    const link = await screen.findByRole("link", { name: "Results of My want list" });
    expect(link).toHaveAttribute("href", "/searches/1/results");
    await user.click(link);
    expect(await screen.findByRole("heading", { name: "My want list", level: 1 })).toBeInTheDocument();
    expect(await resultRows()).toHaveLength(4);
  });

  it("explains an empty list: filters that leave nothing, or nothing found yet and what to set up", async () => {
    const backend = backendWithResults();
    const { user, router } = renderApp("/searches/1/results?seller=nobody");
    expect(await screen.findByRole("heading", { name: "No results match these filters" })).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: "Clear filters" })[1]!);
    await waitFor(() => { expect(router.state.location.search).toBe(""); });
    expect(await resultRows()).toHaveLength(4);

    backend.market.results.set(1, []);
    backend.linkDiscogs();
    renderApp("/searches/1/results");
    const empty = await screen.findByRole("heading", { name: "Nothing for sale found yet" });
    const state = within(empty.parentElement!);
    expect(await state.findByText("Discogs is linked.")).toBeInTheDocument();
    expect(state.getByText(/Add your eBay API keys/)).toBeInTheDocument();
    expect(state.getByRole("link", { name: "Go to Settings" })).toHaveAttribute("href", "/settings#credentials");
  });

  it("says so when the search does not exist", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/searches/9/results");
    expect(await screen.findByRole("heading", { name: "Search not found" })).toBeInTheDocument();
  });
});
