import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { basketPlan } from "./support/marketFixtures";
import type { FakeBackend } from "./support/fakeBackend";
import { DEFAULT_SYNC_PLAN } from "./support/fakeRuns";
import { renderApp, signIn, startBackend } from "./support/renderApp";

// The page's chunk carries the chart library: the first render can take a while on a busy machine.
const PAGE_LOAD = { timeout: 12_000 };

function setup() {
  const backend = startBackend();
  signIn(backend);
  return backend;
}

/** Waits until the page follows the plan's run, then lets the run finish. */
async function finishPlanRun(backend: FakeBackend) {
  await waitFor(() => {
    const run = backend.runStore.active("basket_plan");
    expect(run !== undefined && backend.runStore.followers(run.id)).toBeGreaterThan(0);
  });
  backend.runStore.finish();
}

function summary() {
  return within(screen.getByRole("region", { name: "Your plan" }));
}

function figure(label: string) {
  return within(summary().getByText(label).parentElement!).getByRole("definition");
}

describe("basket", () => {
  it("shows the latest plan by parcel, with its totals, savings against both baselines and the parcels trade-off", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    renderApp("/basket");

    expect(await screen.findByRole("region", { name: "Your plan" }, PAGE_LOAD)).toBeInTheDocument();
    expect(figure("Total")).toHaveTextContent("€79.50");
    expect(figure("Records")).toHaveTextContent("€66.00");
    expect(figure("Shipping")).toHaveTextContent("€13.50");
    expect(figure("Parcels")).toHaveTextContent("2");
    expect(summary().getByText("The cheapest possible plan (proven).")).toBeInTheDocument();
    expect(summary().getByText(/3 wanted records considered/)).toBeInTheDocument();
    expect(summary().getByRole("listitem", { name: "Cheapest copy of each record, shipped separately" })).toHaveTextContent(
      "You save €9.00 (10%): that way costs €88.50 from 3 sellers.",
    );
    expect(summary().getByRole("listitem", { name: "Seller with most of my records first" })).toHaveTextContent(
      "You save €4.50 (5%): that way costs €84.00 from 2 sellers.",
    );

    const groovebox = within(screen.getByRole("article", { name: "groovebox on Discogs" }));
    expect(groovebox.getByRole("link", { name: "Miles Davis - Kind of Blue" })).toHaveAttribute("href", "/releases/1000");
    const listing = groovebox.getByRole("link", { name: "View on Discogs: John Coltrane - A Love Supreme" });
    expect(listing).toHaveAttribute("href", "https://www.discogs.test/sell/item/12");
    expect(listing).toHaveAttribute("rel", "noopener noreferrer");
    expect(groovebox.getByText("Records").nextElementSibling).toHaveTextContent("€54.00");
    expect(groovebox.getByText("Shipping").nextElementSibling).toHaveTextContent("€7.50");
    expect(groovebox.getByText("€61.50")).toBeInTheDocument();
    expect(groovebox.queryByText(/estimated/i)).not.toBeInTheDocument();
    expect(groovebox.getByText("99.8% · 1,234 ratings · Ships from Netherlands")).toBeInTheDocument();
    expect(groovebox.getByText("≈ €29.00 delivered on its own")).toBeInTheDocument();

    const crateKing = within(screen.getByRole("article", { name: "crate_king on eBay" }));
    expect(crateKing.getByText("Shipping").nextElementSibling).toHaveTextContent("€6.00 (estimated)");
    expect(crateKing.getByText("Shipping not stated")).toBeInTheDocument();
    expect(crateKing.getByText("Media Not graded")).toBeInTheDocument();
    expect(groovebox.getByText("Media VG+")).toBeInTheDocument();
    expect(crateKing.getByText("“CAN Tago Mago 2LP UA”")).toBeInTheDocument();
    expect(crateKing.getByText("97.1% · 310 ratings · Ships from United Kingdom")).toBeInTheDocument();
    expect(crateKing.getByText("listed at £10.20")).toBeInTheDocument();
    expect(crateKing.queryByText(/delivered/)).not.toBeInTheDocument();

    const chart = screen.getByRole("figure", { name: "Cheapest total by number of parcels" });
    expect(chart.querySelector(".recharts-surface")).not.toBeNull();
    const rows = within(chart).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(["1€95.00", "2 (this plan)€79.50"]);
  });

  it("plans with a cap on sellers after checking it, and shows the new plan", async () => {
    const backend = setup();
    const base = basketPlan();
    backend.market.basket.next = base;
    backend.market.basket.capped.set(
      1,
      basketPlan({
        total: "95.00",
        items_total: "80.00",
        shipping_total: "15.00",
        seller_count: 1,
        parcels: [{ ...base.parcels[0]!, total: "95.00" }],
        baselines: [{ name: "cheapest_each", total: "88.50", seller_count: 3, savings: "-6.50", savings_fraction: -0.0734 }],
      }),
    );
    const { user } = renderApp("/basket");
    expect(await screen.findByRole("heading", { name: "No basket planned yet" }, PAGE_LOAD)).toBeInTheDocument();

    const field = screen.getByRole("textbox", { name: "At most this many sellers (optional)" });
    await user.type(field, "0");
    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    expect(await screen.findByText("Enter a whole number from 1 to 500, or leave it empty.")).toBeInTheDocument();
    expect(field).toHaveAccessibleDescription(expect.stringContaining("Enter a whole number") as string);
    expect(backend.market.calls.plans).toEqual([]);

    await user.clear(field);
    await user.type(field, "1");
    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    // The plan is worked out by a run: the page says so until the run has finished.
    expect(await screen.findByRole("button", { name: "Planning…" })).toBeDisabled();
    expect(screen.getByText(/Working out the cheapest combination/)).toBeInTheDocument();
    await finishPlanRun(backend);
    expect(await screen.findByText("Your basket is planned.")).toBeInTheDocument();
    expect(backend.market.calls.plans).toEqual([{ frontier: true, max_sellers: 1 }]);
    expect(figure("Total")).toHaveTextContent("€95.00");
    expect(summary().getByRole("listitem", { name: "Cheapest copy of each record, shipped separately" })).toHaveTextContent(
      "This plan costs €6.50 more (the seller limit): that way costs €88.50 from 3 sellers.",
    );

    await user.clear(field);
    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    await finishPlanRun(backend);
    await waitFor(() => { expect(figure("Total")).toHaveTextContent("€79.50"); });
    expect(backend.market.calls.plans.at(-1)).toEqual({ frontier: true });
  });

  it("explains that a want list search has to run first when there is nothing to plan", async () => {
    const backend = setup();
    const { user } = renderApp("/basket");
    await screen.findByRole("heading", { name: "No basket planned yet" }, PAGE_LOAD);

    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    const empty = await screen.findByRole("heading", { name: "Nothing to plan yet" });
    const state = within(empty.parentElement!);
    expect(state.getByText("None of your wanted records has a current listing yet: run a search of your want list first.")).toBeInTheDocument();
    expect(state.getByRole("link", { name: "Searches" })).toHaveAttribute("href", "/searches");
    expect(backend.market.calls.plans).toHaveLength(1);
  });

  it("keeps the last plan in view when there is nothing to plan any more", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan({ status: "feasible", gap: 0.023, frontier: [] });
    const { user } = renderApp("/basket");
    expect(await screen.findByText("The best plan found in the time allowed: at most 2% above the cheapest possible.", {}, PAGE_LOAD)).toBeInTheDocument();
    expect(screen.getByText(/The cost for other numbers of parcels was not worked out/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "None of your wanted records has a current listing yet: run a search of your want list first. Below is your last plan",
    );
    expect(figure("Total")).toHaveTextContent("€79.50");
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
