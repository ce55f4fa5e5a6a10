import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import {
  deleteCredentials,
  listCredentials,
  saveCredentials,
  type CredentialStatus,
  type CredentialsInputByService,
  type MarketplaceService,
} from "../services/credentials";

export function useCredentials() {
  return useQuery({ queryKey: queryKeys.credentials, queryFn: listCredentials });
}

function replaceStatus(list: CredentialStatus[] | undefined, status: CredentialStatus): CredentialStatus[] | undefined {
  if (list === undefined) return undefined;
  const known = list.some((item) => item.service === status.service);
  return known ? list.map((item) => (item.service === status.service ? status : item)) : [...list, status];
}

export function useSaveCredentials<S extends MarketplaceService>(service: S) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CredentialsInputByService[S]) => saveCredentials(service, input),
    onSuccess: (status) => {
      queryClient.setQueryData<CredentialStatus[]>(queryKeys.credentials, (list) => replaceStatus(list, status));
    },
  });
}

export function useDeleteCredentials(service: MarketplaceService) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteCredentials(service),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
  });
}
