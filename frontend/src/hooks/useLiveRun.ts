import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { queryKeys } from "../lib/queryClient";
import { followRunEvents, getRun, isRunActive, type Run } from "../services/runs";

/** How often to ask for the run when its event stream is unavailable. */
export const RUN_POLL_MS = 1000;

/**
 * A run kept up to date while it is queued or running: from its server-sent events, or, when
 * the stream cannot be opened or breaks off early, by asking for it every second. When a run
 * seen in progress finishes, everything a run can change (runs, the library) is refetched.
 */
export function useLiveRun(runId: number | null, initial?: Run) {
  const queryClient = useQueryClient();
  const [pollingFor, setPollingFor] = useState<number | null>(null);
  const polling = runId !== null && pollingFor === runId;

  const query = useQuery({
    queryKey: queryKeys.run(runId ?? 0),
    queryFn: () => getRun(runId ?? 0),
    // Without a snapshot to start from, read the run once; afterwards only when polling.
    enabled: runId !== null && (polling || initial === undefined),
    initialData: initial !== undefined && initial.id === runId ? initial : undefined,
    staleTime: Infinity,
    refetchInterval: (current) => (polling && current.state.data && isRunActive(current.state.data) ? RUN_POLL_MS : false),
  });
  const run = runId === null ? undefined : query.data;
  const active = run === undefined || isRunActive(run);

  useEffect(() => {
    if (runId === null || !active) return;
    const controller = new AbortController();
    let last: Run | undefined;
    const onRun = (snapshot: Run) => {
      last = snapshot;
      queryClient.setQueryData(queryKeys.run(runId), snapshot);
    };
    followRunEvents(runId, onRun, controller.signal).then(
      () => {
        // The stream ended before the run did (a proxy cut it): keep up by polling.
        if (!controller.signal.aborted && (last === undefined || isRunActive(last))) setPollingFor(runId);
      },
      () => {
        if (!controller.signal.aborted) setPollingFor(runId);
      },
    );
    return () => { controller.abort(); };
  }, [runId, active, queryClient]);

  const sawActive = useRef<number | null>(null);
  const status = run?.status;
  useEffect(() => {
    if (runId === null || status === undefined) return;
    if (status === "queued" || status === "running") {
      sawActive.current = runId;
      return;
    }
    if (sawActive.current !== runId) return;
    sawActive.current = null;
    void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
    void queryClient.invalidateQueries({ queryKey: queryKeys.library });
  }, [runId, status, queryClient]);

  return { run, polling };
}
