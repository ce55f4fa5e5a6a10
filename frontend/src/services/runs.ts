import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { toApiError } from "../lib/api/errors";
import { unwrap } from "../lib/api/unwrap";
import { readServerSentEvents } from "../lib/sse";

export type Run = components["schemas"]["RunOut"];
export type RunPage = components["schemas"]["Page_RunOut_"];
export type RunKind = components["schemas"]["RunKind"];
export type RunStatus = components["schemas"]["RunStatus"];
export type CallStats = components["schemas"]["CallStatsOut"];
export type SyncCounts = components["schemas"]["SyncCountsOut"];
export type SearchCounts = components["schemas"]["SearchCountsOut"];

export const SYNC_RUN_KINDS = { wants: "sync_wants", collection: "sync_collection" } as const satisfies Record<string, RunKind>;

export interface RunListQuery {
  kind?: RunKind | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

export function listRuns({ kind, page = 1, perPage = 25 }: RunListQuery): Promise<RunPage> {
  return unwrap(
    api.GET("/api/v1/runs", { params: { query: { ...(kind ? { kind } : {}), page, per_page: perPage } } }),
  );
}

/** The newest run of a kind, or null when there has never been one. */
export async function fetchLatestRun(kind: RunKind): Promise<Run | null> {
  const { items } = await listRuns({ kind, perPage: 1 });
  return items[0] ?? null;
}

export function getRun(runId: number): Promise<Run> {
  return unwrap(api.GET("/api/v1/runs/{run_id}", { params: { path: { run_id: runId } } }));
}

export function isRunActive(run: Pick<Run, "status">): boolean {
  return run.status === "queued" || run.status === "running";
}

/** The backend pings an open stream every 15 seconds; twice that in silence means it is stuck. */
const EVENTS_IDLE_MS = 30_000;

/**
 * Follows a run's server-sent events, calling onRun with every snapshot, until the server ends
 * the stream (the run finished) or the signal aborts; throws when the stream cannot be opened or
 * goes silent. The stream goes through the API client so it carries the bearer token and
 * survives an expired access token like any other request.
 */
export async function followRunEvents(runId: number, onRun: (run: Run) => void, signal: AbortSignal): Promise<void> {
  const { response } = await api.GET("/api/v1/runs/{run_id}/events", {
    params: { path: { run_id: runId } },
    parseAs: "stream",
    signal,
    headers: { Accept: "text/event-stream" },
  });
  if (!response.ok) throw toApiError(response, null);
  if (response.body === null) throw new Error("The run's event stream has no body.");
  for await (const event of readServerSentEvents(response.body, signal, EVENTS_IDLE_MS)) {
    if (event.event === "run") onRun(JSON.parse(event.data) as Run);
  }
}
