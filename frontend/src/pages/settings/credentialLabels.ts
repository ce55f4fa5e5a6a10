import type { MarketplaceService } from "../../services/credentials";

export const SERVICE_NAMES: Record<MarketplaceService, string> = {
  discogs: "Discogs",
  ebay: "eBay",
};

const FIELD_LABELS: Record<string, string> = {
  username: "Username",
  personal_token: "Personal access token",
  oauth_token: "OAuth token",
  oauth_token_secret: "OAuth token secret",
  client_id: "Client ID",
  client_secret: "Client secret",
  marketplace_id: "Marketplace",
  buyer_country: "Buyer country",
  buyer_postal_code: "Buyer postal code",
};

/** A readable label for a credential field, falling back to the API's name for new fields. */
export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? name.replaceAll("_", " ");
}
