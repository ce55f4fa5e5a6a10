import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { errorBody, http, type FakeBackend } from "./support/fakeBackend";
import { renderApp, signIn, startBackend } from "./support/renderApp";
import { server } from "./support/server";

function addSearch(backend: FakeBackend, name: string, criteria: Partial<FakeBackend["searches"][number]["criteria"]> = {}) {
  const now = backend.clock();
  const search = {
    id: backend.nextSearchId++,
    name,
    criteria: {
      keywords: "blue note",
      want_list: false,
      platforms: ["discogs", "ebay"] as ("discogs" | "ebay")[],
      price_min: null,
      price_max: "40.00",
      currency: "EUR",
      min_media_grade: "VG+" as const,
      min_sleeve_grade: null,
      ships_from: ["DE", "NL"],
      ships_to: "DE",
      min_seller_rating: 98,
      formats: ["LP"],
      any_pressing: false,
      ...criteria,
    },
    check_interval_hours: 24,
    is_active: true,
    last_run_at: null,
    next_run_at: "2025-03-02T10:00:00Z",
    created_at: now,
    updated_at: now,
  };
  backend.searches.push(search);
  return search;
}

function setup() {
  const backend = startBackend();
  signIn(backend);
  return backend;
}

async function openForm(path: string) {
  const app = renderApp(path);
  const form = within(await screen.findByRole("form", { name: "Search criteria" }));
  return { ...app, form };
}

describe("saved searches: list", () => {
  it("shows each search's criteria and schedule", async () => {
    const backend = setup();
    addSearch(backend, "Blue Note under 40");
    addSearch(backend, "Everything I want", { keywords: null, want_list: true, any_pressing: true, price_max: null, min_media_grade: null, ships_from: [], ships_to: null, min_seller_rating: null, formats: [], platforms: ["discogs"] });
    renderApp("/searches");

    const list = await screen.findByRole("list", { name: "Saved searches" });
    const [newest, older] = within(list).getAllByRole("article");
    expect(newest).toHaveAccessibleName("Everything I want");
    const wantList = within(newest!);
    expect(wantList.getByText("Looks for").nextElementSibling).toHaveTextContent("want list, any pressing");
    expect(wantList.getByText("On").nextElementSibling).toHaveTextContent("Discogs");
    expect(wantList.queryByText("Price")).not.toBeInTheDocument();

    const blueNote = within(older!);
    expect(blueNote.getByText("Active")).toBeInTheDocument();
    expect(blueNote.getByText("Looks for").nextElementSibling).toHaveTextContent("“blue note”");
    expect(blueNote.getByText("Price").nextElementSibling).toHaveTextContent("Up to 40.00 EUR");
    expect(blueNote.getByText("Condition").nextElementSibling).toHaveTextContent("media VG+ or better");
    expect(blueNote.getByText("Ships from").nextElementSibling).toHaveTextContent("Germany, Netherlands");
    expect(blueNote.getByText("Seller rating").nextElementSibling).toHaveTextContent("at least 98%");
    expect(blueNote.getByText("Schedule").nextElementSibling).toHaveTextContent(/Every day · next/);
    expect(blueNote.getByRole("link", { name: "Edit Blue Note under 40" })).toHaveAttribute("href", "/searches/1");
  });

  it("invites the user to create a first search", async () => {
    setup();
    renderApp("/searches");

    expect(await screen.findByRole("heading", { name: "No saved searches yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create your first search" })).toHaveAttribute("href", "/searches/new");
  });

  it("deletes a search only after confirmation", async () => {
    const backend = setup();
    addSearch(backend, "Blue Note under 40");
    const { user } = renderApp("/searches");

    const deleteButton = await screen.findByRole("button", { name: "Delete Blue Note under 40" });
    await user.click(deleteButton);
    let dialog = screen.getByRole("alertdialog", { name: "Delete “Blue Note under 40”?" });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(deleteButton).toHaveFocus();
    expect(backend.calls.deleteSearch).toEqual([]);

    await user.click(deleteButton);
    dialog = screen.getByRole("alertdialog", { name: "Delete “Blue Note under 40”?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete search" }));

    expect(await screen.findByText("“Blue Note under 40” deleted.")).toBeInTheDocument();
    expect(backend.calls.deleteSearch).toEqual([1]);
    expect(await screen.findByRole("heading", { name: "No saved searches yet" })).toBeInTheDocument();
  });
});

describe("saved searches: create and edit", () => {
  it("creates a search with every criterion", async () => {
    const backend = setup();
    const { user, form, router } = await openForm("/searches/new");

    await user.type(form.getByLabelText("Name"), "Krautrock originals");
    await user.type(form.getByLabelText("Keywords"), "  Neu! Brain  ");
    await user.click(form.getByLabelText("LP"));
    await user.click(form.getByLabelText('12"'));
    await user.click(form.getByLabelText("eBay"));
    const shipsFrom = within(form.getByRole("group", { name: "Ships from" }));
    await user.click(shipsFrom.getByLabelText("Germany (DE)"));
    await user.type(shipsFrom.getByRole("searchbox"), "lux");
    await user.click(shipsFrom.getByLabelText("Luxembourg (LU)"));
    expect(within(shipsFrom.getByRole("list", { name: "Ships from: chosen" })).getAllByRole("listitem").map((item) => item.firstChild?.textContent)).toEqual(["Germany", "Luxembourg"]);
    await user.selectOptions(form.getByLabelText("Ships to"), "NL");
    await user.type(form.getByLabelText("Lowest price"), "10");
    await user.type(form.getByLabelText("Highest price"), "59.90");
    await user.selectOptions(form.getByLabelText("Currency"), "GBP");
    await user.selectOptions(form.getByLabelText("Minimum media grade"), "VG+");
    await user.selectOptions(form.getByLabelText("Minimum sleeve grade"), "VG");
    await user.type(form.getByLabelText("Minimum seller rating (%)"), "99.5");
    await user.selectOptions(form.getByLabelText("Check for new listings"), "168");
    await user.click(form.getByRole("button", { name: "Create search" }));

    expect(await screen.findByText("“Krautrock originals” created.")).toBeInTheDocument();
    expect(backend.calls.createSearch).toEqual([
      {
        name: "Krautrock originals",
        criteria: {
          keywords: "Neu! Brain",
          want_list: false,
          any_pressing: false,
          formats: ["LP", '12"'],
          platforms: ["discogs"],
          ships_from: ["DE", "LU"],
          ships_to: "NL",
          price_min: "10",
          price_max: "59.90",
          currency: "GBP",
          min_media_grade: "VG+",
          min_sleeve_grade: "VG",
          min_seller_rating: 99.5,
        },
        check_interval_hours: 168,
        is_active: true,
      },
    ]);
    // The user lands on the new search's results, offered its first run.
    await waitFor(() => { expect(router.state.location.pathname).toBe("/searches/1/results"); });
    const panel = within(await screen.findByRole("region", { name: "Run the search" }));
    expect(await panel.findByText("It has not run yet.")).toBeInTheDocument();
    expect(panel.getByText(/Run it now to see what is for sale/)).toBeInTheDocument();
    expect(panel.getByRole("button", { name: "Run now" })).toBeEnabled();
  });

  it("starts a new search from the profile's currency, ship-to country and minimum media grade", async () => {
    const backend = setup();
    backend.user = { ...backend.user, currency: "GBP", ship_to_country: "NL", min_media_grade: "VG+" };
    const { form } = await openForm("/searches/new");

    expect(form.getByLabelText("Currency")).toHaveValue("GBP");
    expect(form.getByLabelText("Ships to")).toHaveValue("NL");
    expect(form.getByLabelText("Minimum media grade")).toHaveValue("VG+");
    expect(form.getByLabelText("Minimum sleeve grade")).toHaveValue("");
  });

  it("checks the criteria before sending them", async () => {
    const backend = setup();
    const { user, form } = await openForm("/searches/new");

    await user.click(form.getByLabelText("Discogs"));
    await user.click(form.getByLabelText("eBay"));
    await user.type(form.getByLabelText("Lowest price"), "50");
    await user.type(form.getByLabelText("Highest price"), "20");
    await user.type(form.getByLabelText("Minimum seller rating (%)"), "120");
    await user.click(form.getByRole("button", { name: "Create search" }));

    await waitFor(() => { expect(form.getByLabelText("Name")).toHaveAccessibleDescription("Give the search a name."); });
    expect(form.getByLabelText("Name")).toHaveFocus();
    expect(form.getByLabelText("Keywords")).toHaveAccessibleDescription(/Enter keywords, or search for every record on your want list\./);
    expect(form.getByRole("group", { name: "Marketplaces" })).toHaveAccessibleDescription("Choose at least one marketplace.");
    expect(form.getByLabelText("Highest price")).toHaveAccessibleDescription("The highest price must not be below the lowest.");
    expect(form.getByLabelText("Minimum seller rating (%)")).toHaveAccessibleDescription(/Enter a percentage from 0 to 100\./);
    expect(backend.calls.createSearch).toEqual([]);

    // The want list alone is enough to search for.
    await user.type(form.getByLabelText("Name"), "Wants");
    await user.click(form.getByLabelText("Every record on my want list"));
    await user.click(form.getByLabelText("eBay"));
    await user.clear(form.getByLabelText("Highest price"));
    await user.clear(form.getByLabelText("Minimum seller rating (%)"));
    await user.click(form.getByRole("button", { name: "Create search" }));
    expect(await screen.findByText("“Wants” created.")).toBeInTheDocument();
    expect(backend.calls.createSearch).toHaveLength(1);
  });

  it("puts the server's field errors under the fields they name", async () => {
    const backend = setup();
    server.use(
      http.post("/api/v1/searches", ({ response }) =>
        response(422).json(
          errorBody("validation_error", "criteria.ships_to: is not served by any marketplace; criteria.platforms.0: is not enabled on this instance", [
            { field: "criteria.ships_to", message: "is not served by any marketplace" },
            { field: "criteria.platforms.0", message: "is not enabled on this instance" },
          ]),
        ),
      ),
    );
    const { user, form } = await openForm("/searches/new");

    await user.type(form.getByLabelText("Name"), "Anything");
    await user.type(form.getByLabelText("Keywords"), "coltrane");
    await user.selectOptions(form.getByLabelText("Ships to"), "AQ");
    await user.click(form.getByRole("button", { name: "Create search" }));

    const shipsTo = form.getByLabelText("Ships to");
    await waitFor(() => { expect(shipsTo).toHaveAttribute("aria-invalid", "true"); });
    expect(shipsTo).toHaveAccessibleDescription("Ships to is not served by any marketplace.");
    expect(form.getByRole("group", { name: "Marketplaces" })).toHaveAccessibleDescription("Platforms is not enabled on this instance.");
    expect(backend.searches).toEqual([]);
  });

  it("maps a rule the server checks across fields onto the field it names", async () => {
    setup();
    server.use(
      http.post("/api/v1/searches", ({ response }) =>
        response(422).json(
          errorBody("validation_error", "criteria: price_min: must not exceed price_max", [
            { field: "criteria", message: "price_min: must not exceed price_max" },
          ]),
        ),
      ),
    );
    const { user, form } = await openForm("/searches/new");

    await user.type(form.getByLabelText("Name"), "Anything");
    await user.type(form.getByLabelText("Keywords"), "coltrane");
    await user.click(form.getByRole("button", { name: "Create search" }));

    const lowest = form.getByLabelText("Lowest price");
    await waitFor(() => { expect(lowest).toHaveAttribute("aria-invalid", "true"); });
    expect(lowest).toHaveAccessibleDescription("Must not exceed price_max.");
    expect(lowest).toHaveFocus();
  });

  it("edits a search, starting from what is saved", async () => {
    const backend = setup();
    addSearch(backend, "Blue Note under 40");
    const { user, form, router } = await openForm("/searches/1");

    expect(screen.getByRole("heading", { name: "Edit “Blue Note under 40”", level: 1 })).toBeInTheDocument();
    expect(form.getByLabelText("Keywords")).toHaveValue("blue note");
    expect(form.getByLabelText("LP")).toBeChecked();
    expect(form.getByLabelText("Highest price")).toHaveValue("40.00");
    expect(form.getByLabelText("Minimum media grade")).toHaveValue("VG+");
    expect(form.getByLabelText("Ships to")).toHaveValue("DE");
    expect(form.getByLabelText("Minimum seller rating (%)")).toHaveValue("98");
    expect(form.getByLabelText("Also other pressings of a wanted record")).toBeDisabled();
    const shipsFrom = within(form.getByRole("group", { name: "Ships from" }));
    await user.click(shipsFrom.getByRole("button", { name: "Remove Netherlands" }));

    await user.clear(form.getByLabelText("Name"));
    await user.type(form.getByLabelText("Name"), "Blue Note under 30");
    await user.clear(form.getByLabelText("Highest price"));
    await user.type(form.getByLabelText("Highest price"), "30");
    await user.click(form.getByLabelText("Active"));
    await user.click(form.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("“Blue Note under 30” saved.")).toBeInTheDocument();
    expect(backend.calls.updateSearch).toHaveLength(1);
    expect(backend.calls.updateSearch[0]).toMatchObject({
      id: 1,
      body: { name: "Blue Note under 30", is_active: false, criteria: { price_max: "30", ships_from: ["DE"], keywords: "blue note" } },
    });
    await waitFor(() => { expect(router.state.location.pathname).toBe("/searches"); });
    const card = within(await screen.findByRole("article", { name: "Blue Note under 30" }));
    expect(card.getByText("Paused")).toBeInTheDocument();
    expect(card.getByText("Price").nextElementSibling).toHaveTextContent("Up to 30 EUR");
  });

  it("says so when the search to edit does not exist", async () => {
    setup();
    renderApp("/searches/42");

    expect(await screen.findByRole("heading", { name: "Search not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to your searches" })).toHaveAttribute("href", "/searches");
  });
});
