import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeError } from "../lib/api/errors";
import { toast } from "../lib/toast";
import { queryKeys } from "../lib/queryClient";
import {
  type AnyPressingChoice,
  fetchLibraryCounts,
  fetchLibraryPressings,
  setAnyPressing,
  type Want,
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

/** How often the pressings' progress is read again while some are being fetched. */
export const PRESSINGS_POLL_MS = 3_000;

/** The pressings' progress of both lists, read again while some albums are waiting for theirs. */
export function useLibraryPressings() {
  return useQuery({
    queryKey: queryKeys.libraryPressings,
    queryFn: ({ signal }) => fetchLibraryPressings(signal),
    refetchInterval: (query) => {
      const data = query.state.data;
      return data && data.wants.waiting + data.collection.waiting > 0 ? PRESSINGS_POLL_MS : false;
    },
  });
}

/** Changing a want's "any pressing" switch; the want list (and its market figures, which the
 * switch changes) is read again once the backend has it. */
export function useAnyPressing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ want, choice }: { want: Want; choice: AnyPressingChoice }) => setAnyPressing(want, choice),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.library }),
    onError: (error) => {
      toast.error(`Could not change the pressing: ${describeError(error)}`);
    },
  });
}
