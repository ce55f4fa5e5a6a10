import { http, unauthorized, type FakeBackend } from "./fakeBackend";

export function dashboardHandlers(backend: FakeBackend) {
  return [
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
