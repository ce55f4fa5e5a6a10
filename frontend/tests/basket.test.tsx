import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { basketPlan, partialPlan } from "./support/marketFixtures";
import { DEFAULT_SYNC_PLAN } from "./support/fakeRuns";
import { renderApp, signIn, startBackend } from "./support/renderApp";

// The page's chunk carries the chart library: the first render can take a while on a busy machine.
const PAGE_LOAD = { timeout: 12_000 };

function setup() {
  const backend = startBackend();
  signIn(backend);
  return backend;
}

function summary() {
  return within(screen.getByRole("region", { name: "Your plan" }));
}

function figure(label: string) {
  return within(summary().getByText(label).parentElement!).getByRole("definition");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("basket plan", () => {
  it("shows the summary first, then parcels linking to each store and listing, and the frontier with its knee", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    renderApp("/basket");

    expect(await screen.findByRole("region", { name: "Your plan" }, PAGE_LOAD)).toBeInTheDocument();
    expect(summary().getByText("Complete plan")).toBeInTheDocument();
    expect(figure("Sellers")).toHaveTextContent("2");
    expect(figure("Items")).toHaveTextContent("3");
    expect(figure("Shipping")).toHaveTextContent("€13.50");
    expect(figure("Total")).toHaveTextContent("€79.50");
    expect(summary().getByText("The cheapest possible plan (proven).")).toBeInTheDocument();
    expect(summary().getByRole("listitem", { name: "Cheapest copy of each record, shipped separately" })).toHaveTextContent(
      "You save €9.00 (10%): that way costs €88.50 from 3 sellers.",
    );

    const groovebox = within(screen.getByRole("article", { name: "groovebox on Discogs" }));
    expect(groovebox.getByRole("link", { name: "Store of groovebox on Discogs" })).toHaveAttribute("href", "https://www.discogs.test/seller/groovebox/profile");
    expect(groovebox.getByRole("link", { name: "Miles Davis - Kind of Blue" })).toHaveAttribute("href", "/releases/1000");
    const listing = groovebox.getByRole("link", { name: "View on Discogs: John Coltrane - A Love Supreme" });
    expect(listing).toHaveAttribute("href", "https://www.discogs.test/sell/item/12");
    expect(listing).toHaveAttribute("rel", "noopener noreferrer");
    expect(groovebox.getByText("Records").nextElementSibling).toHaveTextContent("€54.00");
    expect(groovebox.getByText("Shipping").nextElementSibling).toHaveTextContent("€7.50");
    expect(groovebox.getByText("VG+/VG")).toBeInTheDocument();
    const crateKing = within(screen.getByRole("article", { name: "crate_king on eBay" }));
    expect(crateKing.getByRole("link", { name: "Store of crate_king on eBay" })).toHaveAttribute("href", "https://www.ebay.test/usr/crate_king");
    expect(crateKing.getByText("Shipping").nextElementSibling).toHaveTextContent("€6.00 (estimated)");
    expect(crateKing.getByText("listed at £10.20")).toBeInTheDocument();

    const chart = screen.getByRole("figure", { name: "Cheapest total by number of parcels" });
    expect(chart.querySelector(".recharts-surface")).not.toBeNull();
    expect(within(chart).getByText("Best trade-off: 2 parcels at the lowest cost (€79.50)")).toBeInTheDocument();
    const rows = within(chart).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(["1€95.00 (+20%) (best found in time; the cheapest may be up to €0.20 less)Open plan", "2 (knee)€79.50Open plan"]);
  });

  it("collapses parcels on phones: the summary first, a parcel's items on demand", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    const { user } = renderApp("/basket");
    const parcel = await screen.findByRole("article", { name: "groovebox on Discogs" }, PAGE_LOAD);
    const toggle = within(parcel).getByRole("button", { name: "Show items of groovebox" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(within(parcel).queryByRole("link", { name: "Miles Davis - Kind of Blue" })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(within(parcel).getByRole("link", { name: "Miles Davis - Kind of Blue" })).toBeVisible();
    expect(within(parcel).getByRole("button", { name: "Hide items of groovebox" })).toHaveAttribute("aria-expanded", "true");
  });

  it("keeps the last complete plan beside a partial one, names what was left out and why, and lets the user switch", async () => {
    const backend = setup();
    const partial = partialPlan();
    backend.market.basket.plans = [basketPlan(), { ...partial, unfilled: [...partial.unfilled, { release_id: 1003, release: "Nico - Chelsea Girl", reason: "no_listing", required: false }] }];
    const { user } = renderApp("/basket");

    expect(await screen.findByText("Partial plan: 1 record left out", {}, PAGE_LOAD)).toBeInTheDocument();
    const left = within(screen.getByRole("region", { name: "Not in this plan" }));
    expect(left.getByRole("link", { name: "Can - Tago Mago" })).toBeInTheDocument();
    expect(left.getByRole("list", { name: "Not in this plan" })).toHaveTextContent("Can - Tago Mago Left out by the limit on parcels");
    await user.click(left.getByText("1 record has no listing to buy (none for sale, or none of your grade)"));
    expect(left.getByRole("list", { name: "Records with no listing to buy" })).toHaveTextContent("Nico - Chelsea Girl No listing for sale");
    const compare = within(screen.getByRole("region", { name: "Compare your plans" }));
    expect(compare.getByRole("row", { name: /^Total/ })).toHaveTextContent("Total€79.50€61.50");
    await user.click(compare.getByRole("button", { name: "Show the latest complete plan" }));
    expect(await screen.findByText("Complete plan")).toBeInTheDocument();
    expect(figure("Total")).toHaveTextContent("€79.50");
    expect(screen.queryByRole("region", { name: "Not in this plan" })).not.toBeInTheDocument();
  });

  it("shows the new plan as soon as it is solved, while the cost by number of parcels is still worked out", async () => {
    const backend = setup();
    backend.market.basket.next = basketPlan();
    const { user } = renderApp("/basket");
    expect(await screen.findByRole("heading", { name: "No basket planned yet" }, PAGE_LOAD)).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Plan my basket" }));
    await waitFor(() => {
      const active = backend.runStore.active("basket_plan");
      expect(active !== undefined && backend.runStore.followers(active.id)).toBeGreaterThan(0);
    });
    const run = backend.runStore.active("basket_plan")!;
    backend.runStore.advance(run.id);
    backend.runStore.advance(run.id);

    expect(await screen.findByRole("region", { name: "Your plan" })).toBeInTheDocument();
    expect(figure("Total")).toHaveTextContent("€79.50");
    expect(screen.getByRole("article", { name: "groovebox on Discogs" })).toBeInTheDocument();
    expect(screen.getByText(/^Working out the cost for other numbers of parcels…/)).toHaveAttribute("role", "status");
    expect(screen.queryByRole("figure", { name: "Cheapest total by number of parcels" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Planning…" })).toBeDisabled();
    expect(screen.queryByText("Your basket is planned.")).not.toBeInTheDocument();

    backend.runStore.finish(run.id);
    expect(await screen.findByText("Your basket is planned.")).toBeInTheDocument();
    const chart = await screen.findByRole("figure", { name: "Cheapest total by number of parcels" });
    expect(within(chart).getByText("Best trade-off: 2 parcels at the lowest cost (€79.50)")).toBeInTheDocument();
    expect(screen.queryByText(/^Working out the cost/)).not.toBeInTheDocument();
  });

  it("says when the cost by number of parcels could not be worked out", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan({ frontier: [], frontier_status: "failed" });
    renderApp("/basket");
    expect(await screen.findByRole("region", { name: "Your plan" }, PAGE_LOAD)).toBeInTheDocument();
    expect(screen.getByText("The cost for other numbers of parcels could not be worked out this time. Plan again to try once more.")).toBeInTheDocument();
  });

  it("opens a frontier point's plan", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    const { user } = renderApp("/basket");
    const chart = await screen.findByRole("figure", { name: "Cheapest total by number of parcels" }, PAGE_LOAD);
    await user.click(within(chart).getByRole("button", { name: "Open the plan for 1 parcel" }));
    await waitFor(() => { expect(figure("Total")).toHaveTextContent("€95.00"); });
    expect(summary().getByText(/at most 1 parcel/)).toBeInTheDocument();
  });

  it("follows a plan already being worked out when the page opens, and says when it failed", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    const run = backend.runStore.create("basket_plan", { ...DEFAULT_SYNC_PLAN, pages: 2, failWith: "The solver stopped" }, () => ({}));
    backend.runStore.advance(run.id);
    renderApp("/basket");
    expect(await screen.findByRole("button", { name: "Planning…" }, PAGE_LOAD)).toBeDisabled();
    expect(figure("Total")).toHaveTextContent("€79.50");
    await waitFor(() => { expect(backend.runStore.followers(run.id)).toBeGreaterThan(0); });
    backend.runStore.finish(run.id);
    expect(await screen.findByText("The basket could not be planned: The solver stopped")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Plan my basket" })).toBeEnabled();
    expect(figure("Total")).toHaveTextContent("€79.50");
  });
});
