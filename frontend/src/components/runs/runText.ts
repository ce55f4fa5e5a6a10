import { formatDuration, formatNumber, plural, secondsBetween } from "../../lib/format";
import type { Run, RunKind, RunStatus } from "../../services/runs";
import { aboutDuration, waitingText } from "./liveText";

const KIND_LABELS: Record<RunKind, string> = {
  sync_wants: "Want list sync",
  sync_collection: "Collection sync",
  search: "Search",
  basket_plan: "Basket plan",
};

export function runKindLabel(kind: RunKind): string {
  return KIND_LABELS[kind];
}

export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};

/**
 * "Page 2 of 5" for a sync, "Searched 3 of 40 sources" for a search, what it waits for when a
 * rate limit holds it back, or what the run is doing before it knows how far it has to go.
 */
export function progressText(run: Run, now: number = Date.now()): string {
  if (run.status === "queued") return retryText(run, now) ?? "Waiting to start…";
  const waiting = waitingText(run, now);
  if (waiting !== null) return waiting;
  if (run.progress_total === null) return "Starting…";
  if (run.kind === "search") return `Searched ${formatNumber(run.progress_done)} of ${plural(run.progress_total, "source")}`;
  if (run.kind === "basket_plan") return run.progress_done === 0 ? "Working out the cheapest plan…" : "Working out the cost by number of parcels…";
  return `Page ${String(run.progress_done)} of ${String(run.progress_total)}`;
}

/** "The marketplace failed; trying again in about 2 min" while a retry waits for its time. */
export function retryText(run: Run, now: number = Date.now()): string | null {
  if (run.status !== "queued" || !run.retry_at) return null;
  const seconds = (Date.parse(run.retry_at) - now) / 1000;
  return seconds > 0 ? `The marketplace failed; trying again in ${aboutDuration(seconds)}` : "The marketplace failed; trying again now…";
}

/**
 * What a run changed: "3 added, 1 updated, 0 removed (120 in total)" for a sync, "42 listings
 * for sale: 5 new, 2 gone" for a search.
 */
export function countsText(run: Run): string {
  if (run.sync) {
    const { added, updated, removed, total } = run.sync;
    return `${formatNumber(added)} added, ${formatNumber(updated)} updated, ${formatNumber(removed)} removed (${formatNumber(total)} in total)`;
  }
  if (run.search) {
    const { results, new_results: fresh, gone_results: gone, ended_results: ended } = run.search;
    return `${plural(results, "listing")} for sale: ${formatNumber(fresh)} new, ${formatNumber(gone + ended)} gone`;
  }
  if (run.basket_plan) {
    const { wants_planned: planned, seller_count: sellers } = run.basket_plan;
    return `${plural(planned, "wanted record")} planned, from ${plural(sellers ?? 0, "seller")}`;
  }
  return "nothing reported";
}

/** "4 upstream calls, 1 retry", with rate limiting and waiting when there was any. */
export function statsText(run: Run): string {
  if (run.kind === "basket_plan") return `Solved in ${formatDuration(run.basket_plan?.solve_seconds ?? 0)}`;
  const { calls, retries, http_429: limited, server_errors: serverErrors, timeouts, waited_seconds: waited } = run.stats;
  const parts = [plural(calls, "upstream call"), plural(retries, "retry", "retries")];
  if (limited > 0) parts.push(`${plural(limited, "time")} rate limited`);
  if (serverErrors > 0) parts.push(plural(serverErrors, "server error"));
  if (timeouts > 0) parts.push(plural(timeouts, "timeout"));
  if (waited >= 0.1) parts.push(`${formatDuration(waited)} waiting for the rate limit`);
  return parts.join(", ");
}

/** How long the run took, or has been running so far (up to `now`, in milliseconds). */
export function runDuration(run: Run, now?: number): string | null {
  if (run.started_at === null) return null;
  const end = run.finished_at ?? (now === undefined ? null : new Date(now).toISOString());
  return formatDuration(secondsBetween(run.started_at, end));
}
