import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { errorBody, http } from "./support/fakeBackend";
import { renderApp, startBackend } from "./support/renderApp";
import { server } from "./support/server";

async function fillRegistration(user: ReturnType<typeof renderApp>["user"], email: string, password: string, repeat = password) {
  await user.type(await screen.findByLabelText("E-mail"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.type(screen.getByLabelText("Repeat password"), repeat);
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("registration", () => {
  it("requires a password of at least 10 characters before calling the API", async () => {
    const backend = startBackend();
    const { user } = renderApp("/register");

    await fillRegistration(user, "new@example.com", "short123");

    // Validation runs after the click's event loop turn: wait for it rather than race it.
    const password = screen.getByLabelText("Password");
    await waitFor(() => expect(password).toHaveAttribute("aria-invalid", "true"));
    expect(password).toHaveAccessibleDescription(/Use at least 10 characters\./);
    await waitFor(() => expect(password).toHaveFocus());
    expect(backend.calls.register).toHaveLength(0);
  });

  it("asks for the same password twice", async () => {
    const backend = startBackend();
    const { user } = renderApp("/register");

    await fillRegistration(user, "new@example.com", "long enough password", "long enough passw0rd");

    await waitFor(() =>
      expect(screen.getByLabelText("Repeat password")).toHaveAccessibleDescription("The passwords do not match."),
    );
    expect(backend.calls.register).toHaveLength(0);
  });

  it("shows the server's 409 under the e-mail field when the address is taken", async () => {
    const backend = startBackend();
    const { user } = renderApp("/register");

    await fillRegistration(user, backend.user.email, "long enough password");

    const email = screen.getByLabelText("E-mail");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    expect(email).toHaveAccessibleDescription("An account with this e-mail already exists");
    expect(email).toHaveFocus();
    expect(backend.calls.register).toHaveLength(1);
  });

  it("maps the server's 422 field errors onto the form", async () => {
    startBackend();
    server.use(
      http.post("/api/v1/auth/register", ({ response }) =>
        response(422).json(
          errorBody("validation_error", "password: is too common", [{ field: "password", message: "is too common" }]),
        ),
      ),
    );
    const { user } = renderApp("/register");

    await fillRegistration(user, "new@example.com", "password1234");

    const password = screen.getByLabelText("Password");
    await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
    expect(password).toHaveAccessibleDescription(/Password is too common\./);
  });

  it("creates the account, signs in and opens the dashboard", async () => {
    const backend = startBackend();
    const { user, router } = renderApp("/register");

    await fillRegistration(user, "new@example.com", "long enough password");

    expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/dashboard");
    expect(backend.calls.register).toEqual([{ email: "new@example.com", password: "long enough password" }]);
    expect(backend.calls.login).toBe(1);
  });
});
