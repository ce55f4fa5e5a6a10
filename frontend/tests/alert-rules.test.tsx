import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { components } from "../src/lib/api/schema";
import { alertState } from "./support/fakeAlerts";
import type { FakeBackend } from "./support/fakeBackend";
import { renderApp, signIn, startBackend } from "./support/renderApp";

type Rule = components["schemas"]["RuleOut"];

function savedRule(backend: FakeBackend, fields: Partial<Rule>): Rule {
  const rule: Rule = {
    id: 1,
    name: "Cheap wants",
    search_id: null,
    is_active: true,
    events: ["new_wanted_listing"],
    channels: ["in_app"],
    timing: "instant",
    max_price: "30.00",
    min_media_grade: null,
    ships_from: ["DE"],
    any_pressing: false,
    price_drop_percent: "10.00",
    bundle_min_wants: 3,
    basket_drop_amount: null,
    basket_drop_percent: null,
    created_at: backend.clock(),
    ...fields,
  };
  alertState(backend).rules.push(rule);
  return rule;
}

describe("alert rule form", () => {
  it("adds a rule with ships-from countries and basket thresholds, checking them first", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/settings");

    const form = await screen.findByRole("form", { name: "New alert rule" });
    await user.type(within(form).getByLabelText("Rule name"), "Cheaper basket");
    const shipsFrom = within(form).getByRole("group", { name: "Ships from" });
    await user.type(within(shipsFrom).getByLabelText("Find a country for ships from"), "Japan");
    await user.click(within(shipsFrom).getByRole("checkbox", { name: /Japan/ }));
    await user.type(within(form).getByLabelText("Basket cheaper by at least"), "12,50");
    await user.type(within(form).getByLabelText("Basket cheaper by at least (%)"), "150");
    await user.clear(within(form).getByLabelText("Seller holds at least (wants)"));
    await user.type(within(form).getByLabelText("Seller holds at least (wants)"), "1");
    await user.click(within(form).getByRole("button", { name: "Add rule" }));

    expect(await within(form).findByText("Enter an amount such as 25 or 19.99, at most 1000000.")).toBeInTheDocument();
    expect(within(form).getByText("Enter a percentage from 0 to 100, such as 10 or 12.5.")).toBeInTheDocument();
    expect(within(form).getByText("Enter a whole number from 2 to 100.")).toBeInTheDocument();
    expect(alertState(backend).rules).toHaveLength(0);

    await user.clear(within(form).getByLabelText("Basket cheaper by at least"));
    await user.type(within(form).getByLabelText("Basket cheaper by at least"), "12.50");
    await user.clear(within(form).getByLabelText("Basket cheaper by at least (%)"));
    await user.type(within(form).getByLabelText("Basket cheaper by at least (%)"), "5");
    await user.clear(within(form).getByLabelText("Seller holds at least (wants)"));
    await user.type(within(form).getByLabelText("Seller holds at least (wants)"), "4");
    await user.click(within(form).getByRole("button", { name: "Add rule" }));

    const rules = await screen.findByRole("list", { name: "Alert rules" });
    expect(within(rules).getByRole("listitem", { name: "Cheaper basket" })).toHaveTextContent("Ships from Japan");
    expect(alertState(backend).rules[0]).toMatchObject({
      ships_from: ["JP"],
      basket_drop_amount: "12.50",
      basket_drop_percent: "5",
      bundle_min_wants: 4,
    });
  });

  it("edits a saved rule in the same form, prefilled, and shows the server's refusal by its field", async () => {
    const backend = startBackend();
    signIn(backend);
    savedRule(backend, { search_id: 99 });
    const { user } = renderApp("/settings");

    const rules = await screen.findByRole("list", { name: "Alert rules" });
    await user.click(within(rules).getByRole("button", { name: "Edit Cheap wants" }));
    const form = await within(rules).findByRole("form", { name: "Edit Cheap wants" });
    expect(within(form).getByLabelText("Rule name")).toHaveValue("Cheap wants");
    expect(within(form).getByLabelText("Max price delivered")).toHaveValue("30.00");
    expect(within(form).getByRole("list", { name: "Ships from: chosen" })).toHaveTextContent("Germany");
    expect(within(form).getByLabelText("Switched on")).toBeChecked();

    // The rule's search was deleted meanwhile: the API refuses it, and says so under "For".
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(await within(form).findByText("Search id no such saved search.")).toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText("For"), "Every search");
    await user.clear(within(form).getByLabelText("Rule name"));
    await user.type(within(form).getByLabelText("Rule name"), "Cheap German wants");
    await user.clear(within(form).getByLabelText("Max price delivered"));
    await user.type(within(form).getByLabelText("Max price delivered"), "25");
    await user.click(within(form).getByRole("button", { name: "Remove Germany" }));
    await user.click(within(form).getByLabelText("Switched on"));
    await user.click(within(form).getByRole("button", { name: "Save changes" }));

    await waitFor(() => {
      expect(within(rules).getByRole("listitem", { name: "Cheap German wants" })).toHaveTextContent("Switched off");
    });
    expect(within(rules).queryByRole("form")).not.toBeInTheDocument();
    expect(alertState(backend).rules).toHaveLength(1);
    expect(alertState(backend).rules[0]).toMatchObject({
      id: 1,
      name: "Cheap German wants",
      search_id: null,
      max_price: "25",
      ships_from: [],
      is_active: false,
    });
  });
});
