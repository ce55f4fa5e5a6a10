import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, snap } from "./snap";
import type { SandboxInfo, SandboxUser } from "./stack";

// One account's way through the app against the sandbox marketplace, each step building on the last.
test.describe.configure({ mode: "serial" });

const EMAIL = `collector-${Date.now()}@example.com`;
const PASSWORD = "crate-digging-e2e";
const SEARCH = "Everything on my want list";
const RUN_TIMEOUT = 90_000;

let page: Page;
let demo: SandboxUser;

test.beforeAll(async ({ browser }) => {
  const info = (await (await fetch(`${process.env.E2E_SANDBOX_URL ?? ""}/sandbox/info`)).json()) as SandboxInfo;
  const user = info.users.find((candidate) => candidate.username === "demo");
  if (!user) throw new Error("The sandbox has no user 'demo'");
  demo = user;
  page = await browser.newPage({ baseURL: process.env.E2E_APP_URL, viewport: DESKTOP });
});

/** Follows a menu link and waits for the new page's heading (the old page stays until it loads). */
async function openFromMenu(name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, exact: true, level: 1 })).toBeVisible();
}

test("register a new account", async () => {
  await page.goto("/register");
  await snap(page, "01-register");
  await page.getByLabel("E-mail").fill(EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await snap(page, "02-dashboard-new");
});

test("link Discogs through the sandbox's approval page", async () => {
  await openFromMenu("Settings");
  const discogs = page.getByRole("article", { name: "Discogs" });
  await expect(discogs.getByText("Not linked")).toBeVisible();
  await snap(page, "03-settings");
  await discogs.getByRole("button", { name: "Connect with Discogs" }).click();

  await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  const account = page.getByLabel("Sign in as");
  if (await account.isVisible()) await account.selectOption(demo.username);
  await snap(page, "04-discogs-authorize");
  await page.locator("#authorize").click();

  await expect(page).toHaveURL(/\/settings$/);
  await expect(discogs.getByText("Linked", { exact: true })).toBeVisible();
  // The account name is shown as a hint, its first characters masked.
  await expect(discogs.getByText(new RegExp(`${demo.username}$`))).toBeVisible();
  await snap(page, "05-settings-discogs-linked");
});

test("save the eBay credentials", async () => {
  const ebay = page.getByRole("article", { name: "eBay" });
  await ebay.getByRole("button", { name: "Set up eBay" }).click();
  const form = ebay.getByRole("form", { name: "eBay credentials" });
  await form.getByLabel("Client ID (App ID)").fill(demo.ebay_client_id);
  await form.getByLabel("Client secret (Cert ID)").fill(demo.ebay_client_secret);
  await form.getByLabel("eBay site").selectOption("EBAY_US");
  await form.getByLabel("Ship-to country").fill(demo.country);
  await form.getByLabel("Ship-to postal code").fill(demo.postal_code);
  await form.getByRole("button", { name: "Save eBay credentials" }).click();
  await expect(ebay.getByText("Configured", { exact: true })).toBeVisible();
  await snap(page, "06-settings-ebay-saved");
});

async function sync(menu: string, runLabel: string, expected: RegExp, shot: string): Promise<void> {
  await openFromMenu(menu);
  const panel = page.getByRole("region", { name: "Sync with Discogs" });
  await panel.getByRole("button", { name: "Sync now" }).click();
  const progress = panel.getByRole("progressbar", { name: `${runLabel} progress` });
  const finished = panel.getByText(/^Sync finished:/);
  // A sync of the small sandbox takes about a second: its progress may already be gone.
  await expect(progress.or(finished)).toBeVisible();
  await expect(finished).toBeVisible({ timeout: RUN_TIMEOUT });
  await expect(page.getByText(expected)).toBeVisible();
  const table = page.getByRole("table", { name: new RegExp(`^${menu}, sorted by`) });
  await expect(table.getByRole("row")).toHaveCount(26);
  await snap(page, shot);
}

test("sync the want list", async () => {
  await sync("Want list", "Want list sync", /^\d+ wants mirrored from your Discogs want list\.$/, "07-wants");
});

test("sync the collection", async () => {
  await sync("Collection", "Collection sync", /^\d+ records mirrored from your Discogs collection\.$/, "08-collection");
});

test("create a search of the want list", async () => {
  await openFromMenu("Searches");
  await snap(page, "09-searches-empty");
  await page.getByRole("link", { name: "New search" }).click();
  const form = page.getByRole("form", { name: "Search criteria" });
  await form.getByLabel("Name").fill(SEARCH);
  await form.getByLabel("Every record on my want list").check();
  await form.getByLabel("Also other pressings of a wanted record").check();
  // Paused, so the scheduler leaves it alone and the run below is the one started here.
  await form.getByLabel("Active").uncheck();
  await snap(page, "10-search-new");
  await form.getByRole("button", { name: "Create search" }).click();
  await expect(page).toHaveURL(/\/searches$/);
  await expect(page.getByRole("article", { name: SEARCH })).toBeVisible();
  await snap(page, "11-searches");
});

test("run the search and see flagged results", async () => {
  await page.getByRole("link", { name: `Results of ${SEARCH}` }).click();
  await expect(page.getByRole("heading", { name: SEARCH, level: 1 })).toBeVisible();
  const panel = page.getByRole("region", { name: "Run the search" });
  await expect(panel.getByText("It has not run yet.")).toBeVisible();
  await panel.getByRole("button", { name: "Run now" }).click();
  const progress = panel.getByRole("progressbar", { name: "Search progress" });
  const finished = panel.getByText(/^Search finished:/);
  await expect(progress.or(finished)).toBeVisible();
  if (await progress.isVisible()) await snap(page, "12-results-running", { fullPage: false });
  await expect(finished).toBeVisible({ timeout: RUN_TIMEOUT });
  await expect(page.getByRole("status").filter({ hasText: /^[\d,]+ results?$/ })).toBeVisible();
  const results = page.getByRole("table", { name: /^Results,/ });
  await expect(results.getByText("Wanted", { exact: true }).first()).toBeVisible();
  await snap(page, "13-results");
});

test("confirm a match", async () => {
  await page.getByLabel("Marketplace").selectOption("ebay");
  await expect(page).toHaveURL(/[?&]platform=ebay/);
  // The previous rows stay, dimmed and busy, until the filtered ones have arrived.
  await expect(page.getByRole("table", { name: /^Results,/ })).toHaveAttribute("aria-busy", "false");
  const confirm = page.getByRole("button", { name: /^Confirm match: / }).first();
  await expect(confirm).toBeVisible();
  const title = ((await confirm.getAttribute("aria-label")) ?? "").replace(/^Confirm match: /, "");
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: `Reject match: ${title}`, exact: true }) })
    .first();
  await confirm.click();
  await expect(row.getByText("Confirmed by you")).toBeVisible();
  await snap(page, "14-results-confirmed");
  await row.getByRole("link", { name: `Release page for ${title}`, exact: true }).click();
});

test("see the release and its price chart", async () => {
  await expect(page).toHaveURL(/\/releases\/\d+$/);
  await expect(page.getByRole("heading", { name: "For sale now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Price history" })).toBeVisible();
  const chart = page.getByRole("figure", { name: /^Daily lowest and median asking price/ });
  await expect(chart.getByRole("application")).toBeVisible();
  await expect(chart.getByRole("img", { name: "Lowest legend icon" })).toBeVisible();
  await expect(chart.getByRole("img", { name: "Median legend icon" })).toBeVisible();
  await snap(page, "15-release");
});

test("plan the basket", async () => {
  await openFromMenu("Basket");
  await snap(page, "16-basket-empty");
  await page.getByRole("button", { name: "Plan my basket" }).click();
  const summary = page.getByRole("region", { name: "Your plan" });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("region", { name: "What to buy, by parcel" }).getByRole("article").first()).toBeVisible();
  await expect(summary.getByText(/^You save /).first()).toBeVisible();
  await snap(page, "17-basket");
});

test("rank the sellers", async () => {
  await openFromMenu("Sellers");
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(/^\d+$/);
  const ranking = page.getByRole("table", { name: "Sellers by wanted records" });
  await expect(ranking.getByRole("link", { name: /^Listings of / }).first()).toBeVisible();
  await snap(page, "18-sellers");
});

test("see the runs", async () => {
  await openFromMenu("Runs");
  const runs = page.getByRole("list", { name: "Runs" });
  for (const kind of ["Want list sync", "Collection sync", "Search"]) {
    const card = runs.getByRole("article", { name: new RegExp(`^${kind} #\\d+$`) });
    await expect(card.getByText("Succeeded")).toBeVisible();
  }
  await snap(page, "19-runs");
});

test("see the dashboard", async () => {
  await openFromMenu("Dashboard");
  await expect(page.getByRole("list", { name: "Recent runs" }).getByRole("listitem")).toHaveCount(3);
  await snap(page, "20-dashboard");
});
