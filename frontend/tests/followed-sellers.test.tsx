import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { addWantListSearch, discogsResult, result } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";
import { pendingSeller } from "./support/fakeSellers";

function backendWithFollowed() {
  const backend = startBackend();
  signIn(backend);
  backend.sellers.followed.push({
    ...pendingSeller("vinylvault", "2025-02-01T10:00:00Z"),
    crawl_status: "ok",
    country: "DE",
    rating: "99.8",
    rating_count: 1500,
    inventory_size: 2310,
    wanted_held: 4,
    last_crawled_at: "2025-02-28T09:30:00Z",
    last_full_pass_at: "2025-02-28T03:00:00Z",
  });
  return backend;
}

/** The page's chunk loads lazily, which can take seconds on a busy machine: wait for it first. */
async function openSellers() {
  const view = renderApp("/sellers");
  await screen.findByRole("heading", { name: "Followed sellers" });
  return view;
}

const section = () => screen.getByRole("region", { name: "Followed sellers" });
const followedNames = async () => within(await screen.findByRole("list", { name: "Followed sellers" })).getAllByRole("listitem").map((item) => item.querySelector("p")?.textContent);

describe("followed sellers", () => {
  it("lists the sellers followed with what the crawl knows of their stock", async () => {
    backendWithFollowed();
    await openSellers();

    const item = within(await screen.findByRole("list", { name: "Followed sellers" })).getByRole("listitem");
    expect(item).toHaveTextContent("vinylvault");
    expect(item).toHaveTextContent("Ships from Germany · 99.8% · 1,500 ratings · 2,310 listings for sale");
    expect(item).toHaveTextContent("4 of your wanted records");
    expect(item).toHaveTextContent(/Last crawled/);
  });

  it("follows a seller by name, refuses a name that cannot be one, and unfollows", async () => {
    const backend = backendWithFollowed();
    const { user } = await openSellers();
    const field = await within(section()).findByLabelText("Discogs seller");

    await user.type(field, "not a name");
    await user.click(within(section()).getByRole("button", { name: "Follow" }));
    expect(await within(section()).findByText(/Letters, digits, dots/)).toBeInTheDocument();
    expect(backend.sellers.calls.follow).toEqual([]);

    await user.clear(field);
    await user.type(field, "crate_king");
    await user.click(within(section()).getByRole("button", { name: "Follow" }));
    await waitFor(async () => { expect(await followedNames()).toEqual(["crate_king", "vinylvault"]); });
    expect(within(section()).getByText(/Not crawled yet/)).toBeInTheDocument();
    expect(field).toHaveValue("");

    await user.click(within(section()).getByRole("button", { name: "Unfollow vinylvault" }));
    await waitFor(async () => { expect(await followedNames()).toEqual(["crate_king"]); });
    expect(backend.sellers.calls.unfollow).toEqual(["vinylvault"]);
  });

  it("imports a list of names and says what it could not follow", async () => {
    const backend = backendWithFollowed();
    backend.sellers.unknown.add("ghost");
    const { user } = await openSellers();
    await screen.findByRole("list", { name: "Followed sellers" });

    await user.click(screen.getByText("Import a list of sellers"));
    await user.type(screen.getByLabelText(/one per line or separated by commas/), "shop_a, VinylVault{enter}ghost{enter}bad/name");
    await user.click(screen.getByRole("button", { name: "Import 4 names" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Followed 1 seller; 1 was already followed; not user names: bad/name; not on Discogs: ghost.");
    expect(backend.sellers.calls.imports).toEqual([["shop_a", "VinylVault", "ghost", "bad/name"]]);
    await waitFor(async () => { expect(await followedNames()).toEqual(["shop_a", "vinylvault"]); });
  });

  it("follows a Discogs seller from the ranking, and suggests sellers of confirmed and imported listings", async () => {
    const backend = startBackend();
    const search = addWantListSearch(backend);
    backend.market.results.set(search.id, [result(0), discogsResult(5)]);
    backend.sellers.suggestions.push(
      { username: "picked_shop", confirmed_listings: 2, wanted_listings: 1, imported_listings: 0, rating: "98.0", rating_count: 40 },
      { username: "scanned_shop", confirmed_listings: 0, wanted_listings: 0, imported_listings: 3, rating: null, rating_count: null },
    );
    signIn(backend);
    const { user } = await openSellers();

    const table = await screen.findByRole("table", { name: "Sellers by wanted records" });
    // eBay sellers cannot be followed: only a Discogs stock is crawled.
    expect(within(table).queryByRole("button", { name: "Follow groovebox" })).not.toBeInTheDocument();
    const follow = await within(table).findByRole("button", { name: "Follow vinylvault" });
    await waitFor(() => { expect(follow).toBeEnabled(); });
    await user.click(follow);

    await waitFor(async () => { expect(await followedNames()).toEqual(["vinylvault"]); });
    expect(within(table).getByRole("button", { name: "Unfollow vinylvault" })).toHaveAttribute("aria-pressed", "true");

    const suggested = screen.getByRole("list", { name: "Suggested sellers" });
    const [picked, scanned] = within(suggested).getAllByRole("listitem");
    expect(picked).toHaveTextContent("picked_shop2 listings you confirmed · 1 wanted listing · 98% · 40 ratings");
    expect(scanned).toHaveTextContent("scanned_shop3 listings the companion imported");
    await user.click(within(suggested).getByRole("button", { name: "Follow picked_shop" }));
    await waitFor(async () => { expect(await followedNames()).toEqual(["picked_shop", "vinylvault"]); });
    await user.click(within(screen.getByRole("list", { name: "Suggested sellers" })).getByRole("button", { name: "Follow scanned_shop" }));
    await waitFor(async () => { expect(await followedNames()).toEqual(["picked_shop", "scanned_shop", "vinylvault"]); });
    expect(screen.queryByRole("list", { name: "Suggested sellers" })).not.toBeInTheDocument();
  });
});
