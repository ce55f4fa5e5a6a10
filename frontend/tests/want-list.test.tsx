import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { collectionItems, wants } from "./support/fixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

function syncedBackend(count = 30) {
  const backend = startBackend();
  backend.linkDiscogs();
  backend.wants = wants(count);
  backend.runStore.add({ kind: "sync_wants", status: "succeeded", sync: { added: count, updated: 0, removed: 0, unchanged: 0, total: count } });
  signIn(backend);
  return backend;
}

async function tableRows() {
  const table = await screen.findByRole("table", { name: /Want list/ });
  await waitFor(() => { expect(table).toHaveAttribute("aria-busy", "false"); });
  return within(table).getAllByRole("row").slice(1);
}

function titles(rows: HTMLElement[]): string[] {
  return rows.map((row) => within(row).getAllByRole("cell")[2]!.querySelector("a")!.textContent);
}

describe("want list", () => {
  it("links every want to its release page and says what is for sale of it", async () => {
    const backend = syncedBackend(3);
    const [oldest, middle, newest] = backend.wants;
    newest!.market = { for_sale: 3, cheapest: { amount: "27.19", currency: "EUR" }, shipping_known: true, newest_seen_at: "2026-12-02T09:00:00Z" };
    middle!.market = { for_sale: 1, cheapest: { amount: "12.00", currency: "EUR" }, shipping_known: false, newest_seen_at: "2026-11-20T09:00:00Z" };
    oldest!.market = { for_sale: 0, cheapest: null, shipping_known: false, newest_seen_at: null };
    const { user, router } = renderApp("/wants");

    const rows = await tableRows();
    const market = (row: HTMLElement) => within(row).getAllByRole("cell")[6]!;
    expect(market(rows[0]!)).toHaveTextContent("3 for sale, from €27.19 delivered");
    expect(market(rows[0]!)).toHaveTextContent(/new since (2 Dec|Dec 2)/);
    expect(market(rows[1]!)).toHaveTextContent("1 for sale, from €12.00 + shipping");
    expect(market(rows[2]!).textContent).toBe("");

    await user.click(within(rows[0]!).getByRole("link", { name: newest!.release.title }));
    await waitFor(() => { expect(router.state.location.pathname).toBe(`/releases/${String(newest!.release.id)}`); });
  });


  it("shows the newest wants first, a page at a time, with the counts", async () => {
    syncedBackend();
    const { user, router } = renderApp("/wants");

    expect(await screen.findByRole("heading", { name: "Want list", level: 1 })).toBeInTheDocument();
    expect(await screen.findByText("30 wants mirrored from your Discogs want list.")).toBeInTheDocument();
    let rows = await tableRows();
    expect(rows).toHaveLength(25);
    const first = within(rows[0]!).getAllByRole("cell");
    expect(first[0]!.querySelector("img")).toHaveAttribute("src", "https://i.discogs.test/thumb/1029.jpg");
    expect(first[1]).toHaveTextContent("Broadcast");
    expect(first[2]).toHaveTextContent("Tender Buttons");
    expect(first[3]).toHaveTextContent("Warp Records – WARPLP136");
    expect(first[4]).toHaveTextContent("Vinyl, LP, Album");
    expect(first[5]).toHaveTextContent("—");
    expect(first[6]!.textContent).toBe(""); // nothing for sale found yet
    expect(first[7]!.querySelector("time")).toHaveAttribute("dateTime", "2024-01-30T12:00:00.000Z");
    expect(screen.getByRole("columnheader", { name: /Added/ })).toHaveAttribute("aria-sort", "descending");

    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("1–25 of 30 wants");
    await user.click(within(pagination).getByRole("link", { name: "Next page" }));

    await waitFor(() => { expect(router.state.location.search).toBe("?page=2"); });
    await waitFor(async () => { expect(await tableRows()).toHaveLength(5); });
    rows = await tableRows();
    expect(titles(rows)).toEqual(["Remain in Light", "Trans-Europa Express", "Tago Mago", "A Love Supreme", "Kind of Blue"]);
    expect(screen.getByRole("navigation", { name: "Pagination" })).toHaveTextContent("26–30 of 30 wants");
    expect(within(screen.getByRole("navigation", { name: "Pagination" })).queryByRole("link", { name: "Next page" })).not.toBeInTheDocument();
  });

  it("searches after a pause in typing, keeps the search in the address and starts from page 1", async () => {
    const backend = syncedBackend();
    const { user, router } = renderApp("/wants?page=2");
    await tableRows();

    await user.type(screen.getByLabelText("Search your want list"), "impulse");

    await waitFor(() => { expect(router.state.location.search).toBe("?q=impulse"); });
    await waitFor(async () => { expect(titles(await tableRows())).toEqual(["Karma", "Journey in Satchidananda", "A Love Supreme"]); });
    // Typing did not send a request per keystroke.
    const searched = backend.calls.libraryQueries.map((call) => call.params.q).filter(Boolean);
    expect(searched).toEqual(["impulse"]);
    expect(screen.getByRole("navigation", { name: "Pagination" })).toHaveTextContent("1–3 of 3 wants");
  });

  it("sorts by a column, and by the same column again in the other order", async () => {
    syncedBackend();
    const { user, router } = renderApp("/wants");
    await tableRows();

    await user.click(screen.getByRole("button", { name: "Artist" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?sort=artist&order=asc"); });
    expect(screen.getByRole("columnheader", { name: /Artist/ })).toHaveAttribute("aria-sort", "ascending");
    await waitFor(async () => { expect(within((await tableRows())[0]!).getAllByRole("cell")[1]).toHaveTextContent("Alice Coltrane"); });

    await user.click(screen.getByRole("button", { name: "Artist" }));
    await waitFor(() => { expect(router.state.location.search).toBe("?sort=artist&order=desc"); });
    expect(screen.getByRole("columnheader", { name: /Artist/ })).toHaveAttribute("aria-sort", "descending");
    await waitFor(async () => { expect(within((await tableRows())[0]!).getAllByRole("cell")[1]).toHaveTextContent("Yellow Magic Orchestra"); });
    expect(screen.getByRole("columnheader", { name: /Added/ })).not.toHaveAttribute("aria-sort");
    expect(screen.getByLabelText("Sort by")).toHaveValue("artist:desc");

    // Phones show no sortable columns but one choice with the same effect.
    await user.selectOptions(screen.getByLabelText("Sort by"), "Year, newest first");
    await waitFor(() => { expect(router.state.location.search).toBe("?sort=year&order=desc"); });
    await waitFor(async () => { expect(titles(await tableRows())[0]).toBe("Teen Dream"); });
    expect(screen.getByRole("columnheader", { name: /Year/ })).toHaveAttribute("aria-sort", "descending");
  });

  it("opens with the search, sort and page given in the address", async () => {
    const backend = syncedBackend();
    renderApp("/wants?q=brain&sort=year&order=desc");

    await waitFor(async () => { expect(titles(await tableRows())).toEqual(["Neu! 75", "Musik von Harmonia"]); });
    expect(screen.getByLabelText("Search your want list")).toHaveValue("brain");
    expect(backend.calls.libraryQueries.at(-1)?.params).toEqual({ q: "brain", sort: "year", order: "desc", page: "1", per_page: "25" });
  });

  it("says nothing matches a search and clears it", async () => {
    syncedBackend();
    const { user, router } = renderApp("/wants?q=zappa");

    expect(await screen.findByRole("heading", { name: "No wants match “zappa”" })).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear search" }));

    await waitFor(() => { expect(router.state.location.search).toBe(""); });
    expect(await tableRows()).toHaveLength(25);
    expect(screen.getByLabelText("Search your want list")).toHaveValue("");
  });

  it("asks to link Discogs first when nothing is linked", async () => {
    const backend = startBackend();
    signIn(backend);
    renderApp("/wants");

    expect(await screen.findByRole("heading", { name: "Link your Discogs account" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Link Discogs in Settings" })).toHaveAttribute("href", "/settings#credentials");
    expect(screen.getByText("0 wants mirrored from your Discogs want list.")).toBeInTheDocument();
  });

  it("asks for a first sync once Discogs is linked", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    signIn(backend);
    renderApp("/wants");

    expect(await screen.findByRole("heading", { name: "Your want list has not been synced yet" })).toBeInTheDocument();
    expect(screen.getByText("Not synced yet.")).toBeInTheDocument();
  });

  it("says the Discogs want list is empty after a sync that found nothing", async () => {
    syncedBackend(0);
    renderApp("/wants");

    expect(await screen.findByRole("heading", { name: "Your Discogs want list is empty" })).toBeInTheDocument();
  });
});

describe("collection", () => {
  it("shows the grades of each copy", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    backend.collection = collectionItems(4);
    signIn(backend);
    renderApp("/collection");

    const table = await screen.findByRole("table", { name: /Collection/ });
    await waitFor(() => { expect(within(table).getAllByRole("row")).toHaveLength(5); });
    expect(within(table).getByRole("columnheader", { name: "Media" })).toBeInTheDocument();
    // Newest first: media and sleeve grades, "Not graded" where Discogs has none.
    const grades = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent).slice(6, 8));
    expect(grades).toEqual([["VG", "Not graded"], ["VG+", "VG"], ["NM", "VG+"], ["M", "Not graded"]]);
    expect(await screen.findByText("4 records mirrored from your Discogs collection.")).toBeInTheDocument();
    const [first] = backend.collection.slice(-1);
    expect(within(table).getByRole("link", { name: first!.release.title })).toHaveAttribute("href", `/releases/${String(first!.release.id)}`);
  });
});
