import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError } from "../lib/api/errors";
import { queryKeys } from "../lib/queryClient";
import { BASKET_RUN_KIND, fetchLatestPlan, fetchPlan, markBought, openFrontierPoint, planBasket, type BasketPlan, type PlanRequest } from "../services/basket";
import { fetchLatestRun, isRunActive, type Run } from "../services/runs";
import { useLiveRun } from "./useLiveRun";
import { useLatestRun } from "./useRuns";

/** The most recent plan of a kind ("any" when not given); null when none has been made. */
export function useLatestPlan(kind?: "complete" | "partial") {
  return useQuery({ queryKey: queryKeys.latestBasketOf(kind ?? "any"), queryFn: () => fetchLatestPlan(kind) });
}

/** One plan by id (null: none asked for). */
export function usePlan(planId: number | null) {
  return useQuery({
    queryKey: queryKeys.basketPlan(planId ?? 0),
    queryFn: () => fetchPlan(planId ?? 0),
    enabled: planId !== null,
  });
}

/**
 * Planning the basket: the backend queues the solver as a run and answers at once; this hook
 * follows that run (or one already in progress, from another tab). The run stores the plan
 * after its first step and then works out the frontier: the plans are reloaded at both points.
 * `onStored` hears that the new plan can be read, `onFinished` how the run ended.
 */
export function usePlanBasket(onFinished: (run: Run) => void, onStored: () => void) {
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
  // The run whose plan was seen stored while its frontier is still being worked out.
  const [stored, setStored] = useState<number | null>(null);
  if (followed !== null && run !== undefined && isRunActive(run) && run.progress_done >= 1 && stored !== run.id) setStored(run.id);

  useEffect(() => {
    if (stored === null) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.basket }).then(onStored);
  }, [stored, queryClient, onStored]);

  useEffect(() => {
    if (finished === null) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.basket }).then(() => { onFinished(finished); });
  }, [finished, queryClient, onFinished]);

  function follow(started: Run) {
    queryClient.setQueryData(queryKeys.run(started.id), started);
    setFollowed(started);
  }

  const start = useMutation({ mutationFn: planBasket, onSuccess: follow });

  async function plan(request: PlanRequest = {}): Promise<void> {
    try {
      await start.mutateAsync(request);
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

/** Opens a frontier point's plan (stored as a plan of its own); resolves to it. */
export function useOpenFrontierPoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, maxSellers }: { planId: number; maxSellers: number }) => openFrontierPoint(planId, maxSellers),
    onSuccess: async (plan: BasketPlan) => {
      queryClient.setQueryData(queryKeys.basketPlan(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: queryKeys.latestBasket });
    },
  });
}

/** Marks a plan's item bought or not, then reloads the plan. */
export function useMarkBought(planId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ listingId, bought }: { listingId: number; bought: boolean }) => markBought(planId, listingId, bought),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.basket }),
  });
}
