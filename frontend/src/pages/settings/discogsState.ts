import type { CredentialStatus } from "../../services/credentials";

export interface DiscogsLink {
  linked: boolean;
  /** The account name as the backend shows it (masked but for its last characters). */
  username: string | null;
  method: "oauth" | "token" | null;
}

function field(status: CredentialStatus, name: string) {
  return status.fields.find((item) => item.name === name);
}

export function discogsLink(status: CredentialStatus): DiscogsLink {
  if (!status.configured) return { linked: false, username: null, method: null };
  const usernameField = field(status, "username");
  const username = usernameField?.is_set ? (usernameField.hint ?? null) : null;
  const method = field(status, "oauth_token")?.is_set ? "oauth" : field(status, "personal_token")?.is_set ? "token" : null;
  return { linked: true, username, method };
}

export const LINK_METHODS: Record<NonNullable<DiscogsLink["method"]>, string> = {
  oauth: "approved on Discogs (OAuth)",
  token: "personal access token",
};
