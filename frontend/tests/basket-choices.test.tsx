import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { finishPlanRun } from "./support/basketRuns";
import { basketPlan, partialPlan } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

const PAGE_LOAD = { timeout: 12_000 };

function setup() {
  const backend = startBackend();
  signIn(backend);
  return backend;
}

function summary() {
  return within(screen.getByRole("region", { name: "Your plan" }));
}

function wantChoice(id: number, release: string) {
  return { want_id: id, release_id: 1000 + id, release, choice: "optional" as const, max_price: null, any_pressing: null, bought: false };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("basket choices and carrying a plan out", () => {
  it("checks the choices, saves them and plans; a partial plan is not announced as a success", async () => {
    const backend = setup();
    backend.market.basket.next = basketPlan();
    backend.market.basket.capped.set(1, partialPlan());
    const { user } = renderApp("/basket");
    expect(await screen.findByRole("heading", { name: "No basket planned yet" }, PAGE_LOAD)).toBeInTheDocument();

    const cap = await screen.findByRole("textbox", { name: "At most this many parcels" });
    await user.type(cap, "0");
    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    expect(await screen.findByText("Enter a whole number from 1 to 500, or leave it empty.")).toBeInTheDocument();
    expect(backend.market.calls.choices).toEqual([]);

    await user.clear(cap);
    await user.type(cap, "1");
    await user.selectOptions(screen.getByRole("combobox", { name: "Minimum media grade" }), "VG+");
    await user.type(screen.getByRole("textbox", { name: "Budget (EUR)" }), "150");
    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    await finishPlanRun(backend);
    expect(await screen.findByText("Partial plan: some records are left out, see why below. Your last complete plan is kept.")).toBeInTheDocument();
    expect(screen.queryByText("Your basket is planned.")).not.toBeInTheDocument();
    expect(backend.market.calls.choices).toEqual([{ min_media_grade: "VG+", min_sleeve_grade: null, max_parcels: 1, budget: "150", default_value: null }]);
    expect(summary().getByText("Partial plan: 1 record left out")).toBeInTheDocument();

    await user.clear(cap);
    await user.click(screen.getByRole("button", { name: "Plan my basket" }));
    await finishPlanRun(backend);
    expect(await screen.findByText("Your basket is planned.")).toBeInTheDocument();
    await waitFor(() => { expect(summary().getByText("Complete plan")).toBeInTheDocument(); });
    expect(screen.getByRole("region", { name: "Compare your plans" })).toBeInTheDocument();
  });

  it("announces a plan that cannot buy the must-buy records as a failure", async () => {
    const backend = setup();
    backend.market.basket.next = partialPlan({ kind: "infeasible", status: "infeasible", parcels: [], message: "No plan can buy every must-buy record within 1 seller." });
    const { user } = renderApp("/basket");
    await user.click(await screen.findByRole("button", { name: "Plan my basket" }, PAGE_LOAD));
    await finishPlanRun(backend);
    expect(await screen.findByText("No plan can buy your must-buy records within your limits. Your last complete plan is kept.")).toBeInTheDocument();
    expect(summary().getByText("No plan within your limits")).toBeInTheDocument();
    expect(summary().getByText("No plan can buy every must-buy record within 1 seller.")).toBeInTheDocument();
  });

  it("lists each record's choice by page and saves a change", async () => {
    const backend = setup();
    backend.market.basket.wants = Array.from({ length: 12 }, (_, index) => wantChoice(index + 1, `Artist ${String(index + 1)} - Album`));
    const { user } = renderApp("/basket");
    await user.click(await screen.findByText("Choices for each record", {}, PAGE_LOAD));
    const table = await screen.findByRole("table", { name: "Choices for each wanted record" });
    expect(within(table).getAllByRole("row")).toHaveLength(11);
    expect(screen.getByText(/1–10 of 12/)).toBeInTheDocument();

    await user.selectOptions(within(table).getByRole("combobox", { name: "Choice for Artist 2 - Album" }), "must");
    await user.type(within(table).getByRole("textbox", { name: "Max price delivered for Artist 2 - Album (EUR)" }), "25");
    await user.selectOptions(within(table).getByRole("combobox", { name: "Pressing wanted for Artist 2 - Album" }), "any");
    await user.click(within(table).getByRole("button", { name: "Save choices for Artist 2 - Album" }));
    await waitFor(() => { expect(backend.market.calls.wantChoices).toEqual([{ want_id: 2, choice: "must", max_price: "25", any_pressing: true }]); });

    await user.click(screen.getByRole("link", { name: /Next/ }));
    expect(await screen.findByRole("rowheader", { name: "Artist 12 - Album" })).toBeInTheDocument();
  });

  it("exports the plan as CSV, marks an item bought and re-plans the rest", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    backend.market.basket.next = basketPlan({ parcels: [basketPlan().parcels[1]!] });
    const created: Blob[] = [];
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: (blob: Blob) => { created.push(blob); return "blob:plan"; }, revokeObjectURL: () => undefined }));
    const { user } = renderApp("/basket");
    await user.click(await screen.findByRole("button", { name: "Export as CSV" }, PAGE_LOAD));
    await waitFor(() => { expect(created).toHaveLength(1); });
    expect(await created[0]!.text()).toContain("groovebox");
    expect(screen.getByRole("link", { name: "Printable checklist" })).toHaveAttribute("href", "/basket/plans/1/print");

    const groovebox = within(screen.getByRole("article", { name: "groovebox on Discogs" }));
    await user.click(groovebox.getByRole("checkbox", { name: "Bought: Miles Davis - Kind of Blue" }));
    await waitFor(() => { expect(backend.market.basket.bought.has(11)).toBe(true); });
    expect(await groovebox.findByText("Bought")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Re-plan the rest" }));
    await finishPlanRun(backend);
    expect(backend.market.calls.plans.at(-1)).toEqual({ frontier: true, replan_of: 1 });
    await waitFor(() => { expect(screen.queryByRole("article", { name: "groovebox on Discogs" })).not.toBeInTheDocument(); });
    expect(summary().getByText("Re-plans the rest of plan #1.")).toBeInTheDocument();
  });

  it("ticks the box at once while the server saves it; when saving fails the box shows what is saved and says why", async () => {
    const backend = setup();
    backend.market.basket.latest = basketPlan();
    let answer: () => void = () => undefined;
    backend.market.basket.markAnswer = new Promise<void>((resolve) => { answer = resolve; });
    const { user } = renderApp("/basket");
    const groovebox = within(await screen.findByRole("article", { name: "groovebox on Discogs" }, PAGE_LOAD));
    const box = groovebox.getByRole("checkbox", { name: "Bought: Miles Davis - Kind of Blue" });

    // Straight after the click, before any timer runs: the box must not flip back meanwhile.
    fireEvent.click(box);
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    answer();
    expect(await groovebox.findByText("Bought")).toBeInTheDocument();
    await waitFor(() => { expect(box).toBeEnabled(); });
    expect(box).toBeChecked();

    backend.market.basket.markFails = true;
    await user.click(box);
    await waitFor(() => { expect(box).toBeEnabled(); });
    expect(box).toBeChecked();
    expect(groovebox.getByRole("alert")).toHaveTextContent("Not saved: Plan item not found");
    expect(backend.market.basket.bought.has(11)).toBe(true);
  });
});
