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
      // A newly linked account can be synced: whatever was known about the library is stale.
      void queryClient.invalidateQueries({ queryKey: queryKeys.library });
    },
  });
}

export function useStartDiscogsOAuth() {
  return useMutation({ mutationFn: startDiscogsOAuth });
}
