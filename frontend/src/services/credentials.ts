import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { expectSuccess, unwrap } from "../lib/api/unwrap";

export type MarketplaceService = components["schemas"]["Service"];
export type CredentialStatus = components["schemas"]["CredentialState"];
export type DiscogsCredentialsInput = components["schemas"]["DiscogsCredentials"];
export type EbayCredentialsInput = components["schemas"]["EbayCredentials"];

export interface CredentialsInputByService {
  discogs: DiscogsCredentialsInput;
  ebay: EbayCredentialsInput;
}

export async function listCredentials(): Promise<CredentialStatus[]> {
  const { items } = await unwrap(api.GET("/api/v1/credentials"));
  return items;
}

export function saveCredentials<S extends MarketplaceService>(
  service: S,
  input: CredentialsInputByService[S],
): Promise<CredentialStatus> {
  return unwrap(api.PUT("/api/v1/credentials/{service}", { params: { path: { service } }, body: input }));
}

export function deleteCredentials(service: MarketplaceService): Promise<void> {
  return expectSuccess(api.DELETE("/api/v1/credentials/{service}", { params: { path: { service } } }));
}
