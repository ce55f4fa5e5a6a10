import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { fetchCurrentUser, updateCurrentUser, type UserUpdate } from "../services/auth";
import { useHasSession } from "./useSession";

export function useCurrentUser() {
  const hasSession = useHasSession();
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchCurrentUser, enabled: hasSession, staleTime: 5 * 60_000 });
}

export function useUpdateCurrentUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: UserUpdate) => updateCurrentUser(update),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
