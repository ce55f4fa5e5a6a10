import { useQuery } from "@tanstack/react-query";
import { getFxStatus, type FxStatus } from "../services/fx";

export const fxStatusKey = ["fx", "status"] as const;

/** Rates change twice a day at most; while they are missing or stale the server retries every
 * few minutes, so the status is asked again each minute until the notice can go. */
export function useFxStatus() {
  return useQuery({
    queryKey: fxStatusKey,
    queryFn: getFxStatus,
    staleTime: 5 * 60_000,
    refetchInterval: (query) => (needsNotice(query.state.data) ? 60_000 : false),
  });
}

export function needsNotice(status: FxStatus | undefined): boolean {
  return status !== undefined && (status.missing || status.stale);
}
