import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { tokenStore } from "../src/lib/auth/tokenStore";
import { fetchCurrentUser, updateCurrentUser } from "../src/services/auth";
import { listCredentials } from "../src/services/credentials";
import { renderApp, signIn, startBackend } from "./support/renderApp";

describe("silent token refresh", () => {
  it("refreshes an expired access token once and retries the request", async () => {
    const backend = startBackend();
    signIn(backend);
    backend.expireAccessTokens();

    const user = await fetchCurrentUser();

    expect(user.email).toBe(backend.user.email);
    expect(backend.calls.refresh).toBe(1);
    expect(tokenStore.getAccessToken()).toBe("access-2");
    // The refresh token was rotated: the old one is spent, the new one is kept.
    expect(tokenStore.getRefreshToken()).toBe("refresh-2");
    expect(backend.refreshTokens.has("refresh-1")).toBe(false);
  });

  it("replays the original request body on the retry", async () => {
    const backend = startBackend();
    signIn(backend);
    backend.expireAccessTokens();

    const user = await updateCurrentUser({ currency: "GBP" });

    expect(user.currency).toBe("GBP");
    expect(backend.calls.updateMe).toEqual([{ currency: "GBP" }]);
  });

  it("shares one refresh between concurrent requests that all get 401", async () => {
    const backend = startBackend();
    signIn(backend);
    backend.expireAccessTokens();
    backend.refreshDelayMs = 50;

    const [me, credentials, meAgain] = await Promise.all([fetchCurrentUser(), listCredentials(), fetchCurrentUser()]);

    expect(backend.calls.refresh).toBe(1);
    expect(me.email).toBe(backend.user.email);
    expect(meAgain.email).toBe(backend.user.email);
    expect(credentials.map((item) => item.service)).toEqual(["discogs", "ebay"]);
  });

  it("resumes a session after a reload from the stored refresh token", async () => {
    const backend = startBackend();
    signIn(backend);
    // A reload keeps localStorage but loses the in-memory access token.
    const refreshToken = tokenStore.getRefreshToken()!;
    tokenStore.clear();
    window.localStorage.setItem("vinyldigger.refresh_token", refreshToken);

    renderApp("/dashboard");

    expect(await screen.findByText(backend.user.email)).toBeInTheDocument();
    expect(backend.calls.refresh).toBe(1);
  });

  it("signs out and sends the user to the login page when the refresh is refused", async () => {
    const backend = startBackend();
    signIn(backend);
    backend.expireAccessTokens();
    // The family was revoked on the server, e.g. after refresh-token reuse was detected.
    backend.refreshTokens.clear();

    const { router } = renderApp("/settings");

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(await screen.findByText("Your session has expired. Please sign in again.")).toBeInTheDocument();
    expect(backend.calls.refresh).toBe(1);
    expect(tokenStore.hasSession()).toBe(false);
  });
});
