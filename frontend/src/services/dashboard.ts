import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";

export type NewMatches = components["schemas"]["NewMatchesOut"];

/** How many wanted listings the user's searches found after `since` (an ISO date-time). */
export function fetchNewMatches(since: string): Promise<NewMatches> {
  return unwrap(api.GET("/api/v1/matches/new", { params: { query: { since } } }));
}
