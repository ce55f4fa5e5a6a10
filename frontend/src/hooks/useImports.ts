import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { createImportToken, listImportTokens, listImports, revokeImportToken } from "../services/imports";

export function useImportTokens() {
  return useQuery({ queryKey: queryKeys.importTokens, queryFn: listImportTokens });
}

export function useCreateImportToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createImportToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.importTokens }),
  });
}

export function useRevokeImportToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeImportToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.importTokens }),
  });
}

/** The latest imports; polled while one is still being read. */
export function useImports() {
  return useQuery({
    queryKey: queryKeys.imports,
    queryFn: listImports,
    refetchInterval: (query) => (query.state.data?.some((item) => !item.done) ? 5_000 : false),
  });
}
