import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, signIn, startBackend } from "./support/renderApp";

describe("app shell", () => {
  it("offers every section in the navigation, without Admin for a regular user", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/dashboard");

    const nav = await screen.findByRole("navigation", { name: "Primary" });
    await screen.findByText(backend.user.email);
    const labels = within(nav).getAllByRole("link").map((link) => link.textContent);
    expect(labels).toEqual(["Dashboard", "Want list", "Collection", "Searches", "Sellers", "Basket", "Runs", "Settings"]);
    expect(within(nav).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  });

  it("shows Admin to administrators and opens it", async () => {
    const backend = startBackend();
    backend.user = { ...backend.user, is_admin: true };
    signIn(backend);
    const { user } = renderApp("/dashboard");

    const nav = await screen.findByRole("navigation", { name: "Primary" });
    await user.click(await within(nav).findByRole("link", { name: "Admin" }));
    expect(await screen.findByRole("heading", { name: "Admin", level: 1 })).toBeInTheDocument();
  });

  it("sends a non-admin who opens /admin to the dashboard", async () => {
    const backend = startBackend();
    signIn(backend);
    const { router } = renderApp("/admin");

    expect(await screen.findByRole("heading", { name: "Dashboard", level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/dashboard");
  });

  it("toggles the navigation with a menu button that reports its state", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/dashboard");

    const menu = await screen.findByRole("button", { name: "Menu" });
    expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(menu).toHaveAttribute("aria-controls", "primary-navigation");
    await user.click(menu);
    expect(screen.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");

    // Escape closes it from anywhere in the menu and returns focus to the button.
    await user.tab();
    await user.keyboard("{Escape}");
    expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(menu).toHaveFocus();
    await user.click(menu);

    // Following a link closes the menu again and moves focus to the new page's content.
    await user.click(screen.getByRole("link", { name: "Searches" }));
    expect(await screen.findByRole("heading", { name: "Searches", level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
    // Focus moves once the new page has rendered: wait for it rather than race it.
    await waitFor(() => expect(screen.getByRole("main")).toHaveFocus());
  });

  it("tells the user on the pages still to come what to link first, from the real credential state", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/sellers");

    expect(await screen.findByText(/Link your Discogs account/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to Settings" })).toHaveAttribute("href", "/settings#credentials");
  });

  it("takes the user from a setup step straight to the credentials section", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user, router } = renderApp("/wants");

    await user.click(await screen.findByRole("link", { name: "Link Discogs in Settings" }));

    const heading = await screen.findByRole("heading", { name: "Marketplace accounts" });
    await waitFor(() => { expect(heading).toHaveFocus(); });
    expect(router.state.location.hash).toBe("#credentials");
  });
});
