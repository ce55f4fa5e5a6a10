import { delay } from "msw";
import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";
import { DEFAULT_SYNC_PLAN, searchCounts, type RunCounts } from "./fakeRuns";

type Result = components["schemas"]["ResultOut"];
type Match = components["schemas"]["MatchOut"];
type SearchCounts = components["schemas"]["SearchCountsOut"];

const GRADES = ["M", "NM", "VG+", "VG", "G+", "G", "F", "P"];
const FLAGS = ["wanted", "other_pressing", "owned", "upgrade"] as const;

function paging(url: URL): { page: number; perPage: number } | null {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "25");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) return null;
  return { page, perPage };
}

function pageOf<T>(items: readonly T[], { page, perPage }: { page: number; perPage: number }) {
  const start = (page - 1) * perPage;
  return { items: items.slice(start, start + perPage), total: items.length, page, per_page: perPage, pages: Math.max(1, Math.ceil(items.length / perPage)) };
}

const invalid = (field: string, message: string) => errorBody("validation_error", `${field}: ${message}`, [{ field, message }]);

/** Filters like the backend: gone listings only on request, grades at least as good (ungraded on
 * request), delivered prices in the user's currency (never a listing without a rate). */
function filtered(results: readonly Result[], url: URL): Result[] | { field: string; message: string } {
  const param = (name: string) => url.searchParams.get(name);
  const flag = param("flag");
  if (flag !== null && !(FLAGS as readonly string[]).includes(flag)) return { field: "flag", message: "Input should be 'wanted', 'other_pressing', 'owned' or 'upgrade'" };
  const grade = param("min_media_grade");
  if (grade !== null && !GRADES.includes(grade)) return { field: "min_media_grade", message: "Input should be a grade" };
  const maxPrice = param("max_price");
  if (maxPrice !== null && !(Number(maxPrice) >= 0)) return { field: "max_price", message: "Input should be a valid decimal" };
  const allowed = grade === null ? null : GRADES.slice(0, GRADES.indexOf(grade) + 1);
  return results.filter((item) => {
    if (param("include_gone") !== "true" && item.gone_at !== null) return false;
    // A match the user rejected is not what they were looking for.
    if (item.match?.decision === "rejected") return false;
    const { listing } = item;
    if (param("platform") !== null && listing.platform !== param("platform")) return false;
    if (flag !== null && !item.match?.[flag as (typeof FLAGS)[number]]) return false;
    const ungradedKept = listing.media_grade === null && param("include_ungraded") === "true";
    if (allowed !== null && !ungradedKept && !allowed.includes(listing.media_grade ?? "")) return false;
    if (maxPrice !== null && (listing.converted_total === null || Number(listing.converted_total.amount) > Number(maxPrice))) return false;
    if (param("new_only") === "true" && !item.is_new) return false;
    if (param("seller") !== null && listing.seller.username !== param("seller")) return false;
    if (param("confidence") !== null && item.match?.confidence !== param("confidence")) return false;
    return true;
  });
}

function total(item: Result): number {
  return Number(item.listing.converted_total?.amount ?? 0);
}

const SORTS: Record<string, (a: Result, b: Result) => number> = {
  // By converted total; no rate last; on equal totals a known shipping cost first.
  total: (a, b) =>
    Number(a.listing.converted_total === null) - Number(b.listing.converted_total === null) ||
    total(a) - total(b) ||
    Number(!a.listing.shipping_known) - Number(!b.listing.shipping_known),
  newest: (a, b) => b.first_seen_at.localeCompare(a.first_seen_at),
  score: (a, b) => (b.match?.score ?? 0) - (a.match?.score ?? 0),
};

/** Sellers ranked by distinct wanted records on sale, then listings, then name. */
function sellerSummaries(results: readonly Result[]) {
  const bySeller = new Map<string, Result[]>();
  for (const item of results.filter((result) => result.gone_at === null)) {
    const key = `${item.listing.seller.platform}:${item.listing.seller.username}`;
    bySeller.set(key, [...(bySeller.get(key) ?? []), item]);
  }
  return [...bySeller.values()]
    .map((items) => {
      const missing = items.find((item) => item.listing.converted_missing !== null)?.listing.converted_missing ?? null;
      const sum = (amount: (item: Result) => string) => ({ amount: (items.reduce((cents, item) => cents + Math.round(Number(amount(item)) * 100), 0) / 100).toFixed(2), currency: "EUR" });
      return {
        seller: items[0]!.listing.seller,
        wanted_records: new Set(items.filter((item) => item.match?.wanted).map((item) => item.release_id)).size,
        listings: items.length,
        ships_from: items[0]!.listing.ships_from,
        items_total: missing ? null : sum((item) => item.listing.price.amount),
        converted_total: missing ? null : sum((item) => item.listing.converted_total?.amount ?? "0"),
        converted_missing: missing,
        shipping_known: items.filter((item) => item.listing.shipping !== null).length,
      };
    })
    .sort((a, b) => b.wanted_records - a.wanted_records || b.listings - a.listings || a.seller.username.localeCompare(b.seller.username));
}

export function resultHandlers(backend: FakeBackend) {
  const market = backend.market;
  const searchExists = (id: number) => backend.searches.some((search) => search.id === id);
  const searchNotFound = () => errorBody("not_found", "Search not found");

  /** What a finished run leaves: new listings marked new, missing ones gone, counts per source. */
  function finishRun(searchId: number, now: string): RunCounts {
    const before = market.results.get(searchId) ?? [];
    const found = market.upstream.get(searchId) ?? before.filter((item) => item.gone_at === null);
    const known = new Map(before.map((item) => [item.listing.id, item]));
    const seen = new Set(found.map((item) => item.listing.id));
    const current = found.map((item) => {
      const previous = known.get(item.listing.id);
      const isNew = previous === undefined || previous.gone_at !== null;
      return { ...item, is_new: isNew, gone_at: null, first_seen_at: isNew ? now : previous.first_seen_at, last_seen_at: now };
    });
    const gone = before.filter((item) => !seen.has(item.listing.id) && item.gone_at === null).map((item) => ({ ...item, is_new: false, gone_at: now }));
    const older = before.filter((item) => !seen.has(item.listing.id) && item.gone_at !== null);
    market.results.set(searchId, [...current, ...gone, ...older]);
    const sources: Record<string, SearchCounts["sources"][string]> = {};
    const source = (key: string) => (sources[key] ??= { seen: 0, results: 0, new: 0, new_listings: 0, changed: 0, gone: 0, complete: true, error: null, absent: false });
    for (const item of current) {
      source(item.source).seen += 1;
      if (item.is_new) source(item.source).new += 1;
    }
    for (const item of gone) source(item.source).gone += 1;
    for (const [key, error] of Object.entries(market.sourceErrors)) Object.assign(source(key), { complete: false, error });
    const platforms: Record<string, SearchCounts["platforms"][string]> = {};
    for (const [key, counts] of Object.entries(sources)) {
      const platform = (platforms[key.split(":")[0]!] ??= { seen: 0, results: 0, new: 0, new_listings: 0, changed: 0, gone: 0, failed_sources: 0, absent_sellers: 0 });
      platform.seen += counts.seen;
      platform.new += counts.new;
      platform.gone += counts.gone;
      platform.failed_sources += counts.error === null ? 0 : 1;
      platform.absent_sellers += counts.absent ? 1 : 0;
    }
    return { search: searchCounts({ results: current.length, new_results: current.filter((item) => item.is_new).length, gone_results: gone.length, platforms, sources }) };
  }

  return [
    http.post("/api/v1/searches/{search_id}/run", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const searchId = Number(params.search_id);
      market.calls.runSearch.push(searchId);
      if (!searchExists(searchId)) return response(404).json(searchNotFound());
      // One search runs at a time per user, whichever search it is.
      const active = backend.runStore.active("search");
      if (active !== undefined) return response(409).json(errorBody("run_in_progress", `A search run is already in progress (run ${active.id})`));
      const sourceCount = new Set([...(market.upstream.get(searchId) ?? market.results.get(searchId) ?? []).map((item) => item.source), ...Object.keys(market.sourceErrors)]).size;
      const plan = { ...DEFAULT_SYNC_PLAN, pages: Math.max(1, sourceCount), failWith: market.runFailsWith };
      const run = backend.runStore.create("search", plan, () => finishRun(searchId, backend.clock()));
      run.subject_id = searchId;
      return response(202).json(run);
    }),

    http.get("/api/v1/searches/{search_id}/results", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      market.calls.results.push(Object.fromEntries(url.searchParams));
      const searchId = Number(params.search_id);
      if (!searchExists(searchId)) return response(404).json(searchNotFound());
      const pages = paging(url);
      if (pages === null) return response(422).json(invalid("per_page", "Input should be less than or equal to 100"));
      const sort = SORTS[url.searchParams.get("sort") ?? "total"];
      if (sort === undefined) return response(422).json(invalid("sort", "Input should be 'total', 'newest' or 'score'"));
      const items = filtered(market.results.get(searchId) ?? [], url);
      if (!Array.isArray(items)) return response(422).json(invalid(items.field, items.message));
      return response(200).json(pageOf([...items].sort((a, b) => sort(a, b) || a.id - b.id), pages));
    }),

    http.get("/api/v1/searches/{search_id}/sellers", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      market.calls.sellers.push({ search: params.search_id, ...Object.fromEntries(url.searchParams) });
      const searchId = Number(params.search_id);
      if (!searchExists(searchId)) return response(404).json(searchNotFound());
      const pages = paging(url);
      if (pages === null) return response(422).json(invalid("per_page", "Input should be less than or equal to 100"));
      return response(200).json(pageOf(sellerSummaries(market.results.get(searchId) ?? []), pages));
    }),

    http.post("/api/v1/matches/{match_id}/decision", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const matchId = Number(params.match_id);
      const { verdict } = await request.json();
      market.calls.decisions.push({ matchId, verdict });
      if (market.decisionDelayMs > 0) await delay(market.decisionDelayMs);
      if (market.decisionsFail) return response.untyped(Response.json(errorBody("internal_error", "Internal server error"), { status: 500 }));
      const found = [...market.results.values()].flat().find((item) => item.match?.id === matchId)?.match;
      if (!found) return response(404).json(errorBody("not_found", "Match not found"));
      // Like the backend: a confirmed match is certain; a rejected one flags nothing.
      const unflagged = verdict === "rejected" ? { wanted: false, other_pressing: false, owned: false, upgrade: false } : {};
      const saved: Match = verdict === "confirmed" ? { ...found, decision: verdict, score: 1, confidence: "high" } : { ...found, ...unflagged, decision: verdict };
      for (const [searchId, results] of market.results) {
        market.results.set(searchId, results.map((item) => (item.match?.id === matchId ? { ...item, match: saved } : item)));
      }
      return response(200).json(saved);
    }),
  ];
}
