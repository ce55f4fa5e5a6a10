import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { fetchLatestRun, listRuns, type RunKind, type RunListQuery } from "../services/runs";

/** The newest run of a kind (null when there has been none). */
export function useLatestRun(kind: RunKind) {
  return useQuery({ queryKey: queryKeys.latestRun(kind), queryFn: () => fetchLatestRun(kind) });
}

export function useRunList(query: RunListQuery) {
  return useQuery({
    queryKey: queryKeys.runList(query),
    queryFn: () => listRuns(query),
    placeholderData: keepPreviousData,
  });
}
