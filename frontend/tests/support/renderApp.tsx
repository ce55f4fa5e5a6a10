import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders } from "../../src/AppProviders";
import { tokenStore } from "../../src/lib/auth/tokenStore";
import { createQueryClient } from "../../src/lib/queryClient";
import { routes } from "../../src/routes";
import { createFakeBackend, type FakeBackend } from "./fakeBackend";
import { server } from "./server";

/** Starts the fake backend and installs its handlers for the current test. */
export function startBackend(): FakeBackend {
  const { backend, handlers } = createFakeBackend();
  server.use(...handlers);
  return backend;
}

/** Starts a session as a completed login would: refresh cookie set, access token in memory. */
export function signIn(backend: FakeBackend): void {
  tokenStore.setAccessToken(backend.issueTokens().access_token);
}

/** What a page reload keeps: the refresh cookie and the signed-in marker, not the access token. */
export function reloadPage(): void {
  const signedIn = tokenStore.hasSession();
  tokenStore.clear();
  if (signedIn) window.localStorage.setItem("vinyldigger.signed_in", "1");
}

/** Renders the whole app (routes, providers, toasts) at the given address. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, user, queryClient };
}
