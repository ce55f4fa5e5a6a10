/**
 * Where the session's tokens live.
 *
 * The access token stays in memory only, so a script injected into the page after load cannot
 * lift a long-lived credential from storage. The refresh token is kept in localStorage so a
 * reload or a new tab can resume the session; it is rotated on every use by the backend.
 */

const REFRESH_TOKEN_KEY = "vinyldigger.refresh_token";

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

type Listener = () => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

function readRefreshToken(): string | null {
  try {
    return window.localStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    // Storage can be disabled (private mode, strict privacy settings): act as signed out.
    return null;
  }
}

function writeRefreshToken(token: string | null): void {
  try {
    if (token === null) window.localStorage.removeItem(REFRESH_TOKEN_KEY);
    else window.localStorage.setItem(REFRESH_TOKEN_KEY, token);
  } catch {
    // Without storage the session simply does not survive a reload.
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const tokenStore = {
  getAccessToken: (): string | null => accessToken,

  getRefreshToken: (): string | null => readRefreshToken(),

  /** True while a refresh token exists, i.e. the session can be resumed without a password. */
  hasSession: (): boolean => readRefreshToken() !== null,

  setTokens: (tokens: StoredTokens): void => {
    accessToken = tokens.accessToken;
    writeRefreshToken(tokens.refreshToken);
    notify();
  },

  clear: (): void => {
    const hadSession = accessToken !== null || readRefreshToken() !== null;
    accessToken = null;
    writeRefreshToken(null);
    if (hadSession) notify();
  },

  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signing out (or in) changes the shared refresh token: follow it.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key !== REFRESH_TOKEN_KEY) return;
    if (event.newValue === null) accessToken = null;
    notify();
  });
}
