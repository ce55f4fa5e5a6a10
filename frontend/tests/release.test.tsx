import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { offer, offerMatch, releaseView } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

// The page's chunk carries the chart library: the first render can take a while on a busy machine.
const PAGE_LOAD = { timeout: 12_000 };

function backendWithRelease() {
  const backend = startBackend();
  backend.market.releases.set(1000, releaseView());
  backend.market.prices.set(1000, [
    { listingId: 1, band: "VG+", amount: "36.00", from: "2025-02-10", to: null },
    { listingId: 2, band: "M/NM", amount: "41.40", from: "2025-02-20", to: null },
    { listingId: 3, band: "VG+", amount: "28.00", from: "2024-12-20", to: "2025-01-15" },
  ]);
  signIn(backend);
  return backend;
}

function offersTable() {
  return screen.findByRole("table", { name: /Listings for sale, cheapest total first/ });
}

afterEach(() => { vi.unstubAllGlobals(); });

describe("release page", () => {
  it("shows the release, the user's relation to it and what is for sale on both marketplaces", async () => {
    const backend = backendWithRelease();
    const freeShipping = offer({
      listing_id: 3,
      media_grade: null,
      seller: { username: "wax_trax", platform: "discogs", rating: "100.0", rating_count: 12, country: "DE" },
      price: { amount: "25.00", currency: "EUR" },
      shipping: { amount: "0.00", currency: "EUR" },
      match: offerMatch({ id: 72, score: 1, method: "release_id" }),
    });
    const yen = offer({ listing_id: 4, seller: { username: "tokyo_wax", platform: "discogs", rating: null, rating_count: null, country: "JP" }, ships_from: "JP", price: { amount: "3000", currency: "JPY" }, shipping: null });
    backend.market.releases.set(1000, releaseView({ offers: [freeShipping, ...releaseView().offers, yen] }));
    renderApp("/releases/1000");

    expect(await screen.findByRole("heading", { name: "Kind of Blue", level: 1 }, PAGE_LOAD)).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Cover of Kind of Blue" })).toHaveAttribute("src", "https://i.discogs.test/cover/1000.jpg");
    expect(screen.getByText("Miles Davis")).toBeInTheDocument();
    expect(screen.getByText("Label").nextElementSibling).toHaveTextContent("Columbia – CL 1355");
    expect(screen.getByText("Year").nextElementSibling).toHaveTextContent("1959");
    expect(screen.getByText("Format").nextElementSibling).toHaveTextContent("Vinyl, LP, Album, Mono");
    const relation = within(screen.getByRole("group", { name: "You and this release" }));
    expect(relation.getByText(/^On your want list since/)).toBeInTheDocument();
    expect(relation.getByText("In your collection: 1 copy (media/sleeve VG/G+)")).toBeInTheDocument();
    expect(screen.getByText(/Prices in EUR at the exchange rates of/)).toBeInTheDocument();

    const rows = within(await offersTable()).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    const [free, discogs, ebay, tokyo] = rows.map((row) => within(row));
    expect(free!.getByText("€25.00, free shipping")).toBeInTheDocument();
    expect(free!.queryByText(/Matched/)).not.toBeInTheDocument();
    expect(free!.getByText("Not graded/VG")).toBeInTheDocument();
    expect(discogs!.getByText("VG+/VG")).toBeInTheDocument();
    expect(discogs!.getByText("vinylvault")).toBeInTheDocument();
    expect(discogs!.getByText("Discogs · 99.8% · 1,520 ratings · Ships from Netherlands")).toBeInTheDocument();
    expect(discogs!.getByText("≈ €36.00 delivered")).toBeInTheDocument();
    expect(discogs!.getByText("€30.00 + €6.00 shipping")).toBeInTheDocument();
    expect(ebay!.getByText("$45.00, shipping unknown")).toBeInTheDocument();
    expect(ebay!.getByText("≈ €41.40 + shipping unknown")).toBeInTheDocument();
    expect(tokyo!.getByText("No exchange rate for JPY")).toBeInTheDocument();
    expect(tokyo!.getByText("¥3,000, shipping unknown")).toBeInTheDocument();
    expect(ebay!.getByText("Matched by catalogue number, high confidence")).toBeInTheDocument();
    const link = ebay!.getByRole("link", { name: /^View on eBay: jazzhound/ });
    expect(link).toHaveAttribute("href", "https://www.ebay.test/itm/2");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
  });

  it("charts the daily lowest and median price, by period and condition, kept in the address", async () => {
    const backend = backendWithRelease();
    const { user, router } = renderApp("/releases/1000");

    const chart = await screen.findByRole("figure", { name: /Daily lowest and median asking price in EUR \(all conditions, last 90 days\)/ }, PAGE_LOAD);
    expect(chart.querySelector(".recharts-surface")).not.toBeNull();
    expect(chart.querySelectorAll(".recharts-line")).toHaveLength(2);
    expect(chart).toHaveAccessibleName(expect.stringContaining("Lowest in the period: €28.00 on Dec 20, 2024.") as string);
    expect(chart).toHaveAccessibleName(expect.stringContaining("lowest €36.00, median €38.70, 2 listings.") as string);
    expect(backend.market.calls.prices.at(-1)).toEqual({ days: "90" });

    await user.click(screen.getByRole("radio", { name: "30 days" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?days=30"); });
    await user.selectOptions(screen.getByRole("combobox", { name: "Condition" }), "Very good plus");
    await waitFor(() => { expect(router.state.location.search).toBe("?days=30&grade=VG%2B"); });
    expect(await screen.findByRole("figure", { name: /\(very good plus, last 30 days\)\. Lowest in the period: €36\.00/ })).toBeInTheDocument();
    expect(backend.market.calls.prices.at(-1)).toEqual({ days: "30", grade: "VG+" });

    await user.selectOptions(screen.getByRole("combobox", { name: "Condition" }), "Not graded");
    expect(await screen.findByText("No listings of this release were seen for sale (not graded, last 30 days).")).toBeInTheDocument();
    expect(screen.queryByRole("figure")).not.toBeInTheDocument();
  });

  it("lists the offers as cards on a phone", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    backendWithRelease();
    renderApp("/releases/1000?days=365");

    const list = await screen.findByRole("list", { name: /Listings for sale/ }, PAGE_LOAD);
    const items = within(list).getAllByRole("listitem");
    expect(items.map((item) => within(item).getAllByText(/^(vinylvault|jazzhound)$/)[0]!.textContent)).toEqual(["vinylvault", "jazzhound"]);
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "1 year" })).toBeChecked();
  });

  it("says so when the release is unknown", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/releases/424242");
    expect(await screen.findByRole("heading", { name: "Release not found" }, PAGE_LOAD)).toBeInTheDocument();
  });
});
