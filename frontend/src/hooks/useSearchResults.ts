import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeError } from "../lib/api/errors";
import { queryKeys } from "../lib/queryClient";
import { toast } from "../lib/toast";
import { decideMatch, listResults, listSellers, type Match, type ResultPage, type ResultQuery, type Verdict } from "../services/results";

export function useResultPage(searchId: number, query: ResultQuery) {
  return useQuery({
    queryKey: queryKeys.resultPage(searchId, query),
    queryFn: ({ signal }) => listResults(searchId, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSellerPage(searchId: number, page: number, perPage: number) {
  return useQuery({
    queryKey: queryKeys.sellerPage(searchId, { page, perPage }),
    queryFn: ({ signal }) => listSellers(searchId, { page, perPage }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The page as the backend shows it after the verdict: a rejected listing leaves the results. */
function withDecision(page: ResultPage, match: Match): ResultPage {
  if (match.decision === "rejected") {
    const items = page.items.filter((item) => item.match?.id !== match.id);
    return { ...page, items, total: page.total - (page.items.length - items.length) };
  }
  return { ...page, items: page.items.map((item) => (item.match?.id === match.id ? { ...item, match } : item)) };
}

/** The match as the backend stores it after the verdict. */
function decided(match: Match, verdict: Verdict): Match {
  return verdict === "confirmed" ? { ...match, decision: verdict, score: 1, confidence: "high", verdict: "same" } : { ...match, decision: verdict };
}

const DECISION_KEY = ["matchDecision"] as const;

/**
 * Confirming or rejecting a match: the results show the answer at once (a rejected listing
 * leaves them) and go back to what they were, with a toast, if the backend does not take it.
 */
export function useMatchDecision(searchId: number) {
  const queryClient = useQueryClient();
  const pagesKey = queryKeys.resultPages(searchId);
  return useMutation({
    mutationKey: DECISION_KEY,
    mutationFn: ({ match, verdict }: { match: Match; verdict: Verdict }) => decideMatch(match.id, verdict),
    onMutate: async ({ match, verdict }) => {
      await queryClient.cancelQueries({ queryKey: pagesKey });
      const snapshot = queryClient.getQueriesData<ResultPage>({ queryKey: pagesKey });
      queryClient.setQueriesData<ResultPage>({ queryKey: pagesKey }, (page) => page && withDecision(page, decided(match, verdict)));
      return { snapshot };
    },
    onSuccess: (saved) => {
      queryClient.setQueriesData<ResultPage>({ queryKey: pagesKey }, (page) => page && withDecision(page, saved));
      if (saved.decision === "rejected") toast.info("Match rejected: the listing no longer shows in the results.");
    },
    onError: (error, _variables, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      toast.error(`Your answer was not saved. ${describeError(error)}`);
    },
    onSettled: async () => {
      // With several answers on their way, refetching now could bring back a stale state.
      if (queryClient.isMutating({ mutationKey: DECISION_KEY }) > 1) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.searchResults(searchId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.releases }),
        queryClient.invalidateQueries({ queryKey: queryKeys.latestBasket }),
      ]);
    },
  });
}
