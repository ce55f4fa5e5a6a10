import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { errorBody, http } from "./support/fakeBackend";
import { renderApp, signIn, startBackend } from "./support/renderApp";
import { server } from "./support/server";

function linkedDiscogs(backend: ReturnType<typeof startBackend>) {
  backend.credentials.discogs = {
    service: "discogs",
    configured: true,
    fields: [
      { name: "username", is_set: true, hint: "••••gger" },
      { name: "personal_token", is_set: true, hint: "••••abcd" },
    ],
    updated_at: "2025-02-20T18:45:00Z",
  };
}

async function openCard(name: "Discogs" | "eBay") {
  return within(await screen.findByRole("article", { name }));
}

describe("settings: marketplace credentials", () => {
  it("shows the masked state of each service", async () => {
    const backend = startBackend();
    linkedDiscogs(backend);
    signIn(backend);
    renderApp("/settings");

    const discogs = await openCard("Discogs");
    expect(discogs.getByText("Configured")).toBeInTheDocument();
    expect(discogs.getByText("Username").nextElementSibling).toHaveTextContent("••••gger");
    expect(discogs.getByText("Personal access token").nextElementSibling).toHaveTextContent("••••abcd");
    expect(discogs.getByText(/Last changed/).querySelector("time")).toHaveAttribute("dateTime", "2025-02-20T18:45:00Z");
    expect(discogs.getByRole("button", { name: "Replace Discogs credentials" })).toBeInTheDocument();

    const ebay = await openCard("eBay");
    expect(ebay.getByText("Not configured")).toBeInTheDocument();
    expect(ebay.getByText("Client secret").nextElementSibling).toHaveTextContent("Not set");
    expect(ebay.queryByText(/Last changed/)).not.toBeInTheDocument();
    expect(ebay.queryByRole("button", { name: "Remove" })).not.toBeInTheDocument();
  });

  it("sends the eBay fields with PUT and shows the new state", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/settings");

    const ebay = await openCard("eBay");
    await user.click(ebay.getByRole("button", { name: "Set up eBay" }));
    expect(ebay.getByLabelText("Client ID (App ID)")).toHaveFocus();
    await user.type(ebay.getByLabelText("Client ID (App ID)"), "VinylDig-app-PRD-1234");
    await user.type(ebay.getByLabelText("Client secret (Cert ID)"), "PRD-secret-9876");
    await user.selectOptions(ebay.getByLabelText("eBay site"), "EBAY_DE");
    await user.type(ebay.getByLabelText("Ship-to country"), "de");
    await user.type(ebay.getByLabelText("Ship-to postal code"), "10115");
    await user.click(ebay.getByRole("button", { name: "Save eBay credentials" }));

    expect(await screen.findByText("eBay credentials saved.")).toBeInTheDocument();
    expect(backend.calls.putCredentials).toEqual([
      {
        service: "ebay",
        body: {
          client_id: "VinylDig-app-PRD-1234",
          client_secret: "PRD-secret-9876",
          marketplace_id: "EBAY_DE",
          buyer_country: "DE",
          buyer_postal_code: "10115",
        },
      },
    ]);
    expect(ebay.getByText("Configured")).toBeInTheDocument();
    expect(ebay.getByText("Client secret").nextElementSibling).toHaveTextContent("••••9876");
    expect(ebay.queryByLabelText("Client secret (Cert ID)")).not.toBeInTheDocument();
  });

  it("sends the Discogs fields with PUT and maps a server field error onto the form", async () => {
    const backend = startBackend();
    signIn(backend);
    server.use(
      http.put("/api/v1/credentials/{service}", ({ response }) =>
        response(422).json(
          errorBody("validation_error", "personal_token: was rejected by Discogs", [
            { field: "personal_token", message: "was rejected by Discogs" },
          ]),
        ),
      ),
    );
    const { user } = renderApp("/settings");

    const discogs = await openCard("Discogs");
    await user.click(discogs.getByRole("button", { name: "Set up Discogs" }));
    await user.type(discogs.getByLabelText("Discogs username"), "crate_digger");
    await user.type(discogs.getByLabelText("Personal access token"), "not-a-real-token");
    await user.click(discogs.getByRole("button", { name: "Save Discogs credentials" }));

    const token = discogs.getByLabelText("Personal access token");
    await expect.poll(() => token.getAttribute("aria-invalid")).toBe("true");
    expect(token).toHaveAccessibleDescription(/Personal token was rejected by Discogs\./);
    expect(discogs.getByText("Not configured")).toBeInTheDocument();
  });

  it("removes credentials only after confirmation", async () => {
    const backend = startBackend();
    linkedDiscogs(backend);
    signIn(backend);
    const { user } = renderApp("/settings");

    const discogs = await openCard("Discogs");
    await user.click(discogs.getByRole("button", { name: "Remove" }));
    let dialog = screen.getByRole("alertdialog", { name: "Remove Discogs credentials?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(discogs.getByRole("button", { name: "Remove" })).toHaveFocus();
    expect(backend.calls.deleteCredentials).toHaveLength(0);

    await user.click(discogs.getByRole("button", { name: "Remove" }));
    dialog = screen.getByRole("alertdialog", { name: "Remove Discogs credentials?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove credentials" }));

    expect(await screen.findByText("Discogs credentials removed.")).toBeInTheDocument();
    expect(backend.calls.deleteCredentials).toEqual(["discogs"]);
    expect(await discogs.findByText("Not configured")).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    await waitFor(() => { expect(discogs.getByRole("button", { name: "Set up Discogs" })).toHaveFocus(); });
  });
});
