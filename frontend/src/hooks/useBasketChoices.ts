import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { fetchChoices, fetchWantChoices, saveChoices, saveWantChoice, type WantChoiceBody } from "../services/basket";

export const WANT_CHOICES_PER_PAGE = 10;

/** The basket choices (grades, budget, cap, default value), defaults when never saved. */
export function useBasketChoices() {
  return useQuery({ queryKey: queryKeys.basketChoices, queryFn: fetchChoices });
}

export function useSaveChoices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveChoices,
    onSuccess: (saved) => { queryClient.setQueryData(queryKeys.basketChoices, saved); },
  });
}

/** One page of the wants with their basket choices. */
export function useWantChoices(page: number) {
  return useQuery({
    queryKey: queryKeys.basketWants(page),
    queryFn: () => fetchWantChoices(page, WANT_CHOICES_PER_PAGE),
    placeholderData: keepPreviousData,
  });
}

export function useSaveWantChoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ wantId, body }: { wantId: number; body: WantChoiceBody }) => saveWantChoice(wantId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["basket", "wants"] }),
  });
}
