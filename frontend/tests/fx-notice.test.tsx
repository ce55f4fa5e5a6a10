import { render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AppProviders } from "../src/AppProviders";
import { FxNotice } from "../src/components/FxNotice";
import { fxStatusKey } from "../src/hooks/useFxStatus";
import { createQueryClient } from "../src/lib/queryClient";
import type { FakeBackend } from "./support/fakeBackend";
import { FRESH_FX, MISSING_FX } from "./support/fakeFx";
import { renderApp, signIn, startBackend } from "./support/renderApp";

function signedInBackend(): FakeBackend {
  const backend = startBackend();
  signIn(backend);
  return backend;
}

function renderNotice() {
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <FxNotice />
    </AppProviders>,
  );
  return { ...view, queryClient };
}

describe("FxNotice", () => {
  it("renders nothing while the rates are current", async () => {
    signedInBackend();
    const { queryClient } = renderNotice();
    await waitFor(() => { expect(queryClient.getQueryState(fxStatusKey)?.status).toBe("success"); });
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(screen.queryByText(/exchange rates/i)).not.toBeInTheDocument();
  });

  it("says how old stale rates are", async () => {
    const backend = signedInBackend();
    backend.fx = { ...FRESH_FX, rates_date: "2025-02-23", age_days: 6, stale: true };
    renderNotice();
    expect(await screen.findByRole("status")).toHaveTextContent("Exchange rates are 6 days old: converted totals may be off.");
  });

  it("says that converted totals are missing while no rates could be loaded", async () => {
    const backend = signedInBackend();
    backend.fx = { ...MISSING_FX };
    renderNotice();
    expect(await screen.findByRole("status")).toHaveTextContent("No exchange rates yet: converted totals are missing; retrying.");
  });

  it("stands at the top of a page with converted figures", async () => {
    const backend = signedInBackend();
    backend.fx = { ...MISSING_FX };
    renderApp("/");
    expect(await screen.findByRole("heading", { name: "Dashboard", level: 1 })).toBeInTheDocument();
    expect(await screen.findByText("No exchange rates yet: converted totals are missing; retrying.")).toBeInTheDocument();
  });
});

describe("Admin's exchange rates", () => {
  it("shows the rates' date and age, and the last failure to load them", async () => {
    const backend = signedInBackend();
    backend.user = { ...backend.user, is_admin: true };
    backend.admin.instance = {
      ...backend.admin.instance,
      fx: { ...FRESH_FX, rates_date: "2025-02-23", age_days: 6, stale: true, last_failure_at: "2025-03-01T09:59:00Z", last_error: "ecb GET /eurofxref-daily.xml: HTTP 503", consecutive_failures: 3 },
    };
    renderApp("/admin");
    const panel = await screen.findByRole("region", { name: "Instance" });
    await within(panel).findByText("Exchange rates");
    const value = (label: string) => within(panel).getByText(label).nextElementSibling?.textContent ?? "";
    const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(new Date("2025-02-23T00:00:00Z"));
    expect(value("Exchange rates")).toMatch(new RegExp(`^ECB rates of ${day} \\(6 days old, stale\\), loaded `));
    expect(value("Last rates failure")).toContain("ecb GET /eurofxref-daily.xml: HTTP 503 (3 failures in a row; next try ");
    expect(value("Exchange rates source")).toBe("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml");
  });

  it("says when no rates were ever loaded and no attempt failed", async () => {
    const backend = signedInBackend();
    backend.user = { ...backend.user, is_admin: true };
    backend.admin.instance = { ...backend.admin.instance, fx: { ...MISSING_FX, last_failure_at: null, last_error: null, consecutive_failures: 0 } };
    renderApp("/admin");
    const panel = await screen.findByRole("region", { name: "Instance" });
    await within(panel).findByText("Exchange rates");
    const value = (label: string) => within(panel).getByText(label).nextElementSibling?.textContent ?? "";
    expect(value("Exchange rates")).toBe("None loaded yet: foreign prices have no converted figure");
    expect(value("Last rates failure")).toBe("None");
  });
});
