import type { SortOrder } from "../../hooks/useListParams";
import type { LibraryKind, LibrarySort } from "../../services/library";

export const LIBRARY_SORTS: readonly LibrarySort[] = ["added", "artist", "title", "year", "rating"];

/** Names and dates read best A→Z and newest first; years oldest first. */
export const FIRST_ORDER: Record<LibrarySort, SortOrder> = {
  added: "desc",
  artist: "asc",
  title: "asc",
  year: "asc",
  rating: "desc",
};

export const PER_PAGE = 25;

interface LibraryText {
  title: string;
  /** Counted items: "want"/"wants", "record"/"records". */
  one: string;
  many: string;
  onDiscogs: string;
  searchLabel: string;
}

export const LIBRARY_TEXT: Record<LibraryKind, LibraryText> = {
  wants: {
    title: "Want list",
    one: "want",
    many: "wants",
    onDiscogs: "your Discogs want list",
    searchLabel: "Search your want list",
  },
  collection: {
    title: "Collection",
    one: "record",
    many: "records",
    onDiscogs: "your Discogs collection",
    searchLabel: "Search your collection",
  },
};
