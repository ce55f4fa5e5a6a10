import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError, describeError } from "../lib/api/errors";
import { queryKeys } from "../lib/queryClient";
import { toast } from "../lib/toast";
import { fetchLatestSearchRun, runSearch, SEARCH_RUN_KIND } from "../services/results";
import { fetchLatestRun, isRunActive, type Run } from "../services/runs";
import { useLiveRun } from "./useLiveRun";

/**
 * Running a saved search: its latest run, starting a new one, and following the one in
 * progress live. One search runs at a time per user: a conflict caused by this search's own
 * run (started elsewhere) is joined; one caused by another search is reported as `blockedBy`.
 */
export function useSearchRun(searchId: number) {
  const queryClient = useQueryClient();
  const latest = useQuery({ queryKey: queryKeys.latestSearchRun(searchId), queryFn: () => fetchLatestSearchRun(searchId) });
  const [followed, setFollowed] = useState<Run | null>(null);
  const [blockedBy, setBlockedBy] = useState<Run | null>(null);

  const latestRun = latest.data ?? null;
  if (followed === null && latestRun !== null && isRunActive(latestRun)) setFollowed(latestRun);

  const live = useLiveRun(followed?.id ?? null, followed ?? undefined);
  const run = live.run ?? followed ?? undefined;

  // When a run seen in progress has finished, what it found replaces what is shown.
  const sawActive = useRef<number | null>(null);
  const runId = run?.id;
  const status = run?.status;
  useEffect(() => {
    if (runId === undefined || status === undefined) return;
    if (status === "queued" || status === "running") {
      sawActive.current = runId;
      return;
    }
    if (sawActive.current !== runId) return;
    sawActive.current = null;
    void queryClient.invalidateQueries({ queryKey: queryKeys.searchResults(searchId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.searches });
    void queryClient.invalidateQueries({ queryKey: queryKeys.releases });
  }, [runId, status, searchId, queryClient]);

  function follow(started: Run) {
    queryClient.setQueryData(queryKeys.run(started.id), started);
    setFollowed(started);
  }

  const start = useMutation({
    mutationFn: () => runSearch(searchId),
    onMutate: () => { setBlockedBy(null); },
    onSuccess: follow,
    onError: async (error) => {
      if (error instanceof ApiError && error.code === "run_in_progress") {
        const running = await queryClient
          .query({ queryKey: queryKeys.latestRun(SEARCH_RUN_KIND), queryFn: () => fetchLatestRun(SEARCH_RUN_KIND), staleTime: 0 })
          .catch(() => null);
        if (running !== null && isRunActive(running)) {
          if (running.subject_id === searchId) follow(running);
          else setBlockedBy(running);
          return;
        }
      }
      toast.error(describeError(error));
    },
  });

  return {
    /** The run started or joined on this page, kept live; otherwise undefined. */
    run,
    /** This search's newest run, for "last run" when nothing is being followed. */
    latest: latestRun,
    latestPending: latest.isPending,
    busy: start.isPending || (run !== undefined && isRunActive(run)),
    blockedBy,
    start: () => { start.mutate(); },
  };
}
