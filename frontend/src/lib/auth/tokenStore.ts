/**
 * What this page knows of the session.
 *
 * The access token stays in memory only. The refresh token never reaches a script: the backend
 * keeps it in an HttpOnly cookie that only the auth endpoints receive, so a script injected into
 * the page cannot lift a long-lived credential. What survives a reload or reaches another tab is
 * a marker that says "signed in" (no secret): with it, the first request after a reload renews
 * the access token from the cookie instead of sending the visitor to the login page.
 */

const SIGNED_IN_KEY = "vinyldigger.signed_in";
// Earlier versions kept the refresh token itself in storage; it must not linger there.
const LEGACY_REFRESH_TOKEN_KEY = "vinyldigger.refresh_token";

type Listener = () => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

function readSignedIn(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_KEY) !== null;
  } catch {
    // Storage can be disabled (private mode, strict privacy settings): only memory counts.
    return false;
  }
}

function writeSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_KEY, "1");
    else window.localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // Without storage the session simply does not survive a reload.
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const tokenStore = {
  getAccessToken: (): string | null => accessToken,

  /** True while signed in, i.e. requests can be authorised now or after a silent refresh. */
  hasSession: (): boolean => accessToken !== null || readSignedIn(),

  setAccessToken: (token: string): void => {
    accessToken = token;
    writeSignedIn(true);
    notify();
  },

  clear: (): void => {
    const hadSession = tokenStore.hasSession();
    accessToken = null;
    writeSignedIn(false);
    if (hadSession) notify();
  },

  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

if (typeof window !== "undefined") {
  try {
    window.localStorage.removeItem(LEGACY_REFRESH_TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
  // Another tab signing out (or in) changes the marker: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key !== SIGNED_IN_KEY && event.key !== null) return;
    if (!readSignedIn()) accessToken = null;
    notify();
  });
}
