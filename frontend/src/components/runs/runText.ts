import { formatDuration, formatNumber, plural, secondsBetween } from "../../lib/format";
import { runNumber, type Run } from "../../services/runs";
import { waitingText } from "./liveText";

const KIND_LABELS: Record<string, string> = {
  sync_wants: "Want list sync",
  sync_collection: "Collection sync",
  search: "Search",
  basket_plan: "Basket plan",
};

export function runKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replaceAll("_", " ").replace(/^./, (first) => first.toUpperCase());
}

export const STATUS_LABELS: Record<string, string> = {
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
  if (run.status === "queued") return "Waiting to start…";
  const waiting = waitingText(run, now);
  if (waiting !== null) return waiting;
  if (run.progress_total === null) return "Starting…";
  if (run.kind === "search") return `Searched ${formatNumber(run.progress_done)} of ${plural(run.progress_total, "source")}`;
  if (run.kind === "basket_plan") return run.progress_done === 0 ? "Working out the cheapest plan…" : "Working out the cost by number of parcels…";
  return `Page ${String(run.progress_done)} of ${String(run.progress_total)}`;
}

/**
 * What a run changed: "3 added, 1 updated, 0 removed (120 in total)" for a sync, "42 listings
 * for sale: 5 new, 2 gone" for a search; for other kinds of run, each number it reported.
 */
export function countsText(run: Run): string {
  const counts = run.counts;
  if (run.kind.startsWith("sync_")) {
    const changes = `${runNumber(counts, "added")} added, ${runNumber(counts, "updated")} updated, ${runNumber(counts, "removed")} removed`;
    return "total" in counts ? `${changes} (${runNumber(counts, "total")} in total)` : changes;
  }
  if (run.kind === "search") {
    return `${plural(runNumber(counts, "results"), "listing")} for sale: ${formatNumber(runNumber(counts, "new_results"))} new, ${formatNumber(runNumber(counts, "gone_results"))} gone`;
  }
  if (run.kind === "basket_plan") {
    return `${plural(runNumber(counts, "wants_planned"), "wanted record")} planned, from ${plural(runNumber(counts, "seller_count"), "seller")}`;
  }
  const parts = Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .map(([key, value]) => `${formatNumber(value)} ${key.replaceAll("_", " ")}`);
  return parts.length > 0 ? parts.join(", ") : "nothing reported";
}

/** "4 upstream calls, 1 retry", with rate limiting and waiting when there was any. */
export function statsText(run: Run): string {
  const stats = run.stats;
  if (run.kind === "basket_plan") return `Solved in ${formatDuration(runNumber(stats, "solve_seconds"))}`;
  const parts = [plural(runNumber(stats, "calls"), "upstream call"), plural(runNumber(stats, "retries"), "retry", "retries")];
  const limited = runNumber(stats, "http_429");
  if (limited > 0) parts.push(`${plural(limited, "time")} rate limited`);
  const serverErrors = runNumber(stats, "server_errors");
  if (serverErrors > 0) parts.push(plural(serverErrors, "server error"));
  const timeouts = runNumber(stats, "timeouts");
  if (timeouts > 0) parts.push(plural(timeouts, "timeout"));
  const waited = runNumber(stats, "waited_seconds");
  if (waited >= 0.1) parts.push(`${formatDuration(waited)} waiting for the rate limit`);
  return parts.join(", ");
}

/** How long the run took, or has been running so far (up to `now`, in milliseconds). */
export function runDuration(run: Run, now?: number): string | null {
  if (run.started_at === null) return null;
  const end = run.finished_at ?? (now === undefined ? null : new Date(now).toISOString());
  return formatDuration(secondsBetween(run.started_at, end));
}
