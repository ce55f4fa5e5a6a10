import { useSyncExternalStore } from "react";
import { tokenStore } from "../lib/auth/tokenStore";

/** Whether this browser holds a session (a refresh token); re-renders when that changes. */
export function useHasSession(): boolean {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.hasSession, tokenStore.hasSession);
}
