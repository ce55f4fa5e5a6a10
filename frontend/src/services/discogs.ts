import { api } from "../lib/api/client";
import { unwrap } from "../lib/api/unwrap";
import type { CredentialStatus } from "./credentials";

/** Checks the token against Discogs, which also tells the backend the account's username. */
export function linkDiscogsToken(personalToken: string): Promise<CredentialStatus> {
  return unwrap(api.POST("/api/v1/discogs/link-token", { body: { personal_token: personalToken } }));
}

/** Starts the OAuth approval; resolves to the Discogs page where the user grants access. */
export async function startDiscogsOAuth(): Promise<string> {
  const { authorize_url } = await unwrap(api.POST("/api/v1/discogs/oauth/start"));
  return authorize_url;
}
