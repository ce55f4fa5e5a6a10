import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { otherUser } from "./support/fakeAdmin";
import type { FakeBackend } from "./support/fakeBackend";
import { renderApp, signIn, startBackend } from "./support/renderApp";

afterEach(() => { vi.unstubAllGlobals(); });

function adminBackend(others = [otherUser(2), otherUser(3, { email: "dj.crate@vinyl.test", is_admin: true }), otherUser(4, { is_active: false })]): FakeBackend {
  const backend = startBackend();
  backend.user = { ...backend.user, is_admin: true };
  backend.admin.others = others;
  signIn(backend);
  return backend;
}

async function accountsTable() {
  const table = await screen.findByRole("table", { name: "Accounts" });
  await waitFor(() => { expect(table).toHaveAttribute("aria-busy", "false"); });
  return table;
}

function rowEmails(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole("rowheader")
    .map((cell) => within(cell).getByText(/@/).textContent);
}

describe("admin", () => {
  it("lists the accounts with their access and searches them by e-mail through the address", async () => {
    const backend = adminBackend();
    const { user, router } = renderApp("/admin");

    expect(await screen.findByRole("heading", { name: "Admin", level: 1 })).toBeInTheDocument();
    const table = await accountsTable();
    expect(rowEmails(table)).toEqual(["digger@example.com", "user2@example.com", "dj.crate@vinyl.test", "user4@example.com"]);
    const me = within(table).getByRole("row", { name: /digger@example\.com/ });
    expect(within(me).getByText("You")).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "Administrator: dj.crate@vinyl.test" })).toBeChecked();
    expect(screen.getByRole("switch", { name: "Administrator: user2@example.com" })).not.toBeChecked();
    expect(screen.getByRole("switch", { name: "Active: user4@example.com" })).not.toBeChecked();
    expect(within(within(table).getByRole("row", { name: /user4@example\.com/ })).getByText("Disabled")).toBeInTheDocument();
    expect(screen.getByText(/1–4 of 4 accounts/)).toBeInTheDocument();

    await user.type(screen.getByRole("searchbox", { name: "Search accounts" }), "VINYL");
    await waitFor(() => { expect(router.state.location.search).toBe("?q=VINYL"); });
    await waitFor(() => { expect(rowEmails(table)).toEqual(["dj.crate@vinyl.test"]); });
    expect(backend.admin.calls.listUsers.at(-1)).toMatchObject({ q: "VINYL", page: "1" });

    await user.clear(screen.getByRole("searchbox", { name: "Search accounts" }));
    await user.type(screen.getByRole("searchbox", { name: "Search accounts" }), "nobody");
    expect(await screen.findByRole("heading", { name: "No accounts match “nobody”" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear the search" }));
    await waitFor(() => { expect(router.state.location.search).toBe(""); });
    expect(rowEmails(await accountsTable())).toHaveLength(4);
  });

  it("pages through many accounts", async () => {
    adminBackend(Array.from({ length: 29 }, (_, index) => otherUser(index + 2)));
    const { user, router } = renderApp("/admin");

    await accountsTable();
    expect(screen.getByText(/1–25 of 30 accounts/)).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Next page" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?page=2"); });
    await waitFor(() => { expect(screen.getByText(/26–30 of 30 accounts/)).toBeInTheDocument(); });
    expect(rowEmails(await accountsTable())).toEqual(["user26@example.com", "user27@example.com", "user28@example.com", "user29@example.com", "user30@example.com"]);
  });

  it("disables an account only after confirmation, and enables it again at once", async () => {
    const backend = adminBackend();
    const { user } = renderApp("/admin");
    await accountsTable();

    const active = screen.getByRole("switch", { name: "Active: user2@example.com" });
    await user.click(active);
    let dialog = await screen.findByRole("alertdialog", { name: "Disable user2@example.com?" });
    expect(within(dialog).getByText(/can no longer sign in/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(active).toBeChecked();
    expect(backend.admin.calls.updateUser).toEqual([]);

    await user.click(active);
    dialog = await screen.findByRole("alertdialog", { name: "Disable user2@example.com?" });
    await user.click(within(dialog).getByRole("button", { name: "Disable account" }));
    expect(await screen.findByText("user2@example.com is disabled.")).toBeInTheDocument();
    expect(backend.admin.calls.updateUser).toEqual([{ id: 2, body: { is_active: false } }]);
    await waitFor(() => { expect(screen.getByRole("switch", { name: "Active: user2@example.com" })).not.toBeChecked(); });
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();

    await user.click(screen.getByRole("switch", { name: "Active: user2@example.com" }));
    expect(await screen.findByText("user2@example.com can sign in again.")).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(backend.admin.calls.updateUser.at(-1)).toEqual({ id: 2, body: { is_active: true } });
    await waitFor(() => { expect(screen.getByRole("switch", { name: "Active: user2@example.com" })).toBeChecked(); });
  });

  it("shows the backend's message when an administrator tries to demote themselves", async () => {
    const backend = adminBackend();
    const { user } = renderApp("/admin");
    await accountsTable();

    const admin = screen.getByRole("switch", { name: "Administrator: digger@example.com" });
    await user.click(admin);
    const dialog = await screen.findByRole("alertdialog", { name: "Remove administrator rights from digger@example.com?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove rights" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("You cannot disable or demote your own account");
    expect(backend.admin.calls.updateUser).toEqual([{ id: 1, body: { is_admin: false } }]);
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(admin).toBeChecked();
    expect(backend.user.is_admin).toBe(true);
  });

  it("lists the instance's settings", async () => {
    const backend = adminBackend();
    backend.admin.instance = { ...backend.admin.instance, version: "1.2.3", mode: "distributed", database: "postgresql", redis: true };
    renderApp("/admin");

    const panel = await screen.findByRole("region", { name: "Instance" });
    const value = (label: string) => within(panel).getByText(label).nextElementSibling?.textContent;
    await within(panel).findByText("Version");
    expect(value("Version")).toBe("1.2.3");
    expect(value("Mode")).toBe("Distributed (jobs run in separate workers)");
    expect(value("Database")).toBe("PostgreSQL");
    expect(value("Redis")).toBe("Connected");
    expect(value("Discogs API")).toBe("https://api.discogs.com");
    expect(value("eBay API")).toBe("https://api.ebay.com");
    expect(value("Discogs rate limit")).toBe("60 requests per minute");
    expect(value("eBay call budget")).toBe("5,000 calls per day");
    expect(value("eBay pages per query")).toBe("2");
    expect(value("Discogs sellers per search run")).toBe("25");
    expect(value("Pages per seller inventory")).toBe("3");
    expect(value("Sign-in lasts")).toBe("15 minutes per access token");
    expect(value("Failed sign-ins allowed")).toBe("5 attempts per minute");
  });

  it("shows the accounts as cards on a phone", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    adminBackend();
    const { user } = renderApp("/admin");

    const list = await screen.findByRole("list", { name: "Accounts" });
    const cards = within(list).getAllByRole("listitem");
    expect(cards).toHaveLength(4);
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    const card = within(cards[1]!);
    expect(card.getByText("user2@example.com")).toBeInTheDocument();
    await user.click(card.getByRole("switch", { name: "Administrator: user2@example.com" }));
    expect(await screen.findByText("user2@example.com is now an administrator.")).toBeInTheDocument();
    await waitFor(() => { expect(card.getByRole("switch", { name: "Administrator: user2@example.com" })).toBeChecked(); });
  });
});
