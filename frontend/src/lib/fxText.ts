import type { FxStatus } from "../services/fx";
import { formatDateTime, plural } from "./format";

// Rates are published per calendar day (ECB, Frankfurt): show the day itself, not a local shift.
const rateDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

export function formatRateDay(day: string): string {
  return rateDayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "today", "1 day old", "6 days old". */
export function rateAge(ageDays: number): string {
  return ageDays <= 0 ? "today" : `${plural(ageDays, "day")} old`;
}

/** The one-line warning above converted figures, or null when the rates are fine. */
export function fxNoticeText(status: FxStatus): string | null {
  if (status.missing) return "No exchange rates yet: converted totals are missing; retrying.";
  if (status.stale && status.age_days !== null) {
    return `Exchange rates are ${plural(status.age_days, "day")} old: converted totals may be off.`;
  }
  return null;
}

/** Admin's two rows: which rates are loaded, and the last failure to load them. */
export function fxAdminRows(status: FxStatus): { label: string; value: string }[] {
  const rates =
    status.rates_date === null
      ? "None loaded yet: foreign prices have no converted figure"
      : `ECB rates of ${formatRateDay(status.rates_date)} (${rateAge(status.age_days ?? 0)}${status.stale ? ", stale" : ""})`;
  const loaded = status.fetched_at ? `, loaded ${formatDateTime(status.fetched_at)}` : "";
  let failure = "None";
  if (status.last_failure_at !== null) {
    failure = `${formatDateTime(status.last_failure_at)}: ${status.last_error ?? "unknown error"}`;
    if (status.consecutive_failures > 0 && status.next_attempt_at !== null) {
      failure += ` (${plural(status.consecutive_failures, "failure")} in a row; next try ${formatDateTime(status.next_attempt_at)})`;
    }
  }
  return [
    { label: "Exchange rates", value: `${rates}${loaded}` },
    { label: "Last rates failure", value: failure },
  ];
}
