import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";
import { FRESH_FX } from "./fakeFx";

type User = components["schemas"]["UserOut"];
type Instance = components["schemas"]["InstanceOut"];
type UserChange = components["schemas"]["UserChange"];

export const DEFAULT_INSTANCE: Instance = {
  version: "0.4.0",
  mode: "embedded",
  database: "sqlite",
  redis: false,
  discogs_base_url: "https://api.discogs.com",
  ebay_base_url: "https://api.ebay.com",
  discogs_rate_limit_per_minute: 60,
  ebay_calls_per_day: 5000,
  search_max_pages: 2,
  search_max_sellers: 25,
  inventory_max_pages: 3,
  access_token_minutes: 15,
  login_failures_per_minute: 5,
  fx_url: "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
  fx: FRESH_FX,
};

/** Another account on the instance, numbered after the signed-in one. */
export function otherUser(id: number, overrides: Partial<User> = {}): User {
  return {
    id,
    email: `user${id}@example.com`,
    is_active: true,
    is_admin: false,
    currency: "EUR",
    ship_to_country: null,
    min_media_grade: null,
    created_at: `2025-02-${String(Math.min(id, 28)).padStart(2, "0")}T10:00:00Z`,
    ...overrides,
  };
}

/** The accounts besides the signed-in user, and how the instance is set up. */
export function createAdminState() {
  return {
    others: [] as User[],
    instance: { ...DEFAULT_INSTANCE },
    calls: {
      listUsers: [] as Record<string, string>[],
      updateUser: [] as { id: number; body: UserChange }[],
    },
  };
}

export type AdminState = ReturnType<typeof createAdminState>;

/** Like the backend: admins only, accounts in id order, searched by e-mail, no self-lockout. */
export function adminHandlers(backend: FakeBackend) {
  const { admin } = backend;
  const allUsers = () => [backend.user, ...admin.others].sort((a, b) => a.id - b.id);
  const forbidden = () => errorBody("forbidden", "Administrator rights required");

  return [
    http.get("/api/v1/admin/users", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      if (!backend.user.is_admin) return response(403).json(forbidden());
      const url = new URL(request.url);
      admin.calls.listUsers.push(Object.fromEntries(url.searchParams));
      const text = (url.searchParams.get("q") ?? "").trim().toLowerCase();
      const page = Number(url.searchParams.get("page") ?? 1);
      const perPage = Number(url.searchParams.get("per_page") ?? 25);
      const matching = allUsers().filter((user) => user.email.toLowerCase().includes(text));
      return response(200).json({
        items: matching.slice((page - 1) * perPage, page * perPage),
        total: matching.length,
        page,
        per_page: perPage,
        pages: Math.max(1, Math.ceil(matching.length / perPage)),
      });
    }),

    http.patch("/api/v1/admin/users/{user_id}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      if (!backend.user.is_admin) return response(403).json(forbidden());
      const id = Number(params.user_id);
      const body = await request.json();
      admin.calls.updateUser.push({ id, body });
      const user = allUsers().find((candidate) => candidate.id === id);
      if (user === undefined) return response(404).json(errorBody("not_found", "User not found"));
      if (id === backend.user.id && (body.is_active === false || body.is_admin === false)) {
        return response(409).json(errorBody("self_change", "You cannot disable or demote your own account"));
      }
      const updated: User = {
        ...user,
        ...(typeof body.is_active === "boolean" ? { is_active: body.is_active } : {}),
        ...(typeof body.is_admin === "boolean" ? { is_admin: body.is_admin } : {}),
      };
      if (id === backend.user.id) backend.user = updated;
      else admin.others = admin.others.map((other) => (other.id === id ? updated : other));
      return response(200).json(updated);
    }),

    http.get("/api/v1/admin/instance", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      if (!backend.user.is_admin) return response(403).json(forbidden());
      return response(200).json(admin.instance);
    }),
  ];
}
