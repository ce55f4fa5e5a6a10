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
  // Read inside the lock: another tab may have rotated the token while this one waited.
  const refreshToken = tokenStore.getRefreshToken();
  if (refreshToken === null) return null;

  let result;
  try {
    result = await sessionApi.POST("/api/v1/auth/refresh", { body: { refresh_token: refreshToken } });
  } catch {
    // Offline or the server is unreachable: keep the session, the caller sees its original error.
    return null;
  }
  const { data, response } = result;
  if (data !== undefined) {
    tokenStore.setTokens({ accessToken: data.access_token, refreshToken: data.refresh_token });
    return data.access_token;
  }
  if (response.status >= 500) return null;

  // The refresh token is expired, revoked or was reused: the session is over.
  tokenStore.clear();
  for (const listener of expiryListeners) listener();
  return null;
}

async function exchangeAcrossTabs(): Promise<string | null> {
  // Tabs share one refresh token; rotating it from two tabs at once would look like token reuse
  // to the backend and revoke the whole family, so tabs take turns where the browser allows.
  if (typeof navigator !== "undefined" && "locks" in navigator) {
    return await navigator.locks.request("vinyldigger.session-refresh", exchangeRefreshToken);
  }
  return exchangeRefreshToken();
}

/**
 * Trades the refresh token for a new token pair and resolves to the new access token, or null
 * when the session could not be renewed. Concurrent callers share one in-flight refresh.
 */
export function refreshSession(): Promise<string | null> {
  refreshInFlight ??= exchangeAcrossTabs().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}
