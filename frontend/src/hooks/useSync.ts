import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, describeError } from "../lib/api/errors";
import { queryKeys } from "../lib/queryClient";
import { toast } from "../lib/toast";
import { startSync, type LibraryKind } from "../services/library";
import { fetchLatestRun, isRunActive, SYNC_RUN_KINDS, type Run } from "../services/runs";
import { useLiveRun } from "./useLiveRun";
import { useLatestRun } from "./useRuns";

export type SyncProblem = "discogs_not_linked" | null;

/**
 * Syncing a list from Discogs: the latest run of its kind, starting a new one, and following
 * the one in progress — including one started elsewhere (another tab, the scheduler), which the
 * backend reports as a conflict and this hook joins instead of failing.
 */
export function useSync(kind: LibraryKind) {
  const queryClient = useQueryClient();
  const runKind = SYNC_RUN_KINDS[kind];
  const latest = useLatestRun(runKind);
  const [followed, setFollowed] = useState<Run | null>(null);
  const [problem, setProblem] = useState<SyncProblem>(null);

  // A run already in progress when the page opens is followed like one started here.
  const latestRun = latest.data ?? null;
  if (followed === null && latestRun !== null && isRunActive(latestRun)) setFollowed(latestRun);

  const live = useLiveRun(followed?.id ?? null, followed ?? undefined);

  function follow(run: Run) {
    queryClient.setQueryData(queryKeys.run(run.id), run);
    setFollowed(run);
  }

  const start = useMutation({
    mutationFn: () => startSync(kind),
    onMutate: () => { setProblem(null); },
    onSuccess: follow,
    onError: async (error) => {
      if (error instanceof ApiError && error.code === "discogs_not_linked") {
        setProblem("discogs_not_linked");
        return;
      }
      if (error instanceof ApiError && error.code === "run_in_progress") {
        const running = await queryClient.query({
          queryKey: queryKeys.latestRun(runKind),
          queryFn: () => fetchLatestRun(runKind),
          staleTime: 0,
        });
        if (running !== null && isRunActive(running)) {
          follow(running);
          return;
        }
      }
      toast.error(describeError(error));
    },
  });

  const run = live.run ?? followed ?? undefined;
  return {
    /** The run started or joined on this page, kept live; otherwise undefined. */
    run,
    /** The newest run of this kind, for "last synced" when nothing is being followed. */
    latest: latestRun,
    latestPending: latest.isPending,
    busy: start.isPending || (run !== undefined && isRunActive(run)),
    problem,
    start: () => { start.mutate(); },
  };
}
