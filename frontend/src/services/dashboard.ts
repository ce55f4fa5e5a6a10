import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";

export type NewMatches = components["schemas"]["NewMatchesOut"];

/**
 * How many wanted listings the user's searches found after `since` (an ISO date-time), and the
 * `limit` cheapest of them by delivered price in the user's currency.
 */
export function fetchNewMatches(since: string, limit = 5): Promise<NewMatches> {
  return unwrap(api.GET("/api/v1/matches/new", { params: { query: { since, limit } } }));
}

export type DashboardVisit = components["schemas"]["VisitOut"];

/**
 * Notes this dashboard load on the server and returns the moment "new since your last visit"
 * compares with (null on the first visit). Loads within one visit get the same moment.
 */
export function recordDashboardVisit(): Promise<DashboardVisit> {
  return unwrap(api.POST("/api/v1/dashboard/visit"));
}
