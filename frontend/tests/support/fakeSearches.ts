import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";

type SearchInput = components["schemas"]["SearchInput"];
type Criteria = components["schemas"]["SearchCriteria-Output"];
type SavedSearch = components["schemas"]["SearchOut"];
type ErrorField = components["schemas"]["ErrorField"];

const GRADES = ["M", "NM", "VG+", "VG", "G+", "G", "F", "P"];
const CRITERIA_KEYS = new Set([
  "keywords", "want_list", "platforms", "price_min", "price_max", "currency", "min_media_grade",
  "min_sleeve_grade", "ships_from", "ships_to", "min_seller_rating", "formats", "any_pressing",
]);

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

function money(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  const amount = text(value);
  return /^\d{1,10}(\.\d{1,2})?$/.test(amount) && Number(amount) <= 1_000_000 ? amount : undefined;
}

/** Validates criteria the way the backend's model does, with the same field paths and messages. */
function validateCriteria(input: object): { criteria: Criteria } | { fields: ErrorField[] } {
  const raw = input as Record<string, unknown>;
  const fields: ErrorField[] = [];
  const fail = (field: string, message: string) => fields.push({ field: `criteria.${field}`, message });
  for (const key of Object.keys(raw)) if (!CRITERIA_KEYS.has(key)) fail(key, "Extra inputs are not permitted");
  const platforms = (raw.platforms ?? ["discogs", "ebay"]) as string[];
  if (platforms.length === 0) fail("platforms", "List should have at least 1 item after validation, not 0");
  platforms.forEach((platform, index) => {
    if (!["discogs", "ebay"].includes(platform)) fail(`platforms.${index}`, "Input should be 'discogs' or 'ebay'");
  });
  const priceMin = money(raw.price_min);
  const priceMax = money(raw.price_max);
  if (priceMin === undefined) fail("price_min", "Input should be greater than or equal to 0");
  if (priceMax === undefined) fail("price_max", "Input should be greater than or equal to 0");
  for (const grade of ["min_media_grade", "min_sleeve_grade"] as const) {
    const value = raw[grade];
    if (value !== null && value !== undefined && !GRADES.includes(text(value))) {
      fail(grade, `Input should be ${GRADES.map((item) => `'${item}'`).join(", ")}`);
    }
  }
  const shipsTo = raw.ships_to;
  if (shipsTo !== null && shipsTo !== undefined && !/^[A-Z]{2}$/.test(text(shipsTo))) {
    fail("ships_to", "String should match pattern '^[A-Z]{2}$'");
  }
  const shipsFrom = (raw.ships_from ?? []) as string[];
  shipsFrom.forEach((code, index) => {
    if (!/^[A-Z]{2}$/.test(code)) fail(`ships_from.${index}`, "String should match pattern '^[A-Z]{2}$'");
  });
  const rating = raw.min_seller_rating;
  if (typeof rating === "number" && (rating < 0 || rating > 100)) fail("min_seller_rating", "Input should be less than or equal to 100");
  if (fields.length > 0) return { fields };

  const keywords = typeof raw.keywords === "string" ? raw.keywords.trim() : null;
  const wantList = raw.want_list === true;
  // The model's own rules are reported on "criteria", naming the field at the start of the message.
  if (!wantList && !keywords) return { fields: [{ field: "criteria", message: "keywords: give keywords or search the want list" }] };
  if (priceMin != null && priceMax != null && Number(priceMin) > Number(priceMax)) {
    return { fields: [{ field: "criteria", message: "price_min: must not exceed price_max" }] };
  }
  return {
    criteria: {
      keywords: keywords || null,
      want_list: wantList,
      platforms: [...new Set(platforms)].sort() as Criteria["platforms"],
      price_min: priceMin ?? null,
      price_max: priceMax ?? null,
      currency: typeof raw.currency === "string" ? raw.currency : "EUR",
      min_media_grade: (raw.min_media_grade ?? null) as Criteria["min_media_grade"],
      min_sleeve_grade: (raw.min_sleeve_grade ?? null) as Criteria["min_sleeve_grade"],
      ships_from: shipsFrom,
      ships_to: (shipsTo ?? null) as string | null,
      min_seller_rating: typeof rating === "number" ? rating : null,
      formats: ((raw.formats ?? []) as string[]).map((format) => format.trim()),
      any_pressing: raw.any_pressing === true,
    },
  };
}

interface SearchBody {
  name?: string | null;
  criteria?: SearchInput["criteria"] | null;
  check_interval_hours?: number | null;
  is_active?: boolean | null;
}

function validateSearch(body: SearchBody): { fields: ErrorField[] } | { value: Omit<SearchInput, "criteria"> & { criteria?: Criteria } } {
  const fields: ErrorField[] = [];
  const name = typeof body.name === "string" ? body.name.trim() : undefined;
  if (name !== undefined && (name.length === 0 || name.length > 200)) fields.push({ field: "name", message: "String should have at least 1 character" });
  const interval = body.check_interval_hours;
  if (interval !== undefined && interval !== null && (interval < 1 || interval > 720)) {
    fields.push({ field: "check_interval_hours", message: interval < 1 ? "Input should be greater than or equal to 1" : "Input should be less than or equal to 720" });
  }
  let criteria: Criteria | undefined;
  if (body.criteria) {
    const checked = validateCriteria(body.criteria);
    if ("fields" in checked) fields.push(...checked.fields);
    else criteria = checked.criteria;
  }
  if (fields.length > 0) return { fields };
  return { value: { name: name ?? "", check_interval_hours: interval ?? 24, is_active: body.is_active ?? true, ...(criteria ? { criteria } : {}) } };
}

function invalid(fields: ErrorField[]) {
  return errorBody("validation_error", fields.map((field) => `${field.field}: ${field.message}`).join("; "), fields);
}

export function searchHandlers(backend: FakeBackend) {
  const notFound = () => errorBody("not_found", "Search not found");
  const find = (id: number) => backend.searches.find((search) => search.id === id);

  return [
    http.get("/api/v1/searches", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Number(url.searchParams.get("per_page") ?? "25");
      if (perPage > 100 || perPage < 1 || page < 1) return response(422).json(invalid([{ field: "per_page", message: "Input should be less than or equal to 100" }]));
      const sorted = [...backend.searches].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
      const start = (page - 1) * perPage;
      return response(200).json({
        items: sorted.slice(start, start + perPage),
        total: sorted.length,
        page,
        per_page: perPage,
        pages: Math.max(1, Math.ceil(sorted.length / perPage)),
      });
    }),

    http.post("/api/v1/searches", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      backend.calls.createSearch.push(body);
      const checked = validateSearch(body);
      if ("fields" in checked) return response(422).json(invalid(checked.fields));
      const now = backend.clock();
      const search: SavedSearch = {
        id: backend.nextSearchId++,
        ...checked.value,
        criteria: checked.value.criteria!,
        last_run_at: null,
        next_run_at: now,
        created_at: now,
        updated_at: now,
      };
      backend.searches.push(search);
      return response(201).json(search);
    }),

    http.get("/api/v1/searches/{search_id}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const search = find(Number(params.search_id));
      return search ? response(200).json(search) : response(404).json(notFound());
    }),

    http.patch("/api/v1/searches/{search_id}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const id = Number(params.search_id);
      const body = await request.json();
      backend.calls.updateSearch.push({ id, body });
      const search = find(id);
      if (!search) return response(404).json(notFound());
      const checked = validateSearch({ ...body, name: body.name ?? search.name });
      if ("fields" in checked) return response(422).json(invalid(checked.fields));
      const updated: SavedSearch = {
        ...search,
        name: checked.value.name,
        criteria: checked.value.criteria ?? search.criteria,
        check_interval_hours: body.check_interval_hours ?? search.check_interval_hours,
        is_active: body.is_active ?? search.is_active,
        updated_at: backend.clock(),
      };
      backend.searches = backend.searches.map((item) => (item.id === id ? updated : item));
      return response(200).json(updated);
    }),

    http.delete("/api/v1/searches/{search_id}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const id = Number(params.search_id);
      backend.calls.deleteSearch.push(id);
      if (!find(id)) return response(404).json(notFound());
      backend.searches = backend.searches.filter((search) => search.id !== id);
      return response(204).empty();
    }),
  ];
}
