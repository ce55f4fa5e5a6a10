import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { basketPlan } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

describe("basket checklist", () => {
  it("prints a plan as a checklist by parcel, with the store and listing addresses", async () => {
    const backend = startBackend();
    signIn(backend);
    backend.market.basket.latest = basketPlan();
    backend.market.basket.bought.add(11);
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const { user } = renderApp("/basket/plans/1/print");

    expect(await screen.findByRole("heading", { name: "Basket checklist", level: 1 }, { timeout: 12_000 })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Primary" })).not.toBeInTheDocument();
    expect(screen.getByText(/3 items from 2 sellers, shipping €13\.50, total €79\.50/)).toBeInTheDocument();
    const first = within(screen.getByRole("region", { name: "Parcel 1: groovebox" }));
    expect(first.getByText("https://www.discogs.test/seller/groovebox/profile")).toBeInTheDocument();
    expect(first.getByText("https://www.discogs.test/sell/item/11")).toBeInTheDocument();
    expect(first.getAllByRole("listitem")[0]).toHaveTextContent("(bought)");
    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });
});
