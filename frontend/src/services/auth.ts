import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { expectSuccess, unwrap } from "../lib/api/unwrap";
import { tokenStore } from "../lib/auth/tokenStore";

export type User = components["schemas"]["UserOut"];
export type UserUpdate = components["schemas"]["ProfileUpdate"];

export interface Credentials {
  email: string;
  password: string;
}

/** Signs in; the backend keeps the refresh token in an HttpOnly cookie this page never sees. */
export async function login(credentials: Credentials): Promise<void> {
  const tokens = await unwrap(api.POST("/api/v1/auth/login", { body: credentials }));
  tokenStore.setAccessToken(tokens.access_token);
}

export function register(credentials: Credentials): Promise<User> {
  return unwrap(api.POST("/api/v1/auth/register", { body: credentials }));
}

/**
 * Ends the session locally first, so the user is signed out even if the server cannot be
 * reached, then asks the backend to revoke the session and clear its cookie.
 */
export async function logout(): Promise<void> {
  tokenStore.clear();
  try {
    await expectSuccess(api.POST("/api/v1/auth/logout", { body: {} }));
  } catch {
    // Best effort: the session expires on the server by itself.
  }
}

export function fetchCurrentUser(): Promise<User> {
  return unwrap(api.GET("/api/v1/auth/me"));
}

export function updateCurrentUser(update: UserUpdate): Promise<User> {
  return unwrap(api.PATCH("/api/v1/auth/me", { body: update }));
}

/** Signs out every other browser and device of this account; returns how many were signed in. */
export async function signOutOtherSessions(): Promise<number> {
  const result = await unwrap(api.POST("/api/v1/auth/sessions/sign-out-others"));
  return result.revoked;
}
