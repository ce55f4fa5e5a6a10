import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { expectSuccess, unwrap } from "../lib/api/unwrap";

export type SavedSearch = components["schemas"]["SearchOut"];
export type SearchInput = components["schemas"]["SearchInput"];
export type SearchCriteria = components["schemas"]["SearchCriteria-Output"];
export type SearchPage = components["schemas"]["Page_SearchOut_"];
export type Grade = components["schemas"]["Grade"];
export type Platform = components["schemas"]["Platform"];

export function listSearches({ page, perPage }: { page: number; perPage: number }): Promise<SearchPage> {
  return unwrap(api.GET("/api/v1/searches", { params: { query: { page, per_page: perPage } } }));
}

export function getSearch(searchId: number): Promise<SavedSearch> {
  return unwrap(api.GET("/api/v1/searches/{search_id}", { params: { path: { search_id: searchId } } }));
}

export function createSearch(input: SearchInput): Promise<SavedSearch> {
  return unwrap(api.POST("/api/v1/searches", { body: input }));
}

/** Replaces every editable part of the search with what the form holds. */
export function updateSearch(searchId: number, input: SearchInput): Promise<SavedSearch> {
  return unwrap(api.PATCH("/api/v1/searches/{search_id}", { params: { path: { search_id: searchId } }, body: input }));
}

export function deleteSearch(searchId: number): Promise<void> {
  return expectSuccess(api.DELETE("/api/v1/searches/{search_id}", { params: { path: { search_id: searchId } } }));
}
