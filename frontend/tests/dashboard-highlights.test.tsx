import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { basketPlan, result } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

function highlight(title: string) {
  const region = screen.getByRole("region", { name: "Highlights" });
  return within(region).getByRole("heading", { name: title }).closest("li")!;
}

describe("dashboard highlights", () => {
  it("counts nothing on a first visit, which the server remembers", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    signIn(backend);
    renderApp("/dashboard");

    expect(await screen.findByText("New wanted listings will be counted from your next visit.")).toBeInTheDocument();
    expect(backend.dashboard.visitedAt).not.toBeNull();
    expect(await within(highlight("Basket")).findByText("No basket planned yet.")).toBeInTheDocument();
  });

  it("keeps comparing with the previous visit when the dashboard is opened again within a visit", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.market.results.set(1, [result(1, { first_seen_at: "2025-02-20T12:00:00.000Z" })]);
    backend.dashboard.visitedAt = "2025-02-10T00:00:00.000Z";
    signIn(backend);
    const first = renderApp("/dashboard");
    await screen.findByRole("region", { name: "Highlights" });
    expect(await within(highlight("New matches")).findByText("1")).toBeInTheDocument();
    first.unmount();

    // A reload a moment later: still the same visit, still compared with 10 February.
    renderApp("/dashboard");
    await screen.findByRole("region", { name: "Highlights" });
    const matches = highlight("New matches");
    expect(await within(matches).findByText("1")).toBeInTheDocument();
    expect(matches).toHaveTextContent(/since your last visit \(Feb 10, 2025|10 Feb 2025/);
    expect(backend.calls.dashboardVisits).toBeGreaterThanOrEqual(2);
    expect(localStorage.getItem("vinyldigger.dashboard.lastVisit")).toBeNull();
  });

  it("counts wanted listings found since the last visit and shows the basket's savings", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.market.results.set(1, [
      result(1, { first_seen_at: "2025-02-20T12:00:00.000Z" }),
      result(2, { first_seen_at: "2025-02-25T12:00:00.000Z" }),
      result(3, { first_seen_at: "2025-02-26T12:00:00.000Z", wanted: false }),
      result(4, { first_seen_at: "2025-02-27T12:00:00.000Z", gone_at: "2025-02-28T12:00:00.000Z" }),
      result(5, { first_seen_at: "2025-01-01T12:00:00.000Z" }),
    ]);
    backend.market.basket.latest = basketPlan();
    backend.dashboard.visitedAt = "2025-02-10T00:00:00.000Z";
    signIn(backend);
    renderApp("/dashboard");

    const matches = highlight("New matches");
    expect(await within(matches).findByText("2")).toBeInTheDocument();
    expect(matches).toHaveTextContent("new wanted listings since your last visit");
    const finds = within(within(matches).getByRole("list", { name: "Cheapest new finds" })).getAllByRole("listitem");
    expect(finds).toHaveLength(2);
    for (const find of finds) expect(find).toHaveTextContent(/≈\s€[\d.,]+ (delivered|\+\sshipping unknown)/);
    const basket = highlight("Basket");
    expect(await within(basket).findByText(/€79\.50|79\.50/)).toBeInTheDocument();
    expect(basket).toHaveTextContent("from 2 sellers");
    expect(basket).toHaveTextContent(/saving .*9\.00.* against buying each record at its cheapest/);
  });
});
