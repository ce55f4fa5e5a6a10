import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";

type FollowedSeller = components["schemas"]["FollowedSellerOut"];
type Suggestion = components["schemas"]["SuggestionOut"];

const NAME = /^[A-Za-z0-9._-]{1,200}$/;

/** What the backend knows of a followed seller before its first crawl. */
export function pendingSeller(username: string, followedAt: string): FollowedSeller {
  return {
    username,
    followed_at: followedAt,
    crawl_status: "pending",
    crawl_error: null,
    country: null,
    rating: null,
    rating_count: null,
    inventory_size: null,
    wanted_held: 0,
    last_crawled_at: null,
    last_full_pass_at: null,
  };
}

/** Followed Discogs sellers and suggestions, as the Sellers page and Follow buttons see them. */
export function createSellerState() {
  return {
    followed: [] as FollowedSeller[],
    suggestions: [] as Suggestion[],
    /** Names Discogs has no user for (the crawl found out). */
    unknown: new Set<string>(),
    calls: { follow: [] as string[], unfollow: [] as string[], imports: [] as string[][] },
  };
}

export type SellerState = ReturnType<typeof createSellerState>;

const key = (name: string) => name.toLowerCase();
const sorted = (list: FollowedSeller[]) => [...list].sort((a, b) => key(a.username).localeCompare(key(b.username)));
const invalidName = () => errorBody("validation_error", "username: A Discogs user name has only letters, digits, dots, dashes and underscores", [{ field: "username", message: "A Discogs user name has only letters, digits, dots, dashes and underscores" }]);

export function sellerHandlers(backend: FakeBackend) {
  const state = backend.sellers;
  const find = (name: string) => state.followed.find((item) => key(item.username) === key(name));
  return [
    http.get("/api/v1/sellers/followed", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Number(url.searchParams.get("per_page") ?? "25");
      const all = sorted(state.followed);
      const items = all.slice((page - 1) * perPage, page * perPage);
      return response(200).json({ items, total: all.length, page, per_page: perPage, pages: Math.max(1, Math.ceil(all.length / perPage)) });
    }),

    http.get("/api/v1/sellers/followed/names", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json({ usernames: sorted(state.followed).map((item) => item.username) });
    }),

    http.post("/api/v1/sellers/followed", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const { username } = await request.json();
      state.calls.follow.push(username);
      const name = username.trim();
      if (!NAME.test(name)) return response(422).json(invalidName());
      if (state.unknown.has(key(name))) return response(404).json(errorBody("seller_not_found", `Discogs has no user named ${name}`));
      const known = find(name);
      if (known) return response(200).json(known);
      const created = pendingSeller(name, backend.clock());
      state.followed.push(created);
      state.suggestions = state.suggestions.filter((item) => key(item.username) !== key(name));
      return response(201).json(created);
    }),

    http.post("/api/v1/sellers/followed/import", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const { usernames } = await request.json();
      state.calls.imports.push(usernames);
      const report = { followed: [] as string[], already_followed: [] as string[], invalid: [] as string[], not_found: [] as string[], over_limit: [] as string[] };
      const seen = new Set<string>();
      for (const raw of usernames) {
        const name = raw.trim();
        if (!name || seen.has(key(name))) continue;
        seen.add(key(name));
        if (!NAME.test(name)) report.invalid.push(name);
        else if (state.unknown.has(key(name))) report.not_found.push(name);
        else if (find(name)) report.already_followed.push(find(name)?.username ?? name);
        else {
          state.followed.push(pendingSeller(name, backend.clock()));
          report.followed.push(name);
        }
      }
      return response(200).json(report);
    }),

    http.delete("/api/v1/sellers/followed/{username}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const name = params.username;
      state.calls.unfollow.push(name);
      if (!find(name)) return response(404).json(errorBody("not_found", `You do not follow ${name}`));
      state.followed = state.followed.filter((item) => key(item.username) !== key(name));
      return response(204).empty();
    }),

    http.get("/api/v1/sellers/suggestions", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(state.suggestions.filter((item) => !find(item.username)));
    }),
  ];
}
