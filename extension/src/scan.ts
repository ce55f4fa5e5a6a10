/**
 * "Scan my wants": walk the Shop my wants pages one at a time, at a human pace, sending each
 * page's ids as soon as it is read. Everything the walk touches comes in through `ScanDeps`,
 * so it runs the same in the content script and in tests.
 */
import { harvestDocument, nextPageUrl, type Harvest } from "./harvest";

export type ScanState = "running" | "done" | "stopped" | "failed";

export interface ScanProgress {
  state: ScanState;
  /** Pages read so far. */
  pages: number;
  listings: number;
  releases: number;
  /** The imports VinylDigger created, one per page that had listings. */
  importIds: number[];
  error?: string;
}

export interface FetchedPage {
  doc: Document;
  /** Where the page ended up after redirects (a login page means: not signed in). */
  url: string;
}

export interface ScanDeps {
  fetchPage: (url: string) => Promise<FetchedPage>;
  send: (harvest: Harvest) => Promise<{ importIds: number[] }>;
  /** Waits `ms`, or less once a stop is asked for. */
  wait: (ms: number) => Promise<void>;
  shouldStop: () => Promise<boolean>;
  report: (progress: ScanProgress) => Promise<void>;
}

export interface ScanOptions {
  intervalMs: number;
  /** A bound on the walk whatever the pages link. */
  maxPages: number;
}

export const SHOP_MY_WANTS = "/sell/mywants";

/** The first page of Shop my wants under a Discogs base URL, at its largest page size. */
export function shopMyWantsUrl(discogsBase: string): string {
  return `${discogsBase.replace(/\/+$/, "")}${SHOP_MY_WANTS}?limit=250`;
}

function looksLikeLogin(url: string): boolean {
  return /\/login\b/.test(new URL(url).pathname);
}

export async function scanWants(startUrl: string, deps: ScanDeps, options: ScanOptions): Promise<ScanProgress> {
  const progress: ScanProgress = { state: "running", pages: 0, listings: 0, releases: 0, importIds: [] };
  const visited = new Set<string>();
  let url: string | null = startUrl;
  await deps.report({ ...progress });
  try {
    while (url !== null) {
      if (await deps.shouldStop()) {
        progress.state = "stopped";
        break;
      }
      visited.add(url);
      const page = await deps.fetchPage(url);
      if (looksLikeLogin(page.url)) throw new Error("Log in to Discogs in this browser first.");
      const harvest = harvestDocument(page.doc, page.url);
      if (harvest.listingIds.length > 0) {
        const sent = await deps.send(harvest);
        progress.importIds.push(...sent.importIds);
      }
      progress.pages += 1;
      progress.listings += harvest.listingIds.length;
      progress.releases += harvest.releaseIds.length;
      const next = nextPageUrl(page.doc, page.url);
      url = next !== null && !visited.has(next) && progress.pages < options.maxPages ? next : null;
      if (url === null) {
        progress.state = "done";
      } else {
        await deps.report({ ...progress });
        await deps.wait(options.intervalMs);
      }
    }
  } catch (error) {
    progress.state = "failed";
    progress.error = error instanceof Error ? error.message : String(error);
  }
  await deps.report({ ...progress });
  return progress;
}
