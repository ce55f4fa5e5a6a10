import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { tokenStore } from "../src/lib/auth/tokenStore";
import { renderApp, signIn, startBackend } from "./support/renderApp";

describe("logout", () => {
  it("revokes the session, clears its cookie, forgets it and shows the login page", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user, router } = renderApp("/dashboard");

    await user.click(await screen.findByRole("link", { name: "Sign out" }));

    expect(await screen.findByText("You have been signed out.")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(backend.calls.logout).toEqual(["refresh-1"]);
    expect(backend.refreshTokens.size).toBe(0);
    expect(backend.refreshCookie).toBeNull();
    expect(tokenStore.hasSession()).toBe(false);
    expect(tokenStore.getAccessToken()).toBeNull();

    // The protected pages are closed again.
    await router.navigate("/settings");
    await waitFor(() => { expect(router.state.location.pathname).toBe("/login"); });
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Settings" })).not.toBeInTheDocument();
  });
});
