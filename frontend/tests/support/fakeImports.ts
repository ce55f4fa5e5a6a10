import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";

type ImportToken = components["schemas"]["ImportTokenOut"];
type ListingImport = components["schemas"]["ImportOut"];

export function createImportState() {
  return { tokens: [] as ImportToken[], history: [] as ListingImport[], nextId: 1 };
}

function page<T>(items: T[]) {
  return { items, total: items.length, page: 1, per_page: 100, pages: 1 };
}

export function importHandlers(backend: FakeBackend) {
  const state = backend.imports;
  return [
    http.get("/api/v1/import-tokens", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(page(state.tokens));
    }),
    http.post("/api/v1/import-tokens", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const { name } = await request.json();
      const secret = `vdi_${"x".repeat(39)}${String(state.nextId).padStart(4, "0")}`;
      const token: ImportToken = { id: state.nextId++, name, hint: secret.slice(-4), created_at: backend.clock(), last_used_at: null, revoked_at: null };
      state.tokens.unshift(token);
      return response(201).json({ ...token, token: secret });
    }),
    http.delete("/api/v1/import-tokens/{token_id}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const token = state.tokens.find((item) => item.id === Number(params.token_id));
      if (!token) return response(404).json(errorBody("not_found", "Import token not found"));
      token.revoked_at = backend.clock();
      return response(204).empty();
    }),
    http.get("/api/v1/imports", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(page(state.history));
    }),
  ];
}
