import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { queryKeys } from "../lib/queryClient";
import {
  fetchLibraryCounts,
  listCollection,
  listWants,
  type CollectionPage,
  type LibraryKind,
  type LibraryQuery,
  type WantPage,
} from "../services/library";

export interface LibraryPages {
  wants: WantPage;
  collection: CollectionPage;
}

function fetchPage<K extends LibraryKind>(kind: K, query: LibraryQuery, signal: AbortSignal): Promise<LibraryPages[K]> {
  return (kind === "wants" ? listWants(query, signal) : listCollection(query, signal)) as Promise<LibraryPages[K]>;
}

/** One page of the want list or collection; the previous page stays up while the next loads. */
export function useLibraryPage<K extends LibraryKind>(kind: K, query: LibraryQuery) {
  return useQuery({
    queryKey: queryKeys.libraryList(kind, query),
    queryFn: ({ signal }) => fetchPage(kind, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLibraryCounts() {
  return useQuery({ queryKey: queryKeys.libraryCounts, queryFn: fetchLibraryCounts });
}
