import createClient from "openapi-fetch";
import type { paths } from "./schema";

// Look fetch up on every call rather than capturing it once, so anything that wraps the global
// fetch after this module loads (instrumentation, network-level mocks in tests) is honoured.
export const fetchAtCallTime = (request: Request) => globalThis.fetch(request);

export function apiOrigin(): string {
  return window.location.origin;
}

/** Client without the auth middleware, for the refresh call itself (it must not recurse). */
export const sessionApi = createClient<paths>({ baseUrl: apiOrigin(), fetch: fetchAtCallTime });
