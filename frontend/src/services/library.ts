import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";
import type { Run } from "./runs";

export type Release = components["schemas"]["ReleaseOut"];
export type Want = components["schemas"]["WantOut"];
export type CollectionItem = components["schemas"]["CollectionItemOut"];
export type LibrarySort = components["schemas"]["LibrarySort"];
export type SortOrder = "asc" | "desc";
export type LibraryCounts = components["schemas"]["LibraryCounts"];
export type LibraryPressings = components["schemas"]["LibraryPressings"];
export type PressingProgress = components["schemas"]["PressingProgressOut"];
export type WantPage = components["schemas"]["Page_WantOut_"];
export type CollectionPage = components["schemas"]["Page_CollectionItemOut_"];
type Grade = components["schemas"]["Grade"];

/** The two Discogs lists VinylDigger mirrors. */
export type LibraryKind = "wants" | "collection";

export interface LibraryQuery {
  q: string;
  sort: LibrarySort;
  order: SortOrder;
  page: number;
  perPage: number;
}

function queryParams({ q, sort, order, page, perPage }: LibraryQuery) {
  return { ...(q ? { q } : {}), sort, order, page, per_page: perPage };
}

export function listWants(query: LibraryQuery, signal?: AbortSignal): Promise<WantPage> {
  return unwrap(api.GET("/api/v1/wants", { params: { query: queryParams(query) }, signal }));
}

export function listCollection(query: LibraryQuery, signal?: AbortSignal): Promise<CollectionPage> {
  return unwrap(api.GET("/api/v1/collection", { params: { query: queryParams(query) }, signal }));
}

export function fetchLibraryCounts(): Promise<LibraryCounts> {
  return unwrap(api.GET("/api/v1/library/counts"));
}

/** How many albums of the want list and collection have their pressings (Discogs version lists) stored. */
export function fetchLibraryPressings(signal?: AbortSignal): Promise<LibraryPressings> {
  return unwrap(api.GET("/api/v1/library/pressings", { signal }));
}

/** Queues a sync of the list from Discogs; the backend answers with the new run. */
export function startSync(kind: LibraryKind): Promise<Run> {
  return kind === "wants" ? unwrap(api.POST("/api/v1/wants/sync")) : unwrap(api.POST("/api/v1/collection/sync"));
}

/** What the want's "any pressing" choice is: its own switch, or the saved searches' criterion. */
export type AnyPressingChoice = "search" | "any" | "this";

/** The three answers to "which pressing counts as this want", as the pages offer them. */
export const ANY_PRESSING_CHOICES: readonly { value: AnyPressingChoice; label: string }[] = [
  { value: "search", label: "As the search says" },
  { value: "this", label: "This pressing only" },
  { value: "any", label: "Any pressing is fine" },
];

export function anyPressingChoice(want: Want): AnyPressingChoice {
  return want.any_pressing === null ? "search" : want.any_pressing ? "any" : "this";
}

/** Stores the want's "any pressing is fine" switch; its basket limits are sent as they are,
 * since the backend replaces them with what it is given. */
export function setAnyPressing(want: Want, choice: AnyPressingChoice): Promise<Want> {
  const anyPressing = choice === "search" ? null : choice === "any";
  return unwrap(
    api.PATCH("/api/v1/wants/{want_id}", {
      params: { path: { want_id: want.id } },
      body: { max_price: want.max_price, min_media_grade: want.min_media_grade as Grade | null, any_pressing: anyPressing },
    }),
  );
}
