import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { fetchLatestPlan, planBasket } from "../services/basket";

/** The most recent basket plan (null when none has been made yet). */
export function useLatestPlan() {
  return useQuery({ queryKey: queryKeys.latestBasket, queryFn: fetchLatestPlan });
}

/** Plans a new basket; the new plan becomes the latest one. */
export function usePlanBasket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: planBasket,
    onSuccess: (plan) => { queryClient.setQueryData(queryKeys.latestBasket, plan); },
  });
}
