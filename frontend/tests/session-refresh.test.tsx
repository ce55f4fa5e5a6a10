import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { tokenStore } from "../src/lib/auth/tokenStore";
import { fetchCurrentUser, updateCurrentUser } from "../src/services/auth";
import { listCredentials } from "../src/services/credentials";
import { reloadPage, renderApp, signIn, startBackend } from "./support/renderApp";

describe("silent token refresh", () => {
  it("refreshes an expired access token once and retries the request", async () => {
    const backend = startBackend();
    signIn(backend);
    backend.expireAccessTokens();

    const user = await fetchCurrentUser();

    expect(user.email).toBe(backend.user.email);
    expect(backend.calls.refresh).toBe(1);
    expect(tokenStore.getAccessToken()).toBe("access-2");
    // The refresh cookie was rotated: the old token is spent, the browser holds the new one.
    expect(backend.refreshCookie).toBe("refresh-2");
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

  it("resumes a session after a reload from the refresh cookie", async () => {
    const backend = startBackend();
    signIn(backend);
    // A reload loses the in-memory access token; the cookie and the signed-in marker remain.
    reloadPage();
    expect(tokenStore.getAccessToken()).toBeNull();

    const { router } = renderApp("/dashboard");

    expect(await screen.findByText(backend.user.email)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/dashboard");
    expect(backend.calls.refresh).toBe(1);
    expect(tokenStore.getAccessToken()).toBe("access-2");
  });

  it("keeps no token in storage, only a marker that the browser is signed in", async () => {
    const backend = startBackend();
    const { user } = renderApp("/login");

    await user.type(await screen.findByLabelText("E-mail"), backend.user.email);
    await user.type(screen.getByLabelText("Password"), backend.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText(backend.user.email)).toBeInTheDocument();
    const stored = Object.keys(window.localStorage).map((key) => [key, window.localStorage.getItem(key)]);
    expect(stored).toEqual([["vinyldigger.signed_in", "1"]]);
    expect(backend.refreshCookie).toBe("refresh-1");
  });

  it("sends the user to the login page when a reload finds the cookie gone", async () => {
    const backend = startBackend();
    signIn(backend);
    reloadPage();
    // The cookie expired, or the session was signed out from another device.
    backend.refreshTokens.clear();

    const { router } = renderApp("/dashboard");

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(tokenStore.hasSession()).toBe(false);
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
