import { http, unauthorized, type FakeBackend } from "./fakeBackend";

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
      const found = new Set<number>();
      for (const results of backend.market.results.values()) {
        for (const result of results) {
          if (result.wanted && !result.gone_at && result.first_seen_at > since) found.add(result.listing_id);
        }
      }
      return response(200).json({ since, count: found.size });
    }),
  ];
}
