import { useQuery } from "@tanstack/react-query";
import { recordDashboardVisit } from "../services/dashboard";

/**
 * When the user's previous dashboard visit ended (null on the first visit), as the server
 * keeps it. The server counts reloads, a second tab or a remount within a visit as the same
 * visit, so asking again does not move "new since" to now.
 */
export function useLastVisit() {
  return useQuery({
    queryKey: ["dashboard", "visit"],
    queryFn: recordDashboardVisit,
    staleTime: 5 * 60 * 1000,
    refetchOnWindowFocus: false,
  });
}
