import { formatNumber, plural } from "../../lib/format";
import { fxAdminRows } from "../../lib/fxText";
import type { AdminUser, InstanceInfo } from "../../services/admin";

export type AccessSetting = "is_active" | "is_admin";

export const SETTING_LABELS: Record<AccessSetting, string> = { is_active: "Active", is_admin: "Administrator" };

export function switchLabel(setting: AccessSetting, user: AdminUser): string {
  return `${SETTING_LABELS[setting]}: ${user.email}`;
}

/** What turning a setting off asks before it happens. */
export function confirmationFor(setting: AccessSetting, user: AdminUser) {
  return setting === "is_active"
    ? {
        title: `Disable ${user.email}?`,
        message:
          "They can no longer sign in, and a session they have open ends with its next request. Nothing is deleted: you can enable the account again at any time.",
        confirmLabel: "Disable account",
      }
    : {
        title: `Remove administrator rights from ${user.email}?`,
        message: "They can no longer open the Admin page or change other accounts.",
        confirmLabel: "Remove rights",
      };
}

export function changeDoneText(setting: AccessSetting, user: AdminUser): string {
  if (setting === "is_active") return user.is_active ? `${user.email} can sign in again.` : `${user.email} is disabled.`;
  return user.is_admin ? `${user.email} is now an administrator.` : `${user.email} is no longer an administrator.`;
}

const DATABASE_NAMES: Record<string, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };
const MODE_NAMES: Record<string, string> = {
  embedded: "Embedded (jobs run inside the web process)",
  distributed: "Distributed (jobs run in separate workers)",
};

/** The instance's settings as label and value, in the order the panel shows them. */
export function instanceRows(instance: InstanceInfo): { label: string; value: string }[] {
  return [
    { label: "Version", value: instance.version },
    { label: "Mode", value: MODE_NAMES[instance.mode] ?? instance.mode },
    { label: "Database", value: DATABASE_NAMES[instance.database] ?? instance.database },
    { label: "Redis", value: instance.redis ? "Connected" : "Not used" },
    { label: "Discogs API", value: instance.discogs_base_url },
    { label: "eBay API", value: instance.ebay_base_url },
    { label: "Exchange rates source", value: instance.fx_url },
    ...fxAdminRows(instance.fx),
    { label: "Discogs rate limit", value: `${plural(instance.discogs_rate_limit_per_minute, "request")} per minute` },
    { label: "eBay call budget", value: `${plural(instance.ebay_calls_per_day, "call")} per day` },
    { label: "eBay pages per query", value: formatNumber(instance.search_max_pages) },
    { label: "Discogs sellers per search run", value: formatNumber(instance.search_max_sellers) },
    { label: "Pages per seller inventory", value: formatNumber(instance.inventory_max_pages) },
    { label: "Sign-in lasts", value: `${plural(instance.access_token_minutes, "minute")} per access token` },
    { label: "Failed sign-ins allowed", value: `${plural(instance.login_failures_per_minute, "attempt")} per minute` },
  ];
}
