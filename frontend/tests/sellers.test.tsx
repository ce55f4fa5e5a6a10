import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { addWantListSearch, discogsResult, result } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

const CRATE_KING = { username: "crate_king", platform: "ebay", rating: "97.1", rating_count: 310, country: "GB" };

function backendWithSellers() {
  const backend = startBackend();
  const wantList = addWantListSearch(backend);
  const other = addWantListSearch(backend, "Krautrock");
  backend.searches[1] = { ...other, criteria: { ...other.criteria, want_list: false, keywords: "krautrock" } };
  backend.market.results.set(wantList.id, [
    result(0),
    result(1, { shipping: null }),
    result(2, { seller: CRATE_KING }),
    result(3, { seller: CRATE_KING, wanted: false }),
    result(4, { seller: CRATE_KING, wanted: false }),
    discogsResult(5),
    discogsResult(6, { gone_at: "2025-02-20T10:00:00Z" }),
  ]);
  backend.market.results.set(other.id, [result(9, { seller: CRATE_KING })]);
  signIn(backend);
  return backend;
}

async function rankedRows() {
  const table = await screen.findByRole("table", { name: "Sellers by wanted records" });
  await waitFor(() => { expect(table).toHaveAttribute("aria-busy", "false"); });
  return within(table).getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent.replace(/\s+/g, " ")));
}

describe("sellers", () => {
  it("ranks the sellers of the want list search by wanted records, and switches searches", async () => {
    const backend = backendWithSellers();
    const { user, router } = renderApp("/sellers");

    expect(await screen.findByRole("combobox", { name: "Search" })).toHaveValue("1");
    expect(await rankedRows()).toEqual([
      ["1", "grooveboxeBay · 99.5% · 1,234 ratings · Ships from GermanyTheir listings", "2", "2", "≈ €40.00≈ €45.00 + shipping unknown", "1 of 2"],
      ["2", "crate_kingeBay · 97.1% · 310 ratings · Ships from GermanyTheir listings", "1", "3", "≈ €60.00≈ €75.00 delivered", "3 of 3"],
      ["3", "vinylvaultDiscogs · 100% · 87 ratings · Ships from GermanyTheir listingsFollow", "1", "1", "≈ €20.00≈ €25.00 delivered", "1 of 1"],
    ]);
    expect(screen.getByRole("link", { name: "Listings of crate_king" })).toHaveAttribute("href", "/searches/1/results?seller=crate_king");

    await user.selectOptions(screen.getByRole("combobox", { name: "Search" }), "Krautrock");
    await waitFor(() => { expect(router.state.location.search).toBe("?search=2"); });
    await waitFor(async () => { expect(await rankedRows()).toEqual([["1", "crate_kingeBay · 97.1% · 310 ratings · Ships from GermanyTheir listings", "1", "1", "≈ €20.00≈ €25.00 delivered", "1 of 1"]]); });
    expect(backend.market.calls.sellers.at(-1)).toMatchObject({ search: "2", page: "1", per_page: "25" });
  });

  it("leads to creating a search when there is none", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/sellers");
    expect(await screen.findByRole("heading", { name: "No searches yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create a search" })).toHaveAttribute("href", "/searches/new");
  });
});
