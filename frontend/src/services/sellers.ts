import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { expectSuccess, unwrap } from "../lib/api/unwrap";

export type FollowedSeller = components["schemas"]["FollowedSellerOut"];
export type FollowedSellerPage = components["schemas"]["Page_FollowedSellerOut_"];
export type FollowImport = components["schemas"]["FollowedImportOut"];
export type SellerSuggestion = components["schemas"]["SuggestionOut"];

export function listFollowedSellers(page: number, perPage: number, signal?: AbortSignal): Promise<FollowedSellerPage> {
  return unwrap(api.GET("/api/v1/sellers/followed", { params: { query: { page, per_page: perPage } }, signal }));
}

export async function listFollowedNames(signal?: AbortSignal): Promise<string[]> {
  return (await unwrap(api.GET("/api/v1/sellers/followed/names", { signal }))).usernames;
}

export function followSeller(username: string): Promise<FollowedSeller> {
  return unwrap(api.POST("/api/v1/sellers/followed", { body: { username } }));
}

export function unfollowSeller(username: string): Promise<void> {
  return expectSuccess(api.DELETE("/api/v1/sellers/followed/{username}", { params: { path: { username } } }));
}

export function importFollowedSellers(usernames: string[]): Promise<FollowImport> {
  return unwrap(api.POST("/api/v1/sellers/followed/import", { body: { usernames } }));
}

export function listSellerSuggestions(signal?: AbortSignal): Promise<SellerSuggestion[]> {
  return unwrap(api.GET("/api/v1/sellers/suggestions", { params: { query: { limit: 10 } }, signal }));
}
