import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, signIn, startBackend } from "./support/renderApp";

function linkedDiscogs(backend: ReturnType<typeof startBackend>) {
  backend.credentials.discogs = {
    service: "discogs",
    configured: true,
    fields: [
      { name: "personal_token", is_set: true, hint: "••••abcd" },
      { name: "username", is_set: true, hint: "••••gger" },
      { name: "oauth_token", is_set: false, hint: null },
      { name: "oauth_token_secret", is_set: false, hint: null },
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
    expect(discogs.getByText("Linked")).toBeInTheDocument();
    expect(discogs.getByText("Account").nextElementSibling).toHaveTextContent("••••gger");
    expect(discogs.getByText("Linked with").nextElementSibling).toHaveTextContent("personal access token");
    expect(discogs.getByText("Since").nextElementSibling?.querySelector("time")).toHaveAttribute("dateTime", "2025-02-20T18:45:00Z");
    expect(discogs.getByRole("button", { name: "Reconnect with Discogs" })).toBeInTheDocument();

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
    expect(await discogs.findByText("Not linked")).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    await waitFor(() => { expect(discogs.getByRole("button", { name: "Connect with Discogs" })).toHaveFocus(); });
  });
});
