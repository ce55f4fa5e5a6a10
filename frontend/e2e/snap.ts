import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = join(import.meta.dirname, "screenshots");

async function settle(page: Page): Promise<void> {
  // Two frames: media queries re-render the page, then resize observers (charts) lay it out.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Screenshots of what is shown, at phone and at desktop size (full page unless `fullPage` is
 * false, for a state that lasts only moments); leaves the desktop size.
 */
export async function snap(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage });
  }
}
