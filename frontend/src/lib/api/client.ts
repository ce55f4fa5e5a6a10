import createClient, { type Middleware } from "openapi-fetch";
import { refreshSession } from "../auth/session";
import { tokenStore } from "../auth/tokenStore";
import type { paths } from "./schema";
import { apiOrigin, fetchAtCallTime } from "./sessionClient";

/** Endpoints that must never trigger a refresh-and-retry: they are how a session starts or ends. */
const SESSION_ENDPOINTS = new Set<string>([
  "/api/v1/auth/login",
  "/api/v1/auth/register",
  "/api/v1/auth/refresh",
  "/api/v1/auth/logout",
]);

interface RetryableRequest {
  request: Request;
  sentWithToken: string | null;
}

function withBearer(request: Request, token: string): Request {
  request.headers.set("Authorization", `Bearer ${token}`);
  return request;
}

/**
 * Adds the bearer token and, when the API answers 401, refreshes the session once and retries.
 * Concurrent 401s share one refresh (see refreshSession); a request that was sent with a token
 * that has since been replaced is simply retried with the new one.
 */
export function createAuthMiddleware(): Middleware {
  const retryable = new Map<string, RetryableRequest>();

  return {
    async onRequest({ request, schemaPath, id }) {
      if (SESSION_ENDPOINTS.has(schemaPath)) return request;
      let token = tokenStore.getAccessToken();
      // After a reload only the refresh cookie survives: trade it for an access token up front
      // instead of sending a request that is certain to be rejected.
      if (token === null && tokenStore.hasSession()) token = await refreshSession();
      if (token !== null) withBearer(request, token);
      // The body can be read only once, so keep a copy in case the request has to be replayed.
      retryable.set(id, { request: request.clone(), sentWithToken: token });
      return request;
    },

    async onResponse({ response, id }) {
      const pending = retryable.get(id);
      retryable.delete(id);
      if (pending === undefined || response.status !== 401) return response;

      const current = tokenStore.getAccessToken();
      const token =
        current !== null && current !== pending.sentWithToken ? current : await refreshSession();
      if (token === null) return response;
      return fetchAtCallTime(withBearer(pending.request, token));
    },

    onError({ id }) {
      retryable.delete(id);
    },
  };
}

/** The typed client every feature uses. */
export const api = createClient<paths>({ baseUrl: apiOrigin(), fetch: fetchAtCallTime });
api.use(createAuthMiddleware());
