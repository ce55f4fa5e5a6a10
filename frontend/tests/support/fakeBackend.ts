import { delay } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { components, paths } from "../../src/lib/api/schema";
import { adminHandlers, createAdminState } from "./fakeAdmin";
import { alertHandlers } from "./fakeAlerts";
import { dashboardHandlers } from "./fakeDashboard";
import { FRESH_FX, fxHandlers } from "./fakeFx";
import { createImportState, importHandlers } from "./fakeImports";
import { libraryHandlers } from "./fakeLibrary";
import { createMarketState, marketHandlers } from "./fakeMarket";
import { createRunStore, DEFAULT_SYNC_PLAN, mirror } from "./fakeRuns";
import { searchHandlers } from "./fakeSearches";
import { createSellerState, sellerHandlers } from "./fakeSellers";

type User = components["schemas"]["UserOut"];
type TokenPair = components["schemas"]["TokenPairOut"];
type CredentialState = components["schemas"]["CredentialState"];
type Service = components["schemas"]["Service"];
type ErrorResponse = components["schemas"]["ErrorResponse"];
type ErrorField = components["schemas"]["ErrorField"];
type Want = components["schemas"]["WantOut"];
type CollectionItem = components["schemas"]["CollectionItemOut"];
type LibraryPressings = components["schemas"]["LibraryPressings"];
type SavedSearch = components["schemas"]["SearchOut"];

/** MSW handlers typed by the generated schema: paths, bodies and responses must match it. */
export const http = createOpenApiHttp<paths>({ baseUrl: window.location.origin });

export function errorBody(code: string, message: string, fields: ErrorField[] = []): ErrorResponse {
  return { error: { code, message, fields }, request_id: "test-request" };
}

export const EMPTY_DISCOGS: CredentialState = {
  service: "discogs",
  configured: false,
  fields: ["personal_token", "username", "oauth_token", "oauth_token_secret"].map((name) => ({
    name,
    is_set: false,
    hint: null,
  })),
  updated_at: null,
};

export const EMPTY_EBAY: CredentialState = {
  service: "ebay",
  configured: false,
  fields: ["client_id", "client_secret", "marketplace_id", "buyer_country", "buyer_postal_code"].map((name) => ({
    name,
    is_set: false,
    hint: null,
  })),
  updated_at: null,
};

export function mask(value: string): string {
  return `••••${value.slice(-4)}`;
}

/**
 * An in-memory stand-in for the backend, speaking the real API shapes over the network layer:
 * tokens are issued, rotated and checked like the real ones, and every call is recorded.
 */
function createBackendState() {
  let tokenCounter = 0;
  let clockSeconds = 0;
  /** Server time: starts on 1 March 2025 and moves one second per reading. */
  const clock = () => new Date(Date.UTC(2025, 2, 1, 10, 0, clockSeconds++)).toISOString();
  const runStore = createRunStore(clock);
  const backend = {
    user: {
      id: 1,
      email: "digger@example.com",
      is_active: true,
      is_admin: false,
      currency: "EUR",
      ship_to_country: null,
      min_media_grade: null,
      created_at: "2025-01-15T10:00:00Z",
    } satisfies User as User,
    password: "correct horse battery",
    accessTokens: new Set<string>(),
    /** Refresh tokens the server still honours. */
    refreshTokens: new Set<string>(),
    /**
     * The browser's HttpOnly refresh cookie: the backend sets and reads it, page scripts never
     * see it (Node's fetch has no cookie jar, so the fake keeps it for the browser).
     */
    refreshCookie: null as string | null,
    credentials: { discogs: EMPTY_DISCOGS, ebay: EMPTY_EBAY } as Record<Service, CredentialState>,
    /** The browser companion's import tokens and imports. */
    imports: createImportState(),
    /** Milliseconds the refresh endpoint takes, to let concurrent requests overlap. */
    refreshDelayMs: 0,
    discogs: {
      /** Personal tokens Discogs accepts, and the account each belongs to. */
      validTokens: new Map<string, string>([["discogs-token-1234", "crate_digger"]]),
      /** Whether this instance has a Discogs application key for OAuth. */
      oauthAvailable: true,
      /** What the account holds on Discogs; a successful sync mirrors it. */
      wants: [] as Want[],
      collection: [] as CollectionItem[],
    },
    /** The mirrors VinylDigger holds. */
    wants: [] as Want[],
    collection: [] as CollectionItem[],
    /** What GET /library/pressings answers; unset: every album of both lists known. */
    pressings: null as LibraryPressings | null,
    runStore,
    syncPlan: { ...DEFAULT_SYNC_PLAN, stats: { ...DEFAULT_SYNC_PLAN.stats } },
    /** When set, the run event stream answers 500 and clients have to poll. */
    eventsBroken: false,
    searches: [] as SavedSearch[],
    nextSearchId: 1,
    market: createMarketState(),
    sellers: createSellerState(),
    admin: createAdminState(),
    /** What GET /fx/status answers; fresh unless a test says otherwise. */
    fx: { ...FRESH_FX },
    /** The dashboard's visits as the server keeps them (see POST /dashboard/visit). */
    dashboard: { visitedAt: null as string | null, previousVisitAt: null as string | null },
    clock,
    calls: {
      register: [] as unknown[],
      login: 0,
      refresh: 0,
      /** The refresh cookie each sign-out carried (null: none). */
      logout: [] as (string | null)[],
      updateMe: [] as unknown[],
      putCredentials: [] as { service: Service; body: unknown }[],
      deleteCredentials: [] as Service[],
      linkToken: [] as string[],
      oauthStart: 0,
      sync: [] as string[],
      runEvents: [] as number[],
      runPolls: [] as number[],
      pressings: 0,
      libraryQueries: [] as { list: string; params: Record<string, string> }[],
      updateWant: [] as { id: number; body: unknown }[],
      createSearch: [] as unknown[],
      updateSearch: [] as { id: number; body: unknown }[],
      deleteSearch: [] as number[],
      dashboardVisits: 0,
      signOutOthers: 0,
    },
    /** Sessions signed in elsewhere, which "sign out everywhere else" ends. */
    otherSessions: 2,

    /** Queues a sync as the backend does; when it succeeds the mirror becomes what Discogs holds. */
    startSync(kind: "wants" | "collection") {
      const finish =
        kind === "wants"
          ? () => ({ sync: mirror(backend.wants, backend.discogs.wants, (item) => item.release.id) })
          : () => ({ sync: mirror(backend.collection, backend.discogs.collection, (item) => item.instance_id) });
      return runStore.create(`sync_${kind}`, backend.syncPlan, finish);
    },

    /** Links Discogs as if the user had done it earlier. */
    linkDiscogs(username = "crate_digger"): void {
      backend.credentials.discogs = discogsState({ username, personal_token: "discogs-token-1234" }, clock());
    },

    /** Starts or renews the session as login and refresh do: the refresh token goes in the cookie. */
    issueTokens(): TokenPair {
      tokenCounter += 1;
      const refreshToken = `refresh-${tokenCounter}`;
      const pair = { access_token: `access-${tokenCounter}`, token_type: "bearer", expires_in: 900 };
      backend.accessTokens.add(pair.access_token);
      backend.refreshTokens.add(refreshToken);
      backend.refreshCookie = refreshToken;
      return pair;
    },

    /** Every access token issued so far stops working, as after its 15 minutes. */
    expireAccessTokens(): void {
      backend.accessTokens.clear();
    },

    isAuthorized(request: Request): boolean {
      const header = request.headers.get("Authorization") ?? "";
      return backend.accessTokens.has(header.replace(/^Bearer /, ""));
    },
  };

  return backend;
}

export type FakeBackend = ReturnType<typeof createBackendState>;

export function createFakeBackend() {
  const backend = createBackendState();
  return { backend, handlers: [...accountHandlers(backend), ...libraryHandlers(backend), ...searchHandlers(backend), ...marketHandlers(backend), ...sellerHandlers(backend), ...adminHandlers(backend), ...dashboardHandlers(backend), ...fxHandlers(backend), ...importHandlers(backend), ...alertHandlers(backend)] };
}

/** The backend takes only JSON where the refresh cookie is used (its CSRF guard). */
function isJson(request: Request): boolean {
  return request.headers.get("Content-Type")?.split(";")[0]?.trim() === "application/json";
}

export function unauthorized(): ErrorResponse {
  return errorBody("unauthorized", "Not authenticated");
}

function discogsState(values: Record<string, string>, updatedAt: string): CredentialState {
  return {
    service: "discogs",
    configured: true,
    fields: EMPTY_DISCOGS.fields.map(({ name }) => {
      const value = values[name];
      return value ? { name, is_set: true, hint: mask(value) } : { name, is_set: false, hint: null };
    }),
    updated_at: updatedAt,
  };
}

function accountHandlers(backend: FakeBackend) {
  return [
    http.post("/api/v1/auth/register", async ({ request, response }) => {
      const body = await request.json();
      backend.calls.register.push(body);
      if (body.email === backend.user.email) {
        return response(409).json(
          errorBody("conflict", "An account with this e-mail already exists", [
            { field: "email", message: "An account with this e-mail already exists" },
          ]),
        );
      }
      backend.user = { ...backend.user, email: body.email };
      backend.password = body.password;
      return response(201).json(backend.user);
    }),

    http.post("/api/v1/auth/login", async ({ request, response }) => {
      backend.calls.login += 1;
      const body = await request.json();
      if (body.email !== backend.user.email || body.password !== backend.password) {
        return response(401).json(errorBody("invalid_credentials", "Invalid e-mail or password"));
      }
      return response(200).json(backend.issueTokens());
    }),

    http.post("/api/v1/auth/refresh", async ({ request, response }) => {
      backend.calls.refresh += 1;
      if (!isJson(request)) return response(415).json(errorBody("unsupported_media_type", "JSON only"));
      const refreshToken = backend.refreshCookie;
      if (backend.refreshDelayMs > 0) await delay(backend.refreshDelayMs);
      if (refreshToken === null || !backend.refreshTokens.delete(refreshToken)) {
        return response(401).json(errorBody("unauthorized", "Invalid refresh token"));
      }
      return response(200).json(backend.issueTokens());
    }),

    http.post("/api/v1/auth/logout", ({ request, response }) => {
      if (!isJson(request)) return response(415).json(errorBody("unsupported_media_type", "JSON only"));
      backend.calls.logout.push(backend.refreshCookie);
      if (backend.refreshCookie !== null) backend.refreshTokens.delete(backend.refreshCookie);
      backend.refreshCookie = null;
      return response(204).empty();
    }),

    http.post("/api/v1/auth/sessions/sign-out-others", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      backend.calls.signOutOthers += 1;
      const revoked = backend.otherSessions;
      backend.otherSessions = 0;
      return response(200).json({ revoked });
    }),

    http.get("/api/v1/auth/me", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(backend.user);
    }),

    http.patch("/api/v1/auth/me", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      backend.calls.updateMe.push(body);
      const needsPassword = Boolean(body.email) || Boolean(body.new_password);
      if (needsPassword && !body.current_password) {
        return response(422).json(
          errorBody("validation_error", "current_password: is required to change e-mail or password", [
            { field: "current_password", message: "is required to change e-mail or password" },
          ]),
        );
      }
      if (needsPassword && body.current_password !== backend.password) {
        return response(422).json(
          errorBody("validation_error", "current_password: is incorrect", [
            { field: "current_password", message: "is incorrect" },
          ]),
        );
      }
      if (body.new_password) {
        backend.password = body.new_password;
        backend.otherSessions = 0;
      }
      backend.user = {
        ...backend.user,
        ...(body.email ? { email: body.email } : {}),
        ...(body.currency ? { currency: body.currency.toUpperCase() } : {}),
        ...("ship_to_country" in body ? { ship_to_country: body.ship_to_country?.toUpperCase() ?? null } : {}),
        ...("min_media_grade" in body ? { min_media_grade: body.min_media_grade ?? null } : {}),
      };
      return response(200).json(backend.user);
    }),

    http.get("/api/v1/credentials", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json({ items: [backend.credentials.discogs, backend.credentials.ebay] });
    }),

    http.put("/api/v1/credentials/{service}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const service = params.service;
      const body = (await request.json()) as Record<string, string>;
      backend.calls.putCredentials.push({ service, body });
      backend.credentials[service] = {
        service,
        configured: true,
        // Like the backend: every field of the service's model, set or not.
        fields: (service === "discogs" ? EMPTY_DISCOGS : EMPTY_EBAY).fields.map(({ name }) => {
          const value = body[name];
          return value ? { name, is_set: true, hint: mask(value) } : { name, is_set: false, hint: null };
        }),
        updated_at: "2025-03-02T09:30:00Z",
      };
      return response(200).json(backend.credentials[service]);
    }),

    http.delete("/api/v1/credentials/{service}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const service = params.service;
      backend.calls.deleteCredentials.push(service);
      backend.credentials[service] = service === "discogs" ? EMPTY_DISCOGS : EMPTY_EBAY;
      return response(204).empty();
    }),

    http.post("/api/v1/discogs/link-token", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const { personal_token } = await request.json();
      backend.calls.linkToken.push(personal_token);
      const username = backend.discogs.validTokens.get(personal_token);
      if (username === undefined) {
        return response(422).json(
          errorBody("validation_error", "personal_token: Discogs did not accept these credentials", [
            { field: "personal_token", message: "Discogs did not accept these credentials" },
          ]),
        );
      }
      backend.credentials.discogs = discogsState({ username, personal_token }, backend.clock());
      // As the backend does: linking starts both syncs, unless one is already under way.
      for (const kind of ["wants", "collection"] as const) {
        const active = backend.runStore.runs.some((run) => run.kind === `sync_${kind}` && (run.status === "queued" || run.status === "running"));
        if (!active) backend.startSync(kind);
      }
      return response(200).json(backend.credentials.discogs);
    }),

    http.post("/api/v1/discogs/oauth/start", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      backend.calls.oauthStart += 1;
      if (!backend.discogs.oauthAvailable) {
        return response(409).json(
          errorBody("oauth_unavailable", "This instance has no Discogs application key; use a personal token"),
        );
      }
      return response(200).json({
        authorize_url: `https://www.discogs.com/oauth/authorize?oauth_token=request-${backend.calls.oauthStart}`,
      });
    }),
  ];
}
