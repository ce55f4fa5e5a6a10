import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import type { CredentialStatus } from "../services/credentials";
import { linkDiscogsToken, startDiscogsOAuth } from "../services/discogs";

export function useLinkDiscogsToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personalToken: string) => linkDiscogsToken(personalToken),
    onSuccess: (status) => {
      queryClient.setQueryData<CredentialStatus[]>(queryKeys.credentials, (list) =>
        list?.map((item) => (item.service === status.service ? status : item)),
      );
      // Linking starts the want-list and collection syncs: what was known about the library and
      // its runs is stale, and the library pages follow the runs now in progress.
      void queryClient.invalidateQueries({ queryKey: queryKeys.library });
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

export function useStartDiscogsOAuth() {
  return useMutation({ mutationFn: startDiscogsOAuth });
}
