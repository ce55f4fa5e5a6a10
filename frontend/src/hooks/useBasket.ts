import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError } from "../lib/api/errors";
import { queryKeys } from "../lib/queryClient";
import { BASKET_RUN_KIND, fetchLatestPlan, planBasket } from "../services/basket";
import { fetchLatestRun, isRunActive, type Run } from "../services/runs";
import { useLiveRun } from "./useLiveRun";
import { useLatestRun } from "./useRuns";

/** The most recent basket plan (null when none has been made yet). */
export function useLatestPlan() {
  return useQuery({ queryKey: queryKeys.latestBasket, queryFn: fetchLatestPlan });
}

/**
 * Planning the basket: the backend queues the solver as a run and answers at once; this hook
 * follows that run (or one already in progress, from another tab) and, once it has finished,
 * reloads the latest plan. `onFinished` hears how it ended.
 */
export function usePlanBasket(onFinished: (run: Run) => void) {
  const queryClient = useQueryClient();
  const latestRun = useLatestRun(BASKET_RUN_KIND);
  const [followed, setFollowed] = useState<Run | null>(null);
  // The last run seen to finish; the list of runs may still show it in progress for a moment.
  const [finished, setFinished] = useState<Run | null>(null);

  const inProgress = latestRun.data ?? null;
  if (followed === null && inProgress !== null && isRunActive(inProgress) && inProgress.id !== finished?.id) setFollowed(inProgress);

  const live = useLiveRun(followed?.id ?? null, followed ?? undefined);
  const run = live.run ?? followed ?? undefined;
  if (followed !== null && run !== undefined && !isRunActive(run)) {
    setFinished(run);
    setFollowed(null);
  }

  useEffect(() => {
    if (finished === null) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.latestBasket }).then(() => { onFinished(finished); });
  }, [finished, queryClient, onFinished]);

  function follow(started: Run) {
    queryClient.setQueryData(queryKeys.run(started.id), started);
    setFollowed(started);
  }

  const start = useMutation({
    mutationFn: planBasket,
    onSuccess: follow,
  });

  async function plan(maxSellers: number | null): Promise<void> {
    try {
      await start.mutateAsync({ maxSellers });
    } catch (error) {
      if (error instanceof ApiError && error.code === "run_in_progress") {
        const running = await queryClient.query({
          queryKey: queryKeys.latestRun(BASKET_RUN_KIND),
          queryFn: () => fetchLatestRun(BASKET_RUN_KIND),
          staleTime: 0,
        });
        if (running !== null && isRunActive(running)) {
          follow(running);
          return;
        }
      }
      throw error;
    }
  }

  return {
    plan,
    /** The run being followed while the plan is worked out. */
    run: followed === null ? undefined : run,
    busy: start.isPending || followed !== null,
  };
}
