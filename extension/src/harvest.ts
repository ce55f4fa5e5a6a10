/**
 * What the companion takes from a Discogs page: the ids in the targets of its links, nothing
 * else. Listings are linked as `/sell/item/{id}` and releases as `/release/{id}-slug` (or
 * `/sell/release/{id}`) on discogs.com and on the sandbox alike; class names and layout
 * change, link targets do not.
 */

export interface Harvest {
  listingIds: number[];
  releaseIds: number[];
}

const LISTING_PATH = /\/sell\/item\/(\d+)\/?$/;
const RELEASE_PATH = /\/release\/(\d+)(?:-[^/]*)?\/?$/;
// Discogs ids fit in a JavaScript number exactly below 2^53.
const MAX_ID = Number.MAX_SAFE_INTEGER;

function resolved(href: string, pageUrl: string): URL | null {
  try {
    const url = new URL(href, pageUrl);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

function idFrom(pattern: RegExp, path: string): number | null {
  const match = pattern.exec(path);
  if (!match?.[1]) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_ID ? id : null;
}

/** The listing and release ids the links point at, each once, in page order. Only links to
 * the page's own site count. */
export function harvestLinks(hrefs: Iterable<string>, pageUrl: string): Harvest {
  const origin = new URL(pageUrl).origin;
  const listings = new Set<number>();
  const releases = new Set<number>();
  for (const href of hrefs) {
    const url = resolved(href, pageUrl);
    if (!url || url.origin !== origin) continue;
    const listing = idFrom(LISTING_PATH, url.pathname);
    if (listing !== null) {
      listings.add(listing);
      continue;
    }
    const release = idFrom(RELEASE_PATH, url.pathname);
    if (release !== null) releases.add(release);
  }
  return { listingIds: [...listings], releaseIds: [...releases] };
}

function hrefsOf(doc: Document): string[] {
  return Array.from(doc.querySelectorAll("a[href]"), (link) => link.getAttribute("href") ?? "");
}

export function harvestDocument(doc: Document, pageUrl: string): Harvest {
  return harvestLinks(hrefsOf(doc), pageUrl);
}

function pageNumber(url: URL): number {
  const page = Number(url.searchParams.get("page") ?? "1");
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

/** The link to the next page of the same list: same path, `?page=` one more than this one. */
export function nextPageUrl(doc: Document, pageUrl: string): string | null {
  const current = new URL(pageUrl);
  const wanted = pageNumber(current) + 1;
  for (const href of hrefsOf(doc)) {
    const url = resolved(href, pageUrl);
    if (!url || url.origin !== current.origin || url.pathname !== current.pathname) continue;
    if (url.searchParams.has("page") && pageNumber(url) === wanted) return url.href;
  }
  return null;
}
