import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { tokenStore } from "../src/lib/auth/tokenStore";
import { errorBody, http } from "./support/fakeBackend";
import { renderApp, startBackend } from "./support/renderApp";
import { server } from "./support/server";

describe("login", () => {
  it("sends a signed-out visitor of a protected page to the login page", async () => {
    startBackend();
    renderApp("/settings");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
  });

  it("signs in and lands on the dashboard", async () => {
    const backend = startBackend();
    const { user, router } = renderApp("/login");

    await user.type(await screen.findByLabelText("E-mail"), backend.user.email);
    await user.type(screen.getByLabelText("Password"), backend.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/dashboard");
    expect(tokenStore.getAccessToken()).toBe("access-1");
    expect(backend.refreshCookie).toBe("refresh-1");
    expect(await screen.findByText(backend.user.email)).toBeInTheDocument();
  });

  it("returns to the page that asked for sign-in", async () => {
    const backend = startBackend();
    const { user, router } = renderApp("/settings");

    await user.type(await screen.findByLabelText("E-mail"), backend.user.email);
    await user.type(screen.getByLabelText("Password"), backend.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Settings", level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/settings");
  });

  it("says so when the e-mail or password is wrong", async () => {
    const backend = startBackend();
    const { user } = renderApp("/login");

    await user.type(await screen.findByLabelText("E-mail"), backend.user.email);
    await user.type(screen.getByLabelText("Password"), "not the password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The e-mail or password is incorrect.");
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(tokenStore.hasSession()).toBe(false);
  });

  it("tells how long to wait after too many attempts, from Retry-After", async () => {
    startBackend();
    server.use(
      http.post("/api/v1/auth/login", ({ response }) =>
        response(429).json(errorBody("rate_limited", "Too many attempts; retry in 42 s"), {
          headers: { "Retry-After": "42" },
        }),
      ),
    );
    const { user } = renderApp("/login");

    await user.type(await screen.findByLabelText("E-mail"), "digger@example.com");
    await user.type(screen.getByLabelText("Password"), "whatever it is");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(/too many attempts, retry in 42 s/i);
    expect(screen.getByRole("button", { name: "Sign in" })).toBeDisabled();
  });

  it("validates the form before calling the API", async () => {
    const backend = startBackend();
    const { user } = renderApp("/login");

    await user.type(await screen.findByLabelText("E-mail"), "not-an-email");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("E-mail");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Enter a valid e-mail address.");
    expect(within(email.parentElement!).getByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(backend.calls.login).toBe(0);
  });
});
