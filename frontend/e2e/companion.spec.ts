import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DESKTOP, snap } from "./snap";

// The browser companion, loaded unpacked in Chromium (new headless mode runs extensions): a
// user creates an import token, configures the extension, scans Shop my wants on the
// sandbox's Discogs pages, and finds the harvested Discogs listings in results and a basket.
test.describe.configure({ mode: "serial" });

const EXTENSION = resolve(import.meta.dirname, "../../extension/dist");
const EMAIL = `companion-${String(Date.now())}@example.com`;
const PASSWORD = "crate-digging-e2e";
const SEARCH = "Want list, companion";
const APP = process.env.E2E_APP_URL ?? "";
const DISCOGS_WEB = `${process.env.E2E_SANDBOX_URL ?? ""}/discogs-web`;
const READ_TIMEOUT = 90_000;

let context: BrowserContext;
let profile: string;
let page: Page;
let extensionId: string;
let token: string;

test.beforeAll(async () => {
  if (!existsSync(join(EXTENSION, "manifest.json"))) throw new Error(`${EXTENSION} has no build: run 'make extension'`);
  profile = mkdtempSync(join(tmpdir(), "vinyldigger-companion-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // Playwright's own headless flag starts the old headless mode, which has no extensions.
    headless: false,
    baseURL: APP,
    viewport: DESKTOP,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  extensionId = new URL(worker.url()).host;
  page = context.pages()[0] ?? (await context.newPage());
});

test.afterAll(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

async function openFromMenu(name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, exact: true, level: 1 })).toBeVisible();
}

test("register, link Discogs and wait for the want list", async () => {
  await page.goto("/register");
  await page.getByLabel("E-mail").fill(EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await openFromMenu("Settings");
  const discogs = page.getByRole("article", { name: "Discogs" });
  await discogs.getByRole("button", { name: "Connect with Discogs" }).click();
  const account = page.getByLabel("Sign in as");
  await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  if (await account.isVisible()) await account.selectOption("demo");
  await page.locator("#authorize").click();
  await expect(discogs.getByText("Linked", { exact: true })).toBeVisible();

  // Imported listings count only for wanted releases, so the want list must be mirrored first.
  await openFromMenu("Want list");
  await expect(page.getByRole("region", { name: "Sync with Discogs" }).getByText(/^Last synced /)).toBeVisible({
    timeout: READ_TIMEOUT,
  });
});

test("create a want-list search", async () => {
  await openFromMenu("Searches");
  await page.getByRole("link", { name: "New search" }).click();
  const form = page.getByRole("form", { name: "Search criteria" });
  await form.getByLabel("Name").fill(SEARCH);
  await form.getByLabel("Every record on my want list").check();
  await form.getByLabel("Active").uncheck();
  await form.getByRole("button", { name: "Create search" }).click();
  await expect(page).toHaveURL(/\/searches\/\d+\/results$/);
});

test("create an import token in Settings", async () => {
  await openFromMenu("Settings");
  const companion = page.getByRole("region", { name: "Browser companion" });
  await companion.getByLabel("Token name").fill("Chromium");
  await companion.getByRole("button", { name: "Create import token" }).click();
  const shown = companion.getByTestId("new-import-token");
  await expect(shown).toHaveText(/^vdi_/);
  token = (await shown.textContent()) ?? "";
  await snap(page, "c01-import-token");
  await companion.getByRole("button", { name: "Done" }).click();
  await expect(companion.getByRole("list", { name: "Import tokens" })).toContainText("Chromium");
});

test("configure the extension", async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel("VinylDigger address").fill(APP);
  await options.getByLabel("Import token").fill(token);
  await options.getByLabel("Discogs address").fill(DISCOGS_WEB);
  // A human pace is seconds per page; the test walks faster.
  await options.getByLabel("Seconds between pages of a scan").fill("0.5");
  await options.getByRole("button", { name: "Save" }).click();
  await expect(options.getByText("Saved.")).toBeVisible();
  await options.close();
});

test("scan my wants on the sandbox's Discogs pages", async () => {
  const discogs = await context.newPage();
  await discogs.goto(`${DISCOGS_WEB}/login?return_to=${encodeURIComponent("/discogs-web/sell/mywants")}`);
  await discogs.locator("#username").fill("demo");
  await discogs.locator("#log-in").click();
  await expect(discogs).toHaveURL(/\/discogs-web\/sell\/mywants/);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole("button", { name: "Scan my wants" }).click();
  await expect(popup.locator("#progress")).toHaveText(/^Scan finished: \d+ pages, \d+ listings sent\.$/, {
    timeout: READ_TIMEOUT,
  });
  const sent = Number(/(\d+) listings sent/.exec((await popup.locator("#progress").textContent()) ?? "")?.[1]);
  expect(sent).toBeGreaterThan(0);
  await popup.close();
  await discogs.close();
});

test("Settings shows the imports read", async () => {
  await page.reload();
  const history = page.getByRole("region", { name: "Recent imports" });
  await expect(history.getByTestId("import-row").first()).toBeVisible();
  // Read through the Discogs API in the background; the list refreshes itself until done.
  await expect(history.getByRole("progressbar")).toHaveCount(0, { timeout: READ_TIMEOUT });
  await expect(history.getByText(/^[1-9][\d,]* wanted listings? stored/).first()).toBeVisible();
  await snap(page, "c02-imports");
});

test("the harvested listings are in the search's results and in a basket plan", async () => {
  await openFromMenu("Searches");
  await page.getByRole("link", { name: SEARCH }).first().click();
  await expect(page.getByRole("heading", { name: SEARCH, level: 1 })).toBeVisible();
  await page.getByLabel("Marketplace").selectOption("discogs");
  const results = page.getByRole("table", { name: /^Results,/ });
  await expect(results).toHaveAttribute("aria-busy", "false");
  await expect(results.locator("tbody > tr").first()).toBeVisible();
  await expect(results.getByText("Wanted", { exact: true }).first()).toBeVisible();
  await snap(page, "c03-results");

  await openFromMenu("Basket");
  await page.getByRole("button", { name: "Plan my basket" }).click();
  await expect(page.getByRole("region", { name: "Your plan" })).toBeVisible({ timeout: 60_000 });
  const parcels = page.getByRole("region", { name: "What to buy, by parcel" });
  await expect(parcels.getByRole("article").first()).toBeVisible();
  await expect(parcels.getByText(/on Discogs/).first()).toBeVisible();
  await snap(page, "c04-basket");
});
