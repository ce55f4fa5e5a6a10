import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { getReleasePrices, getReleaseView, type GradeBand, type PriceRange } from "../services/releases";

export function useReleaseView(releaseId: number) {
  return useQuery({ queryKey: queryKeys.release(releaseId), queryFn: () => getReleaseView(releaseId) });
}

export function useReleasePrices(releaseId: number, days: PriceRange, grade: GradeBand | null) {
  return useQuery({
    queryKey: queryKeys.releasePrices(releaseId, { days, grade }),
    queryFn: ({ signal }) => getReleasePrices(releaseId, { days, grade }, signal),
    placeholderData: keepPreviousData,
  });
}
