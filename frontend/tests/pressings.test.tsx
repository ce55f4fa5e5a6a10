import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pressingOf, wants } from "./support/fixtures";
import { addWantListSearch, offer, offerMatch, releaseView, result } from "./support/marketFixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

// Kind of Blue, this pressing; A Love Supreme, pressing not stated; Tago Mago, a 2004 reissue.
const THIS_PRESSING = result(0);
const NOT_STATED = result(1, {
  wanted: false,
  match: { ...result(1).match!, verdict: "undetermined" },
});
const REISSUE = { ...pressingOf(2), release_id: 7002, catno: "SPOON 6/7", year: 2004, country: "UK", descriptions: ["Vinyl", "2×LP", "Album", "Reissue"] };
const ANOTHER = result(2, {
  wanted: false,
  other_pressing: true,
  match: {
    ...result(2).match!,
    verdict: "other",
    named_pressing: REISSUE,
    evidence: {
      artist_score: 1,
      title_score: 1,
      facts: [{ kind: "reissue", value: "RE" }, { kind: "year", value: "2004" }],
      ruled_out: [{ release_id: 1002, reason: "says 2004, this pressing is from 1971" }],
    },
  },
});

function backendWithResults() {
  const backend = startBackend();
  const search = addWantListSearch(backend);
  backend.market.results.set(search.id, [THIS_PRESSING, NOT_STATED, ANOTHER]);
  signIn(backend);
  return backend;
}

async function rowFor(title: RegExp) {
  const table = await screen.findByRole("table", { name: /^Results/ });
  await waitFor(() => { expect(table).toHaveAttribute("aria-busy", "false"); });
  const row = within(table).getAllByRole("row").find((candidate) => title.test(candidate.textContent));
  expect(row).toBeDefined();
  return row!;
}

afterEach(() => { vi.unstubAllGlobals(); });

describe("pressings", () => {
  it("shows each result's pressing next to its title: this one, not stated, or another named one", async () => {
    backendWithResults();
    renderApp("/searches/1/results");

    const same = within(await rowFor(/Kind of Blue/)).getByTestId("match-pressing");
    expect(same).toHaveTextContent("This pressing");
    expect(same).toHaveTextContent("Columbia · CL 1355 · 1959 · US · Vinyl, LP, Album, Mono");

    const unstated = within(await rowFor(/A Love Supreme/));
    expect(unstated.getByTestId("match-pressing")).toHaveTextContent("Pressing not stated");
    expect(unstated.getByTestId("match-pressing")).toHaveTextContent("Impulse! · A-77 · 1965 · US");
    expect(unstated.queryByText("Wanted")).not.toBeInTheDocument();

    const other = within(await rowFor(/Tago Mago/));
    expect(other.getByTestId("match-pressing")).toHaveTextContent("Another pressing");
    expect(other.getByTestId("match-pressing")).toHaveTextContent("United Artists Records · SPOON 6/7 · 2004 · UK · Vinyl, 2×LP, Album, Reissue");
  });

  it("lists the facts read from the title and the pressings they rule out under Why", async () => {
    backendWithResults();
    const { user } = renderApp("/searches/1/results");

    const row = within(await rowFor(/Tago Mago/));
    await user.click(row.getByText("Why"));
    expect(row.getByText("Read from the listing: reissue “RE”, year “2004”")).toBeVisible();
    expect(row.getByText("Rules out release 1002: says 2004, this pressing is from 1971")).toBeVisible();
    // Confirm and Reject stay.
    expect(row.getByRole("button", { name: /^Confirm match/ })).toBeInTheDocument();
    expect(row.getByRole("button", { name: /^Reject match/ })).toBeInTheDocument();
  });

  it("names the pressing of an eBay offer on the release page", async () => {
    const backend = startBackend();
    const ebay = offer({
      listing_id: 9,
      platform: "ebay",
      title: "Miles Davis Kind of Blue LP",
      seller: { username: "groovebox", platform: "ebay", rating: "99.5", rating_count: 1234, country: "DE" },
      match: offerMatch({ verdict: "undetermined", wanted: false }),
    });
    backend.market.releases.set(1000, releaseView({ offers: [ebay] }));
    signIn(backend);
    renderApp("/releases/1000");

    const pressing = await screen.findByTestId("match-pressing", {}, { timeout: 12_000 });
    expect(pressing).toHaveTextContent("Pressing not stated");
    expect(pressing).toHaveTextContent("Columbia · CL 1355 · 1959 · US");
  });

  it("lets a want accept any pressing, keeping its basket limits", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.wants = wants(2);
    backend.wants[1] = { ...backend.wants[1]!, max_price: "40.00", min_media_grade: "VG+" };
    signIn(backend);
    const { user } = renderApp("/wants");

    const select = await screen.findByRole("combobox", { name: "Pressing wanted for A Love Supreme" });
    expect(select).toHaveValue("search");
    await user.selectOptions(select, "Any pressing is fine");

    await waitFor(() => { expect(backend.calls.updateWant).toHaveLength(1); });
    expect(backend.calls.updateWant[0]).toEqual({ id: 2, body: { max_price: "40.00", min_media_grade: "VG+", any_pressing: true } });
    await waitFor(() => { expect(screen.getByRole("combobox", { name: "Pressing wanted for A Love Supreme" })).toHaveValue("any"); });
    expect(backend.wants[1].any_pressing).toBe(true);
  });
});
