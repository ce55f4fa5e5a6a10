import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import {
  followSeller,
  importFollowedSellers,
  listFollowedNames,
  listFollowedSellers,
  listSellerSuggestions,
  unfollowSeller,
} from "../services/sellers";

export function useFollowedSellerPage(page: number, perPage: number) {
  return useQuery({
    queryKey: queryKeys.followedSellerPage({ page, perPage }),
    queryFn: ({ signal }) => listFollowedSellers(page, perPage, signal),
    placeholderData: keepPreviousData,
  });
}

/** The names of every followed seller, lower-cased: Discogs names ignore case. */
export function useFollowedNames() {
  return useQuery({
    queryKey: queryKeys.followedSellerNames,
    queryFn: ({ signal }) => listFollowedNames(signal),
    select: (names) => new Set(names.map((name) => name.toLowerCase())),
  });
}

export function useSellerSuggestions() {
  return useQuery({ queryKey: queryKeys.sellerSuggestions, queryFn: ({ signal }) => listSellerSuggestions(signal) });
}

/** Following changes the list, the names and the suggestions alike. */
function useFollowMutation<T, R>(action: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.followedSellers }),
  });
}

export const useFollowSeller = () => useFollowMutation(followSeller);
export const useUnfollowSeller = () => useFollowMutation(unfollowSeller);
export const useImportFollowedSellers = () => useFollowMutation(importFollowedSellers);
