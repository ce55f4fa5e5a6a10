import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { browser } from "../src/lib/browser";
import { wants } from "./support/fixtures";
import { renderApp, signIn, startBackend } from "./support/renderApp";

async function openDiscogsCard() {
  return within(await screen.findByRole("article", { name: "Discogs" }));
}

describe("settings: linking Discogs", () => {
  it("links with a personal token and shows the account Discogs reported", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/settings");

    const discogs = await openDiscogsCard();
    expect(discogs.getByText("Not linked")).toBeInTheDocument();
    await user.click(discogs.getByRole("button", { name: "Use a personal token instead" }));
    const token = discogs.getByLabelText("Personal access token");
    expect(token).toHaveFocus();
    await user.type(token, "discogs-token-1234");
    await user.click(discogs.getByRole("button", { name: "Link with token" }));

    expect(await screen.findByText("Discogs is linked. Your want list and collection are syncing now.")).toBeInTheDocument();
    expect(backend.calls.linkToken).toEqual(["discogs-token-1234"]);
    expect(discogs.getByText("Linked")).toBeInTheDocument();
    // The backend asked Discogs whose token it is; the username comes from there.
    expect(discogs.getByText("Account").nextElementSibling).toHaveTextContent("••••gger");
    expect(discogs.getByText("Linked with").nextElementSibling).toHaveTextContent("personal access token");
    expect(discogs.queryByLabelText("Personal access token")).not.toBeInTheDocument();
  });

  it("starts the first sync by linking: the want list follows it without Sync being pressed", async () => {
    const backend = startBackend();
    backend.discogs.wants = wants(2);
    signIn(backend);
    const { user, router } = renderApp("/settings");

    const discogs = await openDiscogsCard();
    await user.click(discogs.getByRole("button", { name: "Use a personal token instead" }));
    await user.type(discogs.getByLabelText("Personal access token"), "discogs-token-1234");
    await user.click(discogs.getByRole("button", { name: "Link with token" }));
    await discogs.findByText("Linked");
    expect(backend.runStore.runs.map((run) => run.kind)).toEqual(["sync_wants", "sync_collection"]);

    await router.navigate("/wants");
    const panel = within(await screen.findByRole("region", { name: "Sync with Discogs" }));
    expect(await panel.findByRole("button", { name: "Syncing…" })).toBeDisabled();
    backend.runStore.finish(backend.runStore.runs[0]!.id);
    expect(await panel.findByText(/Sync finished: 2 added/)).toBeInTheDocument();
    expect(backend.calls.sync).toEqual([]);
  });

  it("asks for the token before calling the backend", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/settings");

    const discogs = await openDiscogsCard();
    await user.click(discogs.getByRole("button", { name: "Use a personal token instead" }));
    await user.click(discogs.getByRole("button", { name: "Link with token" }));

    await waitFor(() => { expect(discogs.getByLabelText("Personal access token")).toHaveAccessibleDescription(/Enter your personal access token\./); });
    expect(backend.calls.linkToken).toHaveLength(0);
  });

  it("shows a token Discogs refused under the field and stays unlinked", async () => {
    const backend = startBackend();
    signIn(backend);
    const { user } = renderApp("/settings");

    const discogs = await openDiscogsCard();
    await user.click(discogs.getByRole("button", { name: "Use a personal token instead" }));
    await user.type(discogs.getByLabelText("Personal access token"), "revoked-token");
    await user.click(discogs.getByRole("button", { name: "Link with token" }));

    const token = discogs.getByLabelText("Personal access token");
    await expect.poll(() => token.getAttribute("aria-invalid")).toBe("true");
    expect(token).toHaveAccessibleDescription(/Discogs did not accept these credentials/);
    expect(token).toHaveFocus();
    expect(discogs.getByText("Not linked")).toBeInTheDocument();
    expect(backend.credentials.discogs.configured).toBe(false);
  });

  it("sends the browser to the Discogs approval page", async () => {
    const backend = startBackend();
    signIn(backend);
    const assign = vi.spyOn(browser, "assign").mockImplementation(() => undefined);
    const { user } = renderApp("/settings");

    const discogs = await openDiscogsCard();
    await user.click(discogs.getByRole("button", { name: "Connect with Discogs" }));

    await waitFor(() => { expect(assign).toHaveBeenCalledWith("https://www.discogs.com/oauth/authorize?oauth_token=request-1"); });
    expect(assign).toHaveBeenCalledTimes(1);
    expect(backend.calls.oauthStart).toBe(1);
  });

  it("offers the token form when the instance cannot use OAuth", async () => {
    const backend = startBackend();
    backend.discogs.oauthAvailable = false;
    signIn(backend);
    const assign = vi.spyOn(browser, "assign").mockImplementation(() => undefined);
    const { user } = renderApp("/settings");

    const discogs = await openDiscogsCard();
    await user.click(discogs.getByRole("button", { name: "Connect with Discogs" }));

    expect(await discogs.findByText(/no Discogs application key/)).toBeInTheDocument();
    expect(discogs.getByLabelText("Personal access token")).toHaveFocus();
    expect(discogs.queryByRole("button", { name: "Connect with Discogs" })).not.toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it("confirms a completed link on return from Discogs and clears the address", async () => {
    const backend = startBackend();
    backend.linkDiscogs();
    signIn(backend);
    const { router } = renderApp("/settings?discogs=linked");

    expect(await screen.findByText("Discogs is linked. Your want list and collection are syncing now.")).toBeInTheDocument();
    const discogs = await openDiscogsCard();
    expect(discogs.getByText("Linked")).toBeInTheDocument();
    await waitFor(() => { expect(router.state.location.search).toBe(""); });
    expect(discogs.getByRole("heading", { name: "Discogs" })).toHaveFocus();
  });

  it("explains a failed link on return from Discogs", async () => {
    const backend = startBackend();
    signIn(backend);
    const { router } = renderApp("/settings?discogs=error&reason=This+Discogs+link+has+expired%3B+start+again+from+Settings");

    const discogs = await openDiscogsCard();
    expect(discogs.getByRole("alert")).toHaveTextContent(
      "Discogs was not linked: This Discogs link has expired; start again from Settings",
    );
    expect(discogs.getByText("Not linked")).toBeInTheDocument();
    await waitFor(() => { expect(router.state.location.search).toBe(""); });
  });
});
