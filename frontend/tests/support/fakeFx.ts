import type { components } from "../../src/lib/api/schema";
import { http, unauthorized, type FakeBackend } from "./fakeBackend";

type FxStatus = components["schemas"]["FxStatusOut"];

/** Yesterday's rates (the fake server's clock starts on 1 March 2025), loaded without trouble. */
export const FRESH_FX: FxStatus = {
  rates_date: "2025-02-28",
  fetched_at: "2025-02-28T15:10:00Z",
  age_days: 1,
  stale: false,
  missing: false,
  last_success_at: "2025-02-28T15:10:00Z",
  last_failure_at: null,
  last_error: null,
  consecutive_failures: 0,
  next_attempt_at: "2025-03-01T03:10:00Z",
};

/** The server could not load any rates yet and retries in a minute. */
export const MISSING_FX: FxStatus = {
  ...FRESH_FX,
  rates_date: null,
  fetched_at: null,
  age_days: null,
  missing: true,
  last_success_at: null,
  last_failure_at: "2025-03-01T09:59:00Z",
  last_error: "ecb GET /stats/eurofxref/eurofxref-daily.xml: HTTP 503 (gave up after 5 attempts)",
  consecutive_failures: 1,
  next_attempt_at: "2025-03-01T10:00:00Z",
};

export function fxHandlers(backend: FakeBackend) {
  return [
    http.get("/api/v1/fx/status", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(backend.fx);
    }),
  ];
}
