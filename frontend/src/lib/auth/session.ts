import { sessionApi } from "../api/sessionClient";
import { tokenStore } from "./tokenStore";

type ExpiryListener = () => void;

const expiryListeners = new Set<ExpiryListener>();
let refreshInFlight: Promise<string | null> | null = null;

/** Called when the backend refuses to renew the session: the user has to sign in again. */
export function onSessionExpired(listener: ExpiryListener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

async function exchangeRefreshToken(): Promise<string | null> {
  if (!tokenStore.hasSession()) return null;

  let result;
  try {
    // The refresh token travels in its HttpOnly cookie; the empty JSON body is what makes this a
    // JSON request, which the endpoint requires (a cross-site form cannot send one).
    result = await sessionApi.POST("/api/v1/auth/refresh", { body: {}, credentials: "same-origin" });
  } catch {
    // Offline or the server is unreachable: keep the session, the caller sees its original error.
    return null;
  }
  const { data, response } = result;
  if (data !== undefined) {
    tokenStore.setAccessToken(data.access_token);
    return data.access_token;
  }
  if (response.status >= 500) return null;

  // The refresh cookie is missing, expired, revoked or was reused: the session is over.
  tokenStore.clear();
  for (const listener of expiryListeners) listener();
  return null;
}

async function exchangeAcrossTabs(): Promise<string | null> {
  // Tabs share one refresh cookie; rotating it from two tabs at once would look like token reuse
  // to the backend and revoke the whole family, so tabs take turns where the browser allows (the
  // second then sends the cookie the first one's answer set).
  if (typeof navigator !== "undefined" && "locks" in navigator) {
    return await navigator.locks.request("vinyldigger.session-refresh", exchangeRefreshToken);
  }
  return exchangeRefreshToken();
}

/**
 * Trades the refresh cookie for a new access token (the cookie rotates too) and resolves to it,
 * or to null when the session could not be renewed. Concurrent callers share one refresh.
 */
export function refreshSession(): Promise<string | null> {
  refreshInFlight ??= exchangeAcrossTabs().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}
