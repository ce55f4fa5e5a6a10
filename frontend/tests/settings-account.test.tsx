import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, signIn, startBackend } from "./support/renderApp";

async function openSettings() {
  const backend = startBackend();
  signIn(backend);
  const app = renderApp("/settings");
  const profile = within(await screen.findByRole("form", { name: "Profile" }));
  const password = within(screen.getByRole("form", { name: "Password" }));
  return { ...app, backend, profile, password };
}

describe("settings: profile", () => {
  it("shows the saved profile and saves only what changed", async () => {
    const { user, backend, profile } = await openSettings();

    expect(profile.getByLabelText("E-mail")).toHaveValue(backend.user.email);
    expect(profile.getByLabelText("Preferred currency")).toHaveValue("EUR");

    await user.selectOptions(profile.getByLabelText("Preferred currency"), "USD");
    await user.click(profile.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(backend.calls.updateMe).toEqual([{ currency: "USD" }]);
  });

  it("saves the defaults of new searches, and clears one", async () => {
    const { user, backend, profile } = await openSettings();

    expect(profile.getByLabelText("Ship to")).toHaveValue("");
    expect(profile.getByLabelText("Minimum media grade")).toHaveValue("");
    expect(profile.getByLabelText("Ship to")).toHaveAccessibleDescription(/new searches check shipping to this country/);
    await user.selectOptions(profile.getByLabelText("Ship to"), "DE");
    await user.selectOptions(profile.getByLabelText("Minimum media grade"), "VG+");
    await user.click(profile.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(backend.calls.updateMe).toEqual([{ ship_to_country: "DE", min_media_grade: "VG+" }]);
    expect(backend.user.ship_to_country).toBe("DE");

    await user.selectOptions(profile.getByLabelText("Minimum media grade"), "");
    await user.click(profile.getByRole("button", { name: "Save profile" }));
    await expect.poll(() => backend.calls.updateMe.length).toBe(2);
    expect(backend.calls.updateMe[1]).toEqual({ min_media_grade: null });
    expect(profile.getByLabelText("Ship to")).toHaveValue("DE");
  });

  it("asks for the current password before changing the e-mail", async () => {
    const { user, backend, profile } = await openSettings();

    expect(profile.queryByLabelText("Current password")).not.toBeInTheDocument();
    const email = profile.getByLabelText("E-mail");
    await user.clear(email);
    await user.type(email, "moved@example.com");
    await user.click(profile.getByRole("button", { name: "Save profile" }));

    expect(profile.getByLabelText("Current password")).toHaveAccessibleDescription(
      /Enter your current password to change your e-mail\./,
    );
    expect(backend.calls.updateMe).toHaveLength(0);
  });

  it("shows a wrong current password under its field and changes the e-mail with the right one", async () => {
    const { user, backend, profile } = await openSettings();

    const email = profile.getByLabelText("E-mail");
    await user.clear(email);
    await user.type(email, "moved@example.com");
    await user.type(profile.getByLabelText("Current password"), "a wrong guess");
    await user.click(profile.getByRole("button", { name: "Save profile" }));

    const current = profile.getByLabelText("Current password");
    await expect.poll(() => current.getAttribute("aria-invalid")).toBe("true");
    expect(current).toHaveAccessibleDescription(/Current password is incorrect\./);

    await user.clear(current);
    await user.type(current, backend.password);
    await user.click(profile.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(backend.user.email).toBe("moved@example.com");
    expect(backend.calls.updateMe.at(-1)).toEqual({ email: "moved@example.com", current_password: backend.password });
  });
});

describe("settings: password", () => {
  it("requires the current password and a new one of at least 10 characters", async () => {
    const { user, backend, password } = await openSettings();

    await user.type(password.getByLabelText("New password"), "short");
    await user.click(password.getByRole("button", { name: "Change password" }));

    expect(password.getByLabelText("Current password")).toHaveAccessibleDescription("Enter your current password.");
    expect(password.getByLabelText("New password")).toHaveAccessibleDescription(/Use at least 10 characters\./);
    expect(backend.calls.updateMe).toHaveLength(0);
  });

  it("changes the password and clears the form", async () => {
    const { user, backend, password } = await openSettings();
    const oldPassword = backend.password;

    await user.type(password.getByLabelText("Current password"), oldPassword);
    await user.type(password.getByLabelText("New password"), "a brand new passphrase");
    await user.type(password.getByLabelText("Repeat new password"), "a brand new passphrase");
    await user.click(password.getByRole("button", { name: "Change password" }));

    expect(await screen.findByText("Password changed. Every other session is signed out.")).toBeInTheDocument();
    expect(backend.calls.updateMe).toEqual([{ current_password: oldPassword, new_password: "a brand new passphrase" }]);
    expect(backend.password).toBe("a brand new passphrase");
    expect(password.getByLabelText("Current password")).toHaveValue("");
    expect(password.getByLabelText("New password")).toHaveValue("");
  });
});

describe("settings: sessions", () => {
  it("signs out every other session after confirming, and says how many", async () => {
    const { user, backend } = await openSettings();
    const sessions = within(screen.getByRole("region", { name: "Sessions" }));

    await user.click(sessions.getByRole("button", { name: "Sign out everywhere else" }));
    const dialog = within(await screen.findByRole("alertdialog", { name: "Sign out everywhere else?" }));
    expect(backend.calls.signOutOthers).toBe(0);
    await user.click(dialog.getByRole("button", { name: "Sign out everywhere else" }));

    expect(await screen.findByText("Signed out 2 other sessions.")).toBeInTheDocument();
    expect(backend.calls.signOutOthers).toBe(1);
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });

  it("cancelling signs nobody out", async () => {
    const { user, backend } = await openSettings();
    const sessions = within(screen.getByRole("region", { name: "Sessions" }));

    await user.click(sessions.getByRole("button", { name: "Sign out everywhere else" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(backend.calls.signOutOthers).toBe(0);
  });
});
