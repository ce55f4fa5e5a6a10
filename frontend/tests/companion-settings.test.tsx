import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, signIn, startBackend } from "./support/renderApp";

async function openCompanion() {
  const backend = startBackend();
  signIn(backend);
  const app = renderApp("/settings");
  const section = within(await screen.findByRole("region", { name: "Browser companion" }));
  return { ...app, backend, section };
}

describe("settings: browser companion", () => {
  it("shows a new import token once, then only its hint, and revokes it", async () => {
    const { user, backend, section } = await openCompanion();
    expect(await section.findByText("No import tokens yet.")).toBeInTheDocument();

    await user.type(section.getByLabelText("Token name"), "Firefox");
    await user.click(section.getByRole("button", { name: "Create import token" }));
    const shown = await section.findByTestId("new-import-token");
    expect(shown.textContent).toMatch(/^vdi_/);
    const list = within(await section.findByRole("list", { name: "Import tokens" }));
    expect(list.getByText("Firefox")).toBeInTheDocument();

    await user.click(section.getByRole("button", { name: "Done" }));
    expect(section.queryByTestId("new-import-token")).not.toBeInTheDocument();
    expect(list.getByText(`…${backend.imports.tokens[0]?.hint ?? ""}`)).toBeInTheDocument();

    await user.click(list.getByRole("button", { name: "Revoke Firefox" }));
    await user.click(await screen.findByRole("button", { name: "Revoke" }));
    expect(await list.findByText("Revoked")).toBeInTheDocument();
    expect(backend.imports.tokens[0]?.revoked_at).not.toBeNull();
  });

  it("shows an import being read, and what a finished one found", async () => {
    const backend = startBackend();
    const counts = { queued: 0, reading: 0, stored: 0, not_found: 0, not_for_sale: 0, not_wanted: 0, failed: 0 };
    backend.imports.history = [
      { id: 2, created_at: backend.clock(), finished_at: null, done: false, listings: 10, releases: 0, counts: { ...counts, queued: 6, stored: 4 }, seller_names: ["shop"] },
      { id: 1, created_at: backend.clock(), finished_at: backend.clock(), done: true, listings: 5, releases: 2, counts: { ...counts, stored: 3, not_found: 1, not_wanted: 1 }, seller_names: [] },
    ];
    signIn(backend);
    renderApp("/settings");
    const history = within(await screen.findByRole("region", { name: "Recent imports" }));
    const bar = await history.findByRole("progressbar");
    expect(bar).toHaveAttribute("aria-valuetext", "4 of 10 read");
    expect(history.getByText("Sellers: shop")).toBeInTheDocument();
    expect(history.getByText("3 wanted listings stored · 1 not in your want list · 1 not found on Discogs")).toBeInTheDocument();
  });
});
