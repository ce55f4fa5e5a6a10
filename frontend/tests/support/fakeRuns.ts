import type { components } from "../../src/lib/api/schema";

type Run = components["schemas"]["RunOut"];
type CallStats = components["schemas"]["CallStatsOut"];
type SearchCounts = components["schemas"]["SearchCountsOut"];
/** What a finished run reports it changed: a sync's or a search's counts. */
export type RunCounts = Partial<Pick<Run, "sync" | "search" | "basket_plan">>;

const NO_CALLS: CallStats = {
  calls: 0,
  retries: 0,
  http_429: 0,
  server_errors: 0,
  timeouts: 0,
  transport_errors: 0,
  invalid_bodies: 0,
  token_requests: 0,
  waited_seconds: 0,
  backoff_seconds: 0,
};

/** Call statistics as the backend reports them: every number, zero unless given. */
export function callStats(fields: Partial<CallStats> = {}): CallStats {
  return { ...NO_CALLS, ...fields };
}

/** A search run's counts as the backend reports them: every key, zero unless given. */
export function searchCounts(fields: Partial<SearchCounts> = {}): SearchCounts {
  return {
    results: 0,
    new_results: 0,
    gone_results: 0,
    ended_results: 0,
    platforms: {},
    sources: {},
    market_summaries: { checked: 0, failed: 0 },
    stored_inventories: 0,
    errors: [],
    ...fields,
  };
}
type LibraryItem = components["schemas"]["WantOut"] | components["schemas"]["CollectionItemOut"];

/** How the next sync run behaves: how many upstream pages it reads, and whether it fails. */
export interface SyncPlan {
  pages: number;
  /** Fail after the first page with this message. */
  failWith: string | null;
  /** What the run reports it cost upstream. */
  stats: CallStats;
}

export const DEFAULT_SYNC_PLAN: SyncPlan = {
  pages: 3,
  failWith: null,
  stats: callStats({ calls: 4, retries: 1, http_429: 1, waited_seconds: 1.5 }),
};

type Listener = (run: Run) => void;

/**
 * Job runs as the backend keeps them. A run moves one step each time the test calls advance():
 * queued → running → page 1 of n … page n of n → succeeded (or failed). Every change reaches
 * the open event streams, like the backend's, and polling reads the current state.
 */
export function createRunStore(clock: () => string) {
  let nextId = 1;
  const runs: Run[] = [];
  const plans = new Map<number, SyncPlan>();
  const finishers = new Map<number, () => RunCounts>();
  const steppers = new Map<number, (done: number) => void>();
  const listeners = new Map<number, Set<Listener>>();

  function notify(run: Run): void {
    for (const listener of listeners.get(run.id) ?? []) listener(run);
  }

  function replace(run: Run): Run {
    runs[runs.findIndex((item) => item.id === run.id)] = run;
    notify(run);
    return run;
  }

  return {
    runs,

    /** `step` hears each step done, before the run reports it (a basket run stores its plan after step 1). */
    create(kind: Run["kind"], plan: SyncPlan, finish: () => RunCounts, step?: (done: number) => void): Run {
      const run: Run = {
        id: nextId++,
        kind,
        status: "queued",
        subject_id: null,
        progress_done: 0,
        progress_total: null,
        stats: callStats(),
        stats_by_platform: {},
        error: null,
        attempts: 0,
        created_at: clock(),
        started_at: null,
        finished_at: null,
      };
      runs.push(run);
      plans.set(run.id, plan);
      finishers.set(run.id, finish);
      if (step !== undefined) steppers.set(run.id, step);
      return run;
    },

    /** A finished or running run that exists before the test starts, as from an earlier visit. */
    add(fields: Partial<Run> & Pick<Run, "kind" | "status">): Run {
      const run: Run = {
        id: nextId++,
        subject_id: null,
        progress_done: 0,
        progress_total: null,
        stats: callStats(),
        stats_by_platform: {},
        error: null,
        attempts: 1,
        created_at: clock(),
        started_at: null,
        finished_at: null,
        ...fields,
      };
      runs.push(run);
      plans.set(run.id, DEFAULT_SYNC_PLAN);
      finishers.set(run.id, () => ({}));
      return run;
    },

    get(runId: number): Run | undefined {
      return runs.find((run) => run.id === runId);
    },

    active(kind: Run["kind"]): Run | undefined {
      return runs.find((run) => run.kind === kind && (run.status === "queued" || run.status === "running"));
    },

    /** Moves a run one step on; without an id, the newest unfinished run. */
    advance(runId?: number): Run {
      const run = runId === undefined ? [...runs].reverse().find((item) => item.status === "queued" || item.status === "running") : runs.find((item) => item.id === runId);
      if (run === undefined) throw new Error("No unfinished run to advance.");
      const plan = plans.get(run.id) ?? DEFAULT_SYNC_PLAN;
      if (run.status === "queued") {
        return replace({ ...run, status: "running", started_at: clock(), attempts: run.attempts + 1 });
      }
      if (run.status !== "running") throw new Error(`Run ${run.id} has already finished.`);
      if (plan.failWith !== null && run.progress_done >= 1) {
        return replace({ ...run, status: "failed", error: plan.failWith, stats: { ...plan.stats }, finished_at: clock() });
      }
      if (run.progress_done < plan.pages) {
        steppers.get(run.id)?.(run.progress_done + 1);
        return replace({ ...run, progress_done: run.progress_done + 1, progress_total: plan.pages });
      }
      const counts = finishers.get(run.id)?.() ?? {};
      return replace({ ...run, status: "succeeded", ...counts, stats: { ...plan.stats }, finished_at: clock() });
    },

    /** Advances a run until it has finished. */
    finish(runId?: number): Run {
      let run = this.advance(runId);
      while (run.status === "queued" || run.status === "running") run = this.advance(run.id);
      return run;
    },

    subscribe(runId: number, listener: Listener): () => void {
      const set = listeners.get(runId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(runId, set);
      return () => set.delete(listener);
    },

    /** How many clients are following a run's events right now. */
    followers(runId: number): number {
      return listeners.get(runId)?.size ?? 0;
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;

/** A text/event-stream body: the run now, then every change, closed once it has finished. */
export function runEventStream(store: RunStore, runId: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (run: Run) => {
        // Like sse-starlette: CRLF line endings, and a comment line now and then as a ping.
        controller.enqueue(encoder.encode(`: ping\r\n\r\nevent: run\r\ndata: ${JSON.stringify(run)}\r\n\r\n`));
        if (run.status === "succeeded" || run.status === "failed") {
          unsubscribe?.();
          controller.close();
        }
      };
      const current = store.get(runId);
      if (current === undefined) {
        controller.close();
        return;
      }
      unsubscribe = store.subscribe(runId, send);
      send(current);
    },
    cancel() {
      unsubscribe?.();
    },
  });
}

/** Replaces the mirror with what Discogs holds and reports what changed, as a sync does. */
export function mirror<T extends LibraryItem>(current: T[], upstream: readonly T[], key: (item: T) => number) {
  const before = new Map(current.map((item) => [key(item), item]));
  const counts = { added: 0, updated: 0, removed: 0, unchanged: 0, total: upstream.length };
  for (const item of upstream) {
    const existing = before.get(key(item));
    if (existing === undefined) counts.added += 1;
    else if (JSON.stringify(existing) === JSON.stringify(item)) counts.unchanged += 1;
    else counts.updated += 1;
  }
  const kept = new Set(upstream.map(key));
  counts.removed = current.filter((item) => !kept.has(key(item))).length;
  current.splice(0, current.length, ...upstream);
  return counts;
}
