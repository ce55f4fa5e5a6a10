import type { components } from "../../src/lib/api/schema";
import { http, unauthorized, type FakeBackend } from "./fakeBackend";

type Result = components["schemas"]["ResultOut"];
/** The server's rule: loads less than this apart are one visit. */
const VISIT_GAP_MS = 30 * 60 * 1000;

export function dashboardHandlers(backend: FakeBackend) {
  return [
    http.post("/api/v1/dashboard/visit", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      backend.calls.dashboardVisits += 1;
      const now = backend.clock();
      const visits = backend.dashboard;
      if (visits.visitedAt === null || Date.parse(now) - Date.parse(visits.visitedAt) > VISIT_GAP_MS) {
        visits.previousVisitAt = visits.visitedAt;
      }
      visits.visitedAt = now;
      return response(200).json({ since: visits.previousVisitAt, visited_at: now });
    }),
    http.get("/api/v1/matches/new", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const since = new URL(request.url).searchParams.get("since") ?? "";
      const found = new Map<number, Result>();
      for (const results of backend.market.results.values()) {
        for (const result of results) {
          if (result.match?.wanted && !result.gone_at && result.first_seen_at > since) found.set(result.listing.id, result);
        }
      }
      const limit = Number(new URL(request.url).searchParams.get("limit") ?? "5");
      const amount = (item: Result) => Number(item.listing.converted_total?.amount ?? Infinity);
      const cheapest = [...found.values()].sort((a, b) => amount(a) - amount(b)).slice(0, limit);
      const items = cheapest.map((item) => ({ release_id: item.release_id, first_seen_at: item.first_seen_at, listing: item.listing }));
      return response(200).json({ since, count: found.size, items });
    }),
  ];
}
