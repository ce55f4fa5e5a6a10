import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";
import { listRuns, type Run, type RunKind } from "./runs";

export type SearchResult = components["schemas"]["ResultOut"];
export type ResultPage = components["schemas"]["Page_ResultOut_"];
export type Match = components["schemas"]["MatchOut"];
/** A pressing (Discogs release) as a match names it: label, catalogue number, year, country. */
export type MatchPressing = components["schemas"]["MatchPressingOut"];
export type PressingVerdict = Match["verdict"];
/** A listing for sale, as every view that shows one carries it. */
export type Listing = components["schemas"]["ListingOut"];
export type Seller = components["schemas"]["SellerOut"];
export type ResultFlag = components["schemas"]["ResultFlag"];
export type ResultSort = components["schemas"]["ResultSort"];
export type Grade = components["schemas"]["Grade"];
export type Money = components["schemas"]["MoneyOut"];
export type SellerSummary = components["schemas"]["SellerSummaryOut"];
export type SellerPage = components["schemas"]["Page_SellerSummaryOut_"];
export type Verdict = components["schemas"]["DecisionIn"]["verdict"];
export type ResultPlatform = "discogs" | "ebay";
export type Confidence = "high" | "low";

export const SEARCH_RUN_KIND = "search" satisfies RunKind;

/** What the results list can be narrowed to; empty values do not filter. */
export interface ResultFilters {
  platform: ResultPlatform | "";
  flag: ResultFlag | "";
  /** The lowest media grade shown, or "" for any grade. */
  minGrade: Grade | "";
  /** With a minimum grade: also show listings that state no grade. */
  includeUngraded: boolean;
  /** A decimal amount in the user's currency (price plus known shipping), or "" for no limit. */
  maxPrice: string;
  newOnly: boolean;
  seller: string;
  confidence: Confidence | "";
  includeGone: boolean;
}

export interface ResultQuery extends ResultFilters {
  sort: ResultSort;
  page: number;
  perPage: number;
}

export function listResults(searchId: number, query: ResultQuery, signal?: AbortSignal): Promise<ResultPage> {
  return unwrap(
    api.GET("/api/v1/searches/{search_id}/results", {
      params: {
        path: { search_id: searchId },
        query: {
          ...(query.platform ? { platform: query.platform } : {}),
          ...(query.flag ? { flag: query.flag } : {}),
          ...(query.minGrade ? { min_media_grade: query.minGrade, ...(query.includeUngraded ? { include_ungraded: true } : {}) } : {}),
          ...(query.maxPrice ? { max_price: query.maxPrice } : {}),
          ...(query.newOnly ? { new_only: true } : {}),
          ...(query.seller ? { seller: query.seller } : {}),
          ...(query.confidence ? { confidence: query.confidence } : {}),
          ...(query.includeGone ? { include_gone: true } : {}),
          sort: query.sort,
          page: query.page,
          per_page: query.perPage,
        },
      },
      signal,
    }),
  );
}

export function listSellers(searchId: number, { page, perPage }: { page: number; perPage: number }, signal?: AbortSignal): Promise<SellerPage> {
  return unwrap(
    api.GET("/api/v1/searches/{search_id}/sellers", {
      params: { path: { search_id: searchId }, query: { page, per_page: perPage } },
      signal,
    }),
  );
}

/** Queues a run of the search; the backend answers with the new run (409 while one runs). */
export function runSearch(searchId: number): Promise<Run> {
  return unwrap(api.POST("/api/v1/searches/{search_id}/run", { params: { path: { search_id: searchId } } }));
}

/**
 * The newest run of a search among the latest search runs, or null. Runs are listed by kind
 * only, so a search last run long before many runs of other searches is not found here.
 */
export async function fetchLatestSearchRun(searchId: number): Promise<Run | null> {
  const { items } = await listRuns({ kind: SEARCH_RUN_KIND, perPage: 50 });
  return items.find((run) => run.subject_id === searchId) ?? null;
}

/** The user's answer about a match: the listing is (confirmed) or is not (rejected) the record. */
export function decideMatch(matchId: number, verdict: Verdict): Promise<Match> {
  return unwrap(api.POST("/api/v1/matches/{match_id}/decision", { params: { path: { match_id: matchId } }, body: { verdict } }));
}
