import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import { createSearch, deleteSearch, getSearch, listSearches, updateSearch, type SavedSearch, type SearchInput } from "../services/searches";

export function useSearchList(page: number, perPage: number) {
  return useQuery({
    queryKey: queryKeys.searchList({ page, perPage }),
    queryFn: () => listSearches({ page, perPage }),
    placeholderData: keepPreviousData,
  });
}

export function useSearch(searchId: number) {
  return useQuery({ queryKey: queryKeys.search(searchId), queryFn: () => getSearch(searchId) });
}

function useSearchMutation<V>(mutationFn: (variables: V) => Promise<SavedSearch>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (search) => {
      queryClient.setQueryData(queryKeys.search(search.id), search);
      return queryClient.invalidateQueries({ queryKey: queryKeys.searches });
    },
  });
}

export function useCreateSearch() {
  return useSearchMutation((input: SearchInput) => createSearch(input));
}

export function useUpdateSearch(searchId: number) {
  return useSearchMutation((input: SearchInput) => updateSearch(searchId, input));
}

export function useDeleteSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (searchId: number) => deleteSearch(searchId),
    onSuccess: (_, searchId) => {
      queryClient.removeQueries({ queryKey: queryKeys.search(searchId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.searches });
    },
  });
}
