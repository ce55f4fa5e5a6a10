import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { alertState, notify } from "./support/fakeAlerts";
import { renderApp, signIn, startBackend } from "./support/renderApp";

describe("notifications", () => {
  it("counts a new notification in the bell without reloading, and opens what it links to", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user, router } = renderApp("/dashboard");

    const bell = await screen.findByRole("link", { name: "Notifications" });
    notify(backend, { title: "New: Chelsea Girl LP", link: "/releases/1", listing_url: "https://example.com/item/1" });
    expect(await screen.findByRole("link", { name: "Notifications, 1 unread" })).toBe(bell);

    await user.click(bell);
    const list = await screen.findByRole("region", { name: "Your notifications" });
    const item = await within(list).findByRole("article", { name: "New: Chelsea Girl LP" });
    expect(within(item).getByRole("link", { name: /See the listing/ })).toHaveAttribute("href", "https://example.com/item/1");
    await user.click(within(item).getByRole("button", { name: "New: Chelsea Girl LP" }));

    expect(router.state.location.pathname).toBe("/releases/1");
    expect(await screen.findByRole("link", { name: "Notifications" })).toBeInTheDocument();
    expect(alertState(backend).notifications[0]?.read_at).not.toBeNull();
  });

  it("switches a rule off from an e-mail's link without signing in, only when asked", async () => {
    const backend = startBackend();
    const state = alertState(backend);
    state.rules.push({
      id: 7,
      name: "Cheap wants",
      search_id: null,
      is_active: true,
      events: ["new_wanted_listing"],
      channels: ["email"],
      timing: "daily",
      max_price: null,
      min_media_grade: null,
      ships_from: [],
      any_pressing: false,
      price_drop_percent: "10.00",
      bundle_min_wants: 3,
      basket_drop_amount: null,
      basket_drop_percent: null,
      created_at: backend.clock(),
    });
    state.tokens.set("7.1.signed", 7);
    const { user } = renderApp("/unsubscribe?token=7.1.signed");

    const button = await screen.findByRole("button", { name: "Unsubscribe" });
    expect(state.rules[0]?.is_active).toBe(true);
    await user.click(button);
    expect(await screen.findByRole("status")).toHaveTextContent("“Cheap wants” is switched off");
    expect(state.rules[0]?.is_active).toBe(false);
  });

  it("says so when the link is not valid", async () => {
    startBackend();
    const { user } = renderApp("/unsubscribe?token=forged");
    await user.click(await screen.findByRole("button", { name: "Unsubscribe" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This unsubscribe link is not valid.");
  });
});

describe("alert rules in Settings", () => {
  it("adds a rule with its channels and timing, and refuses one without events by its field", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/settings");

    const form = await screen.findByRole("form", { name: "New alert rule" });
    await user.type(within(form).getByLabelText("Rule name"), "Morning e-mail");
    const through = within(form).getByRole("group", { name: "Through" });
    await user.click(within(through).getByLabelText("E-mail"));
    await user.selectOptions(within(form).getByLabelText("When"), "Daily digest");
    await user.click(within(form).getByRole("button", { name: "Add rule" }));

    const rules = await screen.findByRole("list", { name: "Alert rules" });
    expect(within(rules).getByRole("listitem", { name: "Morning e-mail" })).toHaveTextContent("Switched on");
    const saved = alertState(backend).rules[0];
    expect(saved?.channels).toEqual(["in_app", "email"]);
    expect(saved?.timing).toBe("daily");

    // Switched off elsewhere (an e-mail's unsubscribe link): Settings shows it when opened again.
    const first = alertState(backend).rules[0];
    if (first) first.is_active = false;
    await user.click(screen.getByRole("link", { name: "Dashboard" }));
    await screen.findByRole("heading", { name: "Dashboard", level: 1 });
    await user.click(screen.getByRole("link", { name: "Settings" }));
    const again = await screen.findByRole("list", { name: "Alert rules" });
    await waitFor(() => {
      expect(within(again).getByRole("listitem", { name: "Morning e-mail" })).toHaveTextContent("Switched off");
    });

    await user.type(within(await screen.findByRole("form", { name: "New alert rule" })).getByLabelText("Rule name"), "Nothing at all");
    const newForm = screen.getByRole("form", { name: "New alert rule" });
    const about = within(newForm).getByRole("group", { name: "Tell me about" });
    for (const box of within(about).getAllByRole("checkbox")) {
      if ((box as HTMLInputElement).checked) await user.click(box);
    }
    await user.click(within(newForm).getByRole("button", { name: "Add rule" }));
    expect(await within(newForm).findByText("Choose at least one thing to be told about.")).toBeInTheDocument();
    expect(alertState(backend).rules).toHaveLength(1);
  });
});
