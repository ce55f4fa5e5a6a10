import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { expectSuccess, unwrap } from "../lib/api/unwrap";

export type ImportToken = components["schemas"]["ImportTokenOut"];
export type CreatedImportToken = components["schemas"]["ImportTokenCreated"];
export type ListingImport = components["schemas"]["ImportOut"];

export async function listImportTokens(): Promise<ImportToken[]> {
  const { items } = await unwrap(api.GET("/api/v1/import-tokens", { params: { query: { per_page: 100 } } }));
  return items;
}

export function createImportToken(name: string): Promise<CreatedImportToken> {
  return unwrap(api.POST("/api/v1/import-tokens", { body: { name } }));
}

export function revokeImportToken(tokenId: number): Promise<void> {
  return expectSuccess(api.DELETE("/api/v1/import-tokens/{token_id}", { params: { path: { token_id: tokenId } } }));
}

export async function listImports(): Promise<ListingImport[]> {
  const { items } = await unwrap(api.GET("/api/v1/imports", { params: { query: { per_page: 10 } } }));
  return items;
}
