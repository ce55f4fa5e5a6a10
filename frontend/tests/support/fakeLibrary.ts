import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";
import { runEventStream } from "./fakeRuns";

type Want = components["schemas"]["WantOut"];
type CollectionItem = components["schemas"]["CollectionItemOut"];
type LibraryItem = Want | CollectionItem;
type Run = components["schemas"]["RunOut"];
type PressingProgress = components["schemas"]["PressingProgressOut"];

/** Every album (master) of the list with its pressings stored. */
function allKnown(items: readonly LibraryItem[]): PressingProgress {
  const albums = new Set(items.flatMap((item) => (item.release.master_id === null ? [] : [item.release.master_id]))).size;
  return { albums, known: albums, waiting: 0, failed: 0, next_retry_at: null, failures: [] };
}

const SORT_KEYS = {
  added: (item: LibraryItem) => item.date_added,
  artist: (item: LibraryItem) => item.release.artists.join(", ").toLowerCase(),
  title: (item: LibraryItem) => item.release.title.toLowerCase(),
  year: (item: LibraryItem) => item.release.year,
  rating: (item: LibraryItem) => item.rating,
} as const;

type Sort = keyof typeof SORT_KEYS;

function isSort(value: string): value is Sort {
  return value in SORT_KEYS;
}

function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Reads page and per_page like the backend: defaults 1 and 25, per_page at most 100. */
function paging(url: URL): { page: number; perPage: number } | null {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "25");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) return null;
  return { page, perPage };
}

const invalidPaging = () =>
  errorBody("validation_error", "per_page: Input should be less than or equal to 100", [
    { field: "per_page", message: "Input should be less than or equal to 100" },
  ]);

/** Search, sort and paginate like the backend: text in title, artists or labels; nulls last. */
function libraryPage<T extends LibraryItem>(items: readonly T[], url: URL) {
  const pages = paging(url);
  const sort = url.searchParams.get("sort") ?? "added";
  const order = url.searchParams.get("order") ?? "desc";
  if (pages === null || !isSort(sort) || !["asc", "desc"].includes(order)) return null;
  const text = (url.searchParams.get("q") ?? "").trim().toLowerCase();
  const matching = items.filter((item) => {
    if (!text) return true;
    const { title, artists, labels } = item.release;
    return [title, ...artists, ...labels.map((label) => `${label.name} ${label.catno ?? ""}`)].some((value) =>
      value.toLowerCase().includes(text),
    );
  });
  const key = SORT_KEYS[sort];
  const sorted = [...matching].sort((a, b) => {
    const [left, right] = [key(a), key(b)];
    if (left === right) return b.id - a.id;
    if (left === null) return 1;
    if (right === null) return -1;
    const ascending = left < right ? -1 : 1;
    return order === "asc" ? ascending : -ascending;
  });
  const start = (pages.page - 1) * pages.perPage;
  return {
    items: sorted.slice(start, start + pages.perPage),
    total: matching.length,
    page: pages.page,
    per_page: pages.perPage,
    pages: pageCount(matching.length, pages.perPage),
  };
}

export function libraryHandlers(backend: FakeBackend) {
  function recordQuery(list: string, request: Request): URL {
    const url = new URL(request.url);
    backend.calls.libraryQueries.push({ list, params: Object.fromEntries(url.searchParams) });
    return url;
  }

  function requestSync(kind: "wants" | "collection"): { run: Run } | { error: ReturnType<typeof errorBody> } {
    const runKind = `sync_${kind}` as const;
    backend.calls.sync.push(runKind);
    if (!backend.credentials.discogs.configured) {
      return { error: errorBody("discogs_not_linked", "Link your Discogs account in Settings first") };
    }
    const active = backend.runStore.active(runKind);
    if (active !== undefined) {
      return { error: errorBody("run_in_progress", `A ${runKind} run is already in progress (run ${active.id})`) };
    }
    return { run: backend.startSync(kind) };
  }

  return [
    http.get("/api/v1/wants", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const page = libraryPage(backend.wants, recordQuery("wants", request));
      return page === null ? response(422).json(invalidPaging()) : response(200).json(page);
    }),

    // Like the backend: limits are replaced by what is sent, the switch only when sent.
    http.patch("/api/v1/wants/{want_id}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const id = Number(params.want_id);
      const body = await request.json();
      backend.calls.updateWant.push({ id, body });
      const want = backend.wants.find((item) => item.id === id);
      if (!want) return response(404).json(errorBody("not_found", "Want not found"));
      const updated: Want = {
        ...want,
        max_price: body.max_price === undefined || body.max_price === null ? null : String(body.max_price),
        min_media_grade: body.min_media_grade ?? null,
        any_pressing: "any_pressing" in body ? (body.any_pressing ?? null) : want.any_pressing,
      };
      backend.wants = backend.wants.map((item) => (item.id === id ? updated : item));
      return response(200).json(updated);
    }),

    http.get("/api/v1/collection", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const page = libraryPage(backend.collection, recordQuery("collection", request));
      return page === null ? response(422).json(invalidPaging()) : response(200).json(page);
    }),

    http.get("/api/v1/library/counts", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json({ wants: backend.wants.length, collection: backend.collection.length });
    }),

    http.get("/api/v1/library/pressings", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      backend.calls.pressings += 1;
      return response(200).json(backend.pressings ?? { wants: allKnown(backend.wants), collection: allKnown(backend.collection) });
    }),

    http.post("/api/v1/wants/sync", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const result = requestSync("wants");
      return "run" in result ? response(202).json(result.run) : response(409).json(result.error);
    }),

    http.post("/api/v1/collection/sync", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const result = requestSync("collection");
      return "run" in result ? response(202).json(result.run) : response(409).json(result.error);
    }),

    http.get("/api/v1/runs", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      const pages = paging(url);
      // The schema documents FastAPI's default body here; the backend sends its own envelope.
      if (pages === null) return response.untyped(Response.json(invalidPaging(), { status: 422 }));
      const kind = url.searchParams.get("kind");
      const runs = backend.runStore.runs
        .filter((run) => !kind || run.kind === kind)
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
      const start = (pages.page - 1) * pages.perPage;
      return response(200).json({
        items: runs.slice(start, start + pages.perPage),
        total: runs.length,
        page: pages.page,
        per_page: pages.perPage,
        pages: pageCount(runs.length, pages.perPage),
      });
    }),

    http.get("/api/v1/runs/{run_id}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const runId = Number(params.run_id);
      backend.calls.runPolls.push(runId);
      const run = backend.runStore.get(runId);
      return run ? response(200).json(run) : response(404).json(errorBody("not_found", "Run not found"));
    }),

    http.get("/api/v1/runs/{run_id}/events", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const runId = Number(params.run_id);
      backend.calls.runEvents.push(runId);
      if (backend.eventsBroken) return response.untyped(new Response("upstream proxy error", { status: 500 }));
      if (backend.runStore.get(runId) === undefined) return response(404).json(errorBody("not_found", "Run not found"));
      return response.untyped(
        new Response(runEventStream(backend.runStore, runId), {
          headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store" },
        }),
      );
    }),
  ];
}
